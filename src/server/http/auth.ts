// /v1/auth: sign-in, sign-out, who am I, password change, device enrollment and a revoked device's
// erase report (docs/auth.md rules 1–5, 7). Sign-in, enrollment, password change and the erase report
// are rate-limited per IP; wrong passwords also lock the username for a while.
import type { FastifyInstance } from 'fastify';
import {
  changePasswordBodySchema,
  enrollBodySchema,
  eraseReportBodySchema,
  loginBodySchema,
  loginResponseSchema,
  meResponseSchema,
  enrollResponseSchema,
  passwordChangedSchema,
  newId,
  normaliseInvitationCode,
  type EnrollResponse,
  type LoginResponse,
  type MeResponse,
} from '../../shared';
import { USERNAME_PATTERN } from '../auth/bootstrap';
import type { AuthContext } from '../auth/options';
import type { LoginRecord } from '../store';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/password';
import { appVersion, authenticate, principalOf } from '../auth/principal';
import { hashInvitationCode, hashToken, newToken } from '../auth/tokens';
import { ApiError } from './errors';
import { routeDoc } from './openapi-meta';
import { parse } from './parse';
import { accountView } from './views';

/** Sign-in and password-change answers also say whether the password must be changed first. */
export type SignInResponse = LoginResponse & { mustChangePassword: boolean };

// eslint-disable-next-line no-control-regex -- control characters are dropped from labels
const CONTROL = /[\u0000-\u001f\u007f]/g;

function cleanLabel(value: string | undefined): string | null {
  const text = value?.replace(CONTROL, ' ').trim();
  return text ? text : null;
}

export function lockedError(lockedUntil: Date, now: Date): ApiError {
  const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new ApiError(
    'rate_limited',
    `Too many wrong passwords: this account is locked for ${Math.ceil(seconds / 60)} minute(s).`,
    { 'retry-after': String(seconds) },
  );
}

