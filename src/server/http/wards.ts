// GET /v1/wards: the wards the caller may see — every ward for an administrator, otherwise their own.
import type { FastifyInstance } from 'fastify';
import type { Ward } from '../../shared';
import type { AuthContext } from '../auth/options';
import { authenticate, principalOf } from '../auth/principal';
import { routeDoc } from './openapi-meta';

export function registerWards(app: FastifyInstance, ctx: AuthContext): void {
  const { store } = ctx;
  app.get(
    '/v1/wards',
    {
      onRequest: authenticate(ctx),
      config: routeDoc({
        tag: 'ward',
        summary: 'The wards the caller may see: every ward for an administrator, else their own',
        access: 'any signed-in principal',
      }),
    },
    async (request): Promise<{ wards: Ward[] }> => {
      const principal = principalOf(request);
      if (principal.role === 'admin') return { wards: await store.listWards() };
      const own = principal.wardCode === null ? undefined : await store.getWard(principal.wardCode);
      return { wards: own === undefined ? [] : [own] };
    },
  );
}
