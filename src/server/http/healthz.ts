// GET /healthz: liveness plus a database round trip, for load balancers and the operator.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import type { Store } from '../store';
import { ApiError } from './errors';
import { routeDoc } from './openapi-meta';

const packageSchema = z.object({ version: z.string() });

/** The running server's version, from package.json (read once at start). */
export const SERVER_VERSION = packageSchema.parse(
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')),
).version;

export function registerHealthz(app: FastifyInstance, store: Store): void {
  const doc = routeDoc({
    tag: 'health',
    summary: 'Liveness and a database round trip: {status, db, version}',
    access: 'public, no sign-in',
  });
  app.get('/healthz', { config: doc }, async (request) => {
    try {
      await store.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'database ping failed');
      throw new ApiError('unavailable', 'The database is not answering; retry later.');
    }
    return { status: 'ok', db: store.kind, version: SERVER_VERSION };
  });
}