export function registerAuth(app: FastifyInstance, ctx: AuthContext): void {
  const { store, options } = ctx;
  // One counter per route and IP, checked first: before the body is parsed or the token looked up.
  const limit = () => app.rateLimit({ max: options.rateLimitMax, timeWindow: options.rateLimitWindowMs });

  /** Checks a username's password, counting failures and enforcing the lock; returns the account. */
  async function checkPassword(username: string | undefined, password: string): Promise<LoginRecord> {
    const now = ctx.now();
    const login = username === undefined ? undefined : await store.findLogin(username);
    if (login?.lockedUntil && login.lockedUntil.getTime() > now.getTime()) {
      throw lockedError(login.lockedUntil, now);
    }
    const ok =
      login?.passwordHash != null
        ? await verifyPassword(password, login.passwordHash)
        : await verifyAgainstDummy(password);
    if (login !== undefined && !ok) {
      const lockedUntil = await store.recordLoginFailure(
        login.id,
        now,
        options.lockoutThreshold,
        options.lockoutMs,
      );
      if (lockedUntil !== null) throw lockedError(lockedUntil, now);
    }
    if (login === undefined || !ok) throw new ApiError('invalid_credentials', 'Wrong username or password.');
    if (login.failedLogins > 0 || login.lockedUntil !== null) await store.recordLoginSuccess(login.id);
    return login;
  }

  const loginDoc = routeDoc({
    tag: 'auth',
    summary: 'Sign in with username and password: a 12-hour session token',
    access: 'anyone (rate-limited per IP; 5 wrong passwords lock the username)',
    body: loginBodySchema,
    response: loginResponseSchema,
  });
  app.post(
    '/v1/auth/login',
    { onRequest: limit(), config: loginDoc },
    async (request): Promise<SignInResponse> => {
      const body = parse(loginBodySchema, request.body, 'invalid_body', 'body');
      const username = body.username.trim().toLowerCase();
      const login = await checkPassword(
        USERNAME_PATTERN.test(username) ? username : undefined,
        body.password,
      );
      const now = ctx.now();
      const token = newToken();
      const expiresAt = new Date(now.getTime() + options.sessionTtlMs);
      await store.createSession(hashToken(token), login.id, now, expiresAt);
      request.log.info({ accountId: login.id, role: login.role }, 'signed in');
      return {
        token,
        expiresAt: expiresAt.toISOString(),
        account: accountView(login),
        mustChangePassword: login.mustChangePassword,
      };
    },
  );

  app.post(
    '/v1/auth/logout',
    {
      onRequest: authenticate(ctx, { beforePasswordChange: true }),
      config: routeDoc({
        tag: 'auth',
        summary: 'Sign out: the session token stops working; answers {signedOut: true}',
        access: 'officer or administrator session (a device token gets 403)',
      }),
    },
    async (request) => {
      const principal = principalOf(request);
      if (principal.sessionHash === undefined) {
        throw new ApiError('forbidden', 'A device cannot sign out; its ward officer revokes it.');
      }
      await store.revokeSession(principal.sessionHash, ctx.now());
      return { signedOut: true };
    },
  );

  app.get(
    '/v1/auth/me',
    {
      onRequest: authenticate(ctx, { beforePasswordChange: true }),
      config: routeDoc({
        tag: 'auth',
        summary: "The caller's account (and device, for a device token)",
        access: 'any signed-in principal, also before a one-time password is changed',
        response: meResponseSchema,
      }),
    },
    async (request): Promise<MeResponse & { mustChangePassword: boolean }> => {
      const principal = principalOf(request);
      const account = await store.getAccount(principal.accountId);
      if (account === undefined) throw new ApiError('unauthenticated', 'This account no longer exists.');
      return {
        account: accountView(account),
        ...(principal.deviceId !== undefined && principal.deviceStatus !== undefined
          ? { device: { id: principal.deviceId, status: principal.deviceStatus } }
          : {}),
        mustChangePassword: account.mustChangePassword,
      };
    },
  );

  app.post(
    '/v1/auth/password',
    {
      onRequest: [limit(), authenticate(ctx, { beforePasswordChange: true })],
      config: routeDoc({
        tag: 'auth',
        summary: "Change the caller's password; the account's other sessions end",
        access:
          'officer or administrator session (rate-limited per IP; wrong passwords count towards the lock)',
        body: changePasswordBodySchema,
        response: passwordChangedSchema,
      }),
    },
    async (request) => {
      const principal = principalOf(request);
      if (principal.sessionHash === undefined) {
        throw new ApiError('forbidden', 'Devices have no password: the PIN stays on the phone.');
      }
      const body = parse(changePasswordBodySchema, request.body, 'invalid_body', 'body');
      const account = await store.getAccount(principal.accountId);
      if (account?.username == null) throw new ApiError('forbidden', 'This account has no password.');
      await checkPassword(account.username, body.currentPassword);
      if (body.newPassword.normalize('NFC') === body.currentPassword.normalize('NFC')) {
        throw new ApiError('invalid_body', 'Invalid body: newPassword: password.unchanged');
      }
      await store.setPassword(account.id, await hashPassword(body.newPassword), false);
      // Other sessions (perhaps whoever saw the old password) end; this one continues.
      await store.revokeSessionsOf(account.id, ctx.now(), principal.sessionHash);
      request.log.info({ accountId: account.id }, 'password changed');
      return { account: accountView(account), mustChangePassword: false };
    },
  );

  const enrollDoc = routeDoc({
    tag: 'auth',
    summary: 'Enrol a phone with an invitation code: a device id and device token',
    access: 'anyone with an invitation code (rate-limited per IP)',
    body: enrollBodySchema,
    response: enrollResponseSchema,
    status: 201,
  });
  app.post(
    '/v1/auth/enroll',
    { onRequest: limit(), config: enrollDoc },
    async (request, reply): Promise<EnrollResponse> => {
      const body = parse(enrollBodySchema, request.body, 'invalid_body', 'body', { rawText: true });
      const code = normaliseInvitationCode(body.code);
      const invalid = () =>
        new ApiError(
          'invitation_invalid',
          'This code is unknown, expired or already used: ask your ward officer for a new one.',
        );
      if (code === null) throw invalid();
      const token = newToken();
      const deviceId = newId();
      const version = cleanLabel(body.appVersion) ?? appVersion(request) ?? null;
      const account = await store.enroll(
        hashInvitationCode(code),
        {
          id: deviceId,
          tokenHash: hashToken(token),
          label: cleanLabel(body.deviceLabel),
          appVersion: version,
        },
        ctx.now(),
      );
      if (account === undefined) throw invalid();
      const ward = account.wardCode === null ? undefined : await store.getWard(account.wardCode);
      if (ward === undefined) throw new Error(`enrolled account ${account.id} has no ward`);
      request.log.info({ accountId: account.id, deviceId }, 'device enrolled');
      void reply.code(201);
      return { deviceId, deviceToken: token, account: accountView(account), ward };
    },
  );

  app.post(
    '/v1/auth/device/erased',
    {
      onRequest: [limit(), authenticate(ctx, { retiring: true, lost: true })],
      config: routeDoc({
        tag: 'auth',
        summary: 'A device reports how many records it held unsynced, then erases itself: {erased, status}',
        access: 'a device token, also of a retiring or lost device (rate-limited per IP); the token dies',
        body: eraseReportBodySchema,
      }),
    },
    async (request) => {
      const principal = principalOf(request);
      // A revoked device reports before erasing; an active one does when its user signs out and erases
      // it — either way the officer sees how many records were left unsynced.
      if (principal.deviceId === undefined) {
        throw new ApiError('forbidden', 'Only a device reports its erasure.');
      }
      const body = parse(eraseReportBodySchema, request.body, 'invalid_body', 'body');
      const device = await store.recordErasure(principal.deviceId, body.unsyncedCount, ctx.now());
      if (device === undefined)
        throw new ApiError('token_revoked', 'This device already reported its erasure.');
      request.log.info(
        { deviceId: device.id, status: device.status, unsyncedAtErase: device.unsyncedAtErase },
        'device reported its erasure',
      );
      return { erased: true, status: device.status };
    },
  );
}
