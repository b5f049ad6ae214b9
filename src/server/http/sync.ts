// The sync endpoints (docs/sync.md "Wire protocol"): GET /v1/sync/:collection/pull (with the scoped
// checkpoint), POST /v1/sync/:collection/push and GET /v1/sync/ward-settings; the live stream is
// http/events.ts. Checks, in order: collection, protocol header, principal (before the body is read),
// body size, query, body, scope. The scope comes from the principal; the wardCode query parameter must
// name the principal's ward (docs/auth.md rule 6).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod/mini';
import {
  MIN_PROTOCOL_VERSION,
  PROTOCOL_HEADER,
  PUSHABLE_COLLECTIONS,
  SYNC_COLLECTIONS,
  checkpointOfQuery,
  pullQuerySchema,
  pullResponseSchema,
  pushBodySchema,
  pushQuerySchema,
  pushResponseSchema,
  wardCodeSchema,
  wardSettingsResponseSchema,
  type PullResponse,
  type PushResponse,
  type PushableCollection,
  type SyncCollection,
  type WardSettingsResponse,
} from '../../shared';
import { pushDetail } from '../audit/details';
import { auditEntry } from '../audit/record';
import { requireWard, syncScope } from '../auth/guards';
import type { AuthContext } from '../auth/options';
import { authenticate, principalOf, recordSync } from '../auth/principal';
import { PULL_LIMIT_DEFAULT, pull } from '../sync/pull';
import { push } from '../sync/push';
import { ApiError } from './errors';
import { routeDoc } from './openapi-meta';
import { parse } from './parse';

/** Push batches are at most PUSH_ROWS_MAX documents; 8 MB leaves room for long ones. */
export const PUSH_BODY_LIMIT = 8 * 1024 * 1024;

type CollectionParams = { Params: { collection: string } };

function toCollection(name: string): SyncCollection {
  const collection = SYNC_COLLECTIONS.find((c) => c === name);
  if (collection === undefined) throw new ApiError('not_found', `No collection "${name}".`);
  return collection;
}

/** Groups exist but are pull-only for devices (officers manage them). */
function toPushable(name: string): PushableCollection {
  const collection = PUSHABLE_COLLECTIONS.find((c) => c === name);
  if (collection === undefined) {
    toCollection(name);
    throw new ApiError('not_found', `Collection "${name}" cannot be pushed.`);
  }
  return collection;
}

const wardQuerySchema = z.object({ wardCode: wardCodeSchema });

/** Invariant: an app older than MIN_PROTOCOL_VERSION gets 426 and keeps its unsynced records. */
export function checkProtocol(header: string | string[] | undefined): void {
  const value = typeof header === 'string' ? header.trim() : '';
  const version = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(version >= MIN_PROTOCOL_VERSION)) {
    throw new ApiError(
      'client_too_old',
      `This server needs sync protocol ${MIN_PROTOCOL_VERSION} or newer in header ${PROTOCOL_HEADER}; update the app.`,
    );
  }
}

export function registerSync(app: FastifyInstance, ctx: AuthContext): void {
  const { store } = ctx;
  // Checked on request, before the body is read: an old app gets 426 whatever it sends.
  const gate = (pushable: boolean) => async (request: FastifyRequest<CollectionParams>) => {
    if (pushable) toPushable(request.params.collection);
    else toCollection(request.params.collection);
    checkProtocol(request.headers[PROTOCOL_HEADER]);
  };
  const protocolGate = async (request: FastifyRequest) => checkProtocol(request.headers[PROTOCOL_HEADER]);

  app.get<CollectionParams>(
    '/v1/sync/:collection/pull',
    {
      onRequest: [gate(false), authenticate(ctx)],
      config: routeDoc({
        tag: 'sync',
        summary: 'Pull a collection (residents, groups, sessions, completions) after a checkpoint',
        access: `officer, leader or volunteer of the ward (their groups only); header ${PROTOCOL_HEADER} required`,
        query: pullQuerySchema,
        response: pullResponseSchema,
      }),
    },
    async (request): Promise<PullResponse> => {
      const principal = principalOf(request);
      const collection = toCollection(request.params.collection);
      const query = parse(pullQuerySchema, request.query, 'bad_request', 'query');
      const groups = syncScope(principal, query.wardCode);
      const answer = await pull(
        store,
        collection,
        query.wardCode,
        checkpointOfQuery(query),
        query.limit ?? PULL_LIMIT_DEFAULT,
        groups,
      );
      await recordSync(ctx, principal);
      return answer;
    },
  );

  // A retiring device may still upload what it holds (docs/auth.md rule 5).
  app.post<CollectionParams>(
    '/v1/sync/:collection/push',
    {
      bodyLimit: PUSH_BODY_LIMIT,
      onRequest: [gate(true), authenticate(ctx, { retiring: true })],
      config: routeDoc({
        tag: 'sync',
        summary: 'Push documents (residents, sessions, completions): conflicts and put-aside rows',
        access: `officer, leader or volunteer of the ward, also a retiring device; header ${PROTOCOL_HEADER} required`,
        query: pushQuerySchema,
        body: pushBodySchema,
        response: pushResponseSchema,
      }),
    },
    async (request): Promise<PushResponse> => {
      const principal = principalOf(request);
      const collection = toPushable(request.params.collection);
      const query = parse(pushQuerySchema, request.query, 'bad_request', 'query');
      const groups = syncScope(principal, query.wardCode);
      const body = parse(pushBodySchema, request.body, 'invalid_body', 'body', { rawText: true });
      // The audit entry is written in the push's own transaction (A5: logged if and only if it commits).
      const { written: _written, ...answer } = await push(
        store,
        collection,
        query.wardCode,
        body.rows,
        groups,
        (outcome) =>
          body.rows.length === 0
            ? null
            : auditEntry(
                request,
                query.wardCode,
                'change.sync',
                collection,
                pushDetail(body.rows.length, outcome.written, outcome),
              ),
      );
      await recordSync(ctx, principal);
      return answer;
    },
  );

  // The ward's coverage settings, for the group tally offline: any principal of the ward.
  app.get(
    '/v1/sync/ward-settings',
    {
      onRequest: [protocolGate, authenticate(ctx)],
      config: routeDoc({
        tag: 'sync',
        summary: "The ward's coverage settings, for the group tally offline",
        access: `officer, leader or volunteer of the ward; header ${PROTOCOL_HEADER} required`,
        query: wardQuerySchema,
        response: wardSettingsResponseSchema,
      }),
    },
    async (request): Promise<WardSettingsResponse> => {
      const principal = principalOf(request);
      const { wardCode } = parse(wardQuerySchema, request.query, 'bad_request', 'query');
      requireWard(principal, wardCode);
      const settings = await store.getWardSettings(wardCode);
      if (settings === undefined) throw new ApiError('ward_not_found', `No ward ${wardCode} on this server.`);
      await recordSync(ctx, principal);
      return { wardCode, settings };
    },
  );
}
