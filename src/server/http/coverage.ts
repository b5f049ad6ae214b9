// Coverage endpoints (docs/ward.md): a ward's figures on a date (its officer, or an administrator), and a
// province's roll-up across its wards (administrators). Computed in SQL, assembled by the shared code.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod/mini';
import {
  coverageQuerySchema,
  coverageResponseSchema,
  provinceCoverageResponseSchema,
  type CoverageResponse,
  type ProvinceCoverageResponse,
} from '../../shared';
import { requireRole, requireWard } from '../auth/guards';
import type { AuthContext } from '../auth/options';
import { authenticate, principalOf } from '../auth/principal';
import { provinceCoverageResponse, vietnamToday, wardCoverageResponse } from '../ward/coverage';
import { ApiError } from './errors';
import { routeDoc } from './openapi-meta';
import { parse, wardParam } from './parse';

type WardQuery = { Params: { ward: string }; Querystring: unknown };
type ProvinceQuery = { Params: { province: string }; Querystring: unknown };

const provinceCodeSchema = z.string().check(z.regex(/^\d{2}$/));

/** The officer of the ward, or an administrator (who sees every ward). */
export function wardReader(request: FastifyRequest<{ Params: { ward: string } }>): string {
  const principal = principalOf(request);
  const ward = wardParam(request.params.ward);
  if (principal.role !== 'admin') {
    requireRole(principal, 'officer');
    requireWard(principal, ward);
  }
  return ward;
}

export function registerCoverage(app: FastifyInstance, ctx: AuthContext): void {
  const { store } = ctx;
  app.get<WardQuery>(
    '/v1/wards/:ward/coverage',
    {
      onRequest: authenticate(ctx),
      config: routeDoc({
        tag: 'coverage',
        summary: 'Coverage of a ward on a date: per group and ward, K and V against targets, with the trend',
        access: 'officer of the ward, administrator',
        query: coverageQuerySchema,
        response: coverageResponseSchema,
      }),
    },
    async (request): Promise<CoverageResponse> => {
      const ward = wardReader(request);
      const query = parse(coverageQuerySchema, request.query, 'bad_request', 'query');
      const found = await store.getWard(ward);
      if (found === undefined) throw new ApiError('not_found', 'No such ward.');
      return wardCoverageResponse(store, ward, found.name, query.date ?? vietnamToday(ctx.now()));
    },
  );

  app.get<ProvinceQuery>(
    '/v1/provinces/:province/coverage',
    {
      onRequest: authenticate(ctx),
      config: routeDoc({
        tag: 'coverage',
        summary: "A province's roll-up: each ward's coverage row and the province's (sums over sums)",
        access: 'administrator',
        query: coverageQuerySchema,
        response: provinceCoverageResponseSchema,
      }),
    },
    async (request): Promise<ProvinceCoverageResponse> => {
      requireRole(principalOf(request), 'admin');
      const province = parse(provinceCodeSchema, request.params.province, 'bad_request', 'province code');
      const query = parse(coverageQuerySchema, request.query, 'bad_request', 'query');
      return provinceCoverageResponse(store, province, query.date ?? vietnamToday(ctx.now()));
    },
  );
}
