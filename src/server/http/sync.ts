// The sync endpoints (docs/sync.md "Wire protocol"): GET /v1/sync/:collection/pull and
// POST /v1/sync/:collection/push. Checks, in order: collection, protocol header, body size, query, body, ward.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod/mini';
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
import type { Store } from '../store';
import { PULL_LIMIT_DEFAULT, pull } from '../sync/pull';
import { push } from '../sync/push';
import { ApiError } from './errors';

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

function parse<T>(
  schema: z.ZodMiniType<T>,
  value: unknown,
  code: 'bad_request' | 'invalid_body',
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
    throw new ApiError(code, `Invalid ${what}: ${details}`);
  }
  return result.data;
}

async function requireWard(store: Store, wardCode: string): Promise<void> {
  if ((await store.getWard(wardCode)) === undefined) {
    throw new ApiError('ward_not_found', `Ward ${wardCode} is not registered on this server.`);
  }
}

export function registerSync(app: FastifyInstance, store: Store): void {
  // Checked on request, before the body is read: an old app gets 426 whatever it sends.
  const gate = (pushable: boolean) => async (request: FastifyRequest<CollectionParams>) => {
    toCollection(request.params.collection, pushable);
    checkProtocol(request.headers[PROTOCOL_HEADER]);
  };

  app.get<CollectionParams>(
    '/v1/sync/:collection/pull',
    { onRequest: gate(false) },
    async (request): Promise<PullResponse> => {
      const collection = toCollection(request.params.collection);
      const query = parse(pullQuerySchema, request.query, 'bad_request', 'query');
      await requireWard(store, query.wardCode);
      return pull(store, collection, query.wardCode, query.seq, query.limit ?? PULL_LIMIT_DEFAULT);
    },
  );

  app.post<CollectionParams>(
    '/v1/sync/:collection/push',
    { bodyLimit: PUSH_BODY_LIMIT, onRequest: gate(true) },
    async (request): Promise<PushResponse> => {
      const collection = toCollection(request.params.collection, true);
      const query = parse(pushQuerySchema, request.query, 'bad_request', 'query');
      const body = parse(pushBodySchema, request.body, 'invalid_body', 'body');
      await requireWard(store, query.wardCode);
      return push(store, collection, query.wardCode, body.rows);
    },
  );
}
