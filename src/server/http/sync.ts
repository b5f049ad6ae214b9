// The sync endpoints (docs/sync.md "Wire protocol"): GET /v1/sync/:collection/pull and
// POST /v1/sync/:collection/push. Checks, in order: collection, protocol header, principal (before the
// body is read), body size, query, body, scope. The scope comes from the principal; the wardCode query
// parameter must name the principal's ward (docs/auth.md rule 6).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  MIN_PROTOCOL_VERSION,
  PROTOCOL_HEADER,
  PUSHABLE_COLLECTIONS,
  SYNC_COLLECTIONS,
  pullQuerySchema,
  pushBodySchema,
  pushQuerySchema,
  type PullResponse,
  type PushResponse,
  type SyncCollection,
} from '../../shared';
import { syncScope } from '../auth/guards';
import type { AuthContext } from '../auth/options';
import { authenticate, principalOf, recordSync } from '../auth/principal';
import { PULL_LIMIT_DEFAULT, pull } from '../sync/pull';
import { push } from '../sync/push';
import { ApiError } from './errors';
import { parse } from './parse';

/** Push batches are at most PUSH_ROWS_MAX documents; 8 MB leaves room for long ones. */
export const PUSH_BODY_LIMIT = 8 * 1024 * 1024;

type CollectionParams = { Params: { collection: string } };

function toCollection(name: string, pushable = false): SyncCollection {
  const collection = SYNC_COLLECTIONS.find((c) => c === name);
  if (collection === undefined || (pushable && !PUSHABLE_COLLECTIONS.includes(collection))) {
    throw new ApiError(
      'not_found',
      pushable ? `Collection "${name}" cannot be pushed.` : `No collection "${name}".`,
    );
  }
  return collection;
}

/** Invariant: an app older than MIN_PROTOCOL_VERSION gets 426 and keeps its unsynced records. */
function checkProtocol(header: string | string[] | undefined): void {
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
    toCollection(request.params.collection, pushable);
    checkProtocol(request.headers[PROTOCOL_HEADER]);
  };

  app.get<CollectionParams>(
    '/v1/sync/:collection/pull',
    { onRequest: [gate(false), authenticate(ctx)] },
    async (request): Promise<PullResponse> => {
      const principal = principalOf(request);
      const collection = toCollection(request.params.collection);
      const query = parse(pullQuerySchema, request.query, 'bad_request', 'query');
      const groups = syncScope(principal, query.wardCode);
      const answer = await pull(
        store,
        collection,
        query.wardCode,
        query.seq,
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
    { bodyLimit: PUSH_BODY_LIMIT, onRequest: [gate(true), authenticate(ctx, { retiring: true })] },
    async (request): Promise<PushResponse> => {
      const principal = principalOf(request);
      const collection = toCollection(request.params.collection, true);
      const query = parse(pushQuerySchema, request.query, 'bad_request', 'query');
      const groups = syncScope(principal, query.wardCode);
      const body = parse(pushBodySchema, request.body, 'invalid_body', 'body');
      const answer = await push(store, collection, query.wardCode, body.rows, groups);
      await recordSync(ctx, principal);
      return answer;
    },
  );
}
