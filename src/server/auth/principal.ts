// Who is calling: resolves `Authorization: Bearer <token>` to a Principal before the body is read
// (docs/auth.md "Principals", rule 5). Scope (ward, groups) always comes from the account row.
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { APP_VERSION_HEADER, type DeviceStatus, type Role } from '../../shared';
import { ApiError } from '../http/errors';
import type { TokenRecord } from '../store';
import type { AuthContext } from './options';
import { bearerToken, hashToken } from './tokens';

export interface Principal {
  accountId: string;
  role: Role;
  /** null only for administrators. */
  wardCode: string | null;
  /** Leaders and volunteers: their groups. Officers (whole ward) and administrators (none): empty. */
  groupIds: readonly string[];
  /** Set when the token is a device token. */
  deviceId?: string;
  deviceStatus?: DeviceStatus;
  /** Set when the token is a session (officer, administrator): the stored hash, for sign-out. */
  sessionHash?: string;
  mustChangePassword: boolean;
  /** The device's last recorded sync, to throttle writing it. */
  lastSyncAt?: Date | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authenticate hook; null on public routes. */
    principal: Principal | null;
  }
}

/** Exceptions to "an active, fully set-up principal only", per route. */
export interface RouteAccess {
  /** A retiring device may call this route (push, erase report). */
  retiring?: boolean;
  /** A lost device that has not reported its erasure yet may call this route (erase report). */
  lost?: boolean;
  /** An account that must still change its one-time password may call this route. */
  beforePasswordChange?: boolean;
}

/** The onRequest hook that authenticates a route: 401/403 before the body is even read. */
export function authenticate(ctx: AuthContext, access: RouteAccess = {}): onRequestAsyncHookHandler {
  return async (request) => {
    request.principal = await resolve(ctx, request, access);
  };
}

/** The principal of an authenticated route. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new Error('route is missing its authenticate hook');
  return request.principal;
}

async function resolve(ctx: AuthContext, request: FastifyRequest, access: RouteAccess): Promise<Principal> {
  const token = bearerToken(request.headers.authorization);
  if (token === undefined) {
    throw new ApiError('unauthenticated', 'Sign in first: send the header Authorization: Bearer <token>.');
  }
  const record = await ctx.store.resolveToken(hashToken(token));
  if (record === undefined) throw new ApiError('unauthenticated', 'Unknown token: sign in or enrol again.');
  const now = ctx.now();
  return record.kind === 'session'
    ? sessionPrincipal(ctx, record, now, access)
    : devicePrincipal(ctx, record, now, access, appVersion(request));
}

async function sessionPrincipal(
  ctx: AuthContext,
  record: Extract<TokenRecord, { kind: 'session' }>,
  now: Date,
  access: RouteAccess,
): Promise<Principal> {
  const { account, session } = record;
  if (session.revokedAt !== null) {
    throw new ApiError('token_revoked', 'This session was signed out: sign in again.');
  }
  if (session.expiresAt.getTime() <= now.getTime()) {
    throw new ApiError('session_expired', 'The session has expired: sign in again.');
  }
  if (account.mustChangePassword && access.beforePasswordChange !== true) {
    throw new ApiError('forbidden', 'Change the one-time password first (POST /v1/auth/password).');
  }
  if (stale(session.lastSeenAt, now, ctx.options.touchIntervalMs)) {
    await ctx.store.touchSession(session.tokenHash, now);
  }
  return {
    accountId: account.id,
    role: account.role,
    wardCode: account.wardCode,
    groupIds: account.role === 'leader' || account.role === 'volunteer' ? account.groupIds : [],
    sessionHash: session.tokenHash,
    mustChangePassword: account.mustChangePassword,
  };
}

async function devicePrincipal(
  ctx: AuthContext,
  record: Extract<TokenRecord, { kind: 'device' }>,
  now: Date,
  access: RouteAccess,
  version: string | undefined,
): Promise<Principal> {
  const { account, device } = record;
  if (device.erasedAt !== null || device.status === 'retired') {
    throw new ApiError('token_revoked', 'This device was retired and erased: enrol it again to use it.');
  }
  if (device.status === 'lost' && access.lost !== true) {
    throw new ApiError(
      'token_revoked',
      'This device was reported lost or stolen: it must erase its data and be enrolled again.',
    );
  }
  if (device.status === 'retiring' && access.retiring !== true) {
    throw new ApiError(
      'device_retired',
      'This device was retired: upload what it holds, report and erase (POST /v1/auth/device/erased).',
    );
  }
  const versionChanged = version !== undefined && version !== device.appVersion;
  if (versionChanged || stale(device.lastSeenAt, now, ctx.options.touchIntervalMs)) {
    await ctx.store.touchDevice(device.id, now, versionChanged ? { appVersion: version } : {});
  }
  return {
    accountId: account.id,
    role: account.role,
    wardCode: account.wardCode,
    groupIds: account.groupIds,
    deviceId: device.id,
    deviceStatus: device.status,
    mustChangePassword: false,
    lastSyncAt: device.lastSyncAt,
  };
}

/** After a successful sync call: the device's last sync time (throttled). */
export async function recordSync(ctx: AuthContext, principal: Principal): Promise<void> {
  if (principal.deviceId === undefined) return;
  const now = ctx.now();
  if (stale(principal.lastSyncAt ?? null, now, ctx.options.touchIntervalMs)) {
    await ctx.store.touchDevice(principal.deviceId, now, { sync: true });
  }
}

function stale(last: Date | null, now: Date, intervalMs: number): boolean {
  return last === null || now.getTime() - last.getTime() >= intervalMs;
}

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const PRINTABLE = /^[^\u0000-\u001f\u007f]{1,40}$/;

/** The app's version header, when it is a short printable string (shown to officers). */
export function appVersion(request: FastifyRequest): string | undefined {
  const value = request.headers[APP_VERSION_HEADER];
  const text = typeof value === 'string' ? value.trim() : '';
  return PRINTABLE.test(text) ? text : undefined;
}
