// GET /v1/wards: the wards this server holds (the app's ward picker during enrolment).
import type { FastifyInstance } from 'fastify';
import type { Ward } from '../../shared';
import type { Store } from '../store';

export function registerWards(app: FastifyInstance, store: Store): void {
  app.get('/v1/wards', async (): Promise<{ wards: Ward[] }> => ({ wards: await store.listWards() }));
}
