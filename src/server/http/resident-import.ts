// POST /v1/wards/:ward/residents/import: the officer's resident list from an Excel/CSV file (base64 in
// JSON) — a dry run (per-row new / existing / invalid, the mapping used) or, with commit and the
// officer's consent confirmation, the import of the new rows. Officer of the ward only, checked on
// request, before the (up to 15 MB) body is read. The work is in server/ward/resident-import.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  residentImportBodySchema,
  residentImportResponseSchema,
  type ResidentImportResponse,
} from '../../shared/resident-import';
import { residentImportDetail } from '../audit/details';
import { audit } from '../audit/record';
import { requireRole, requireWard } from '../auth/guards';
import type { AuthContext } from '../auth/options';
import { authenticate, principalOf } from '../auth/principal';
import { importResidents } from '../ward/resident-import';
import { vietnamToday } from '../ward/coverage';
import { ApiError } from './errors';
import { routeDoc } from './openapi-meta';
import { parse, wardParam } from './parse';

/** A 10 MB file in base64 (≈ 13.4 MB) plus the mapping: refused unread above this. */
export const RESIDENT_IMPORT_BODY_LIMIT = 15 * 1024 * 1024;

type WardParams = { Params: { ward: string } };

export function registerResidentImport(app: FastifyInstance, ctx: AuthContext): void {
  const { store } = ctx;
  const officerOfWard = async (request: FastifyRequest<WardParams>) => {
    const principal = principalOf(request);
    requireRole(principal, 'officer');
    requireWard(principal, wardParam(request.params.ward));
  };

  app.post<WardParams>(
    '/v1/wards/:ward/residents/import',
    {
      onRequest: [authenticate(ctx), officerOfWard],
      bodyLimit: RESIDENT_IMPORT_BODY_LIMIT,
      config: routeDoc({
        tag: 'ward',
        summary:
          "Import residents from the officer's Excel (.xlsx) or CSV file: dry run (per-row status) or commit of the new rows",
        access: 'officer of the ward',
        body: residentImportBodySchema,
        response: residentImportResponseSchema,
      }),
    },
    async (request): Promise<ResidentImportResponse> => {
      const ward = wardParam(request.params.ward);
      const body = parse(residentImportBodySchema, request.body, 'invalid_body', 'body');
      const principal = principalOf(request);
      const account = await store.getAccount(principal.accountId);
      if (account === undefined) throw new ApiError('unauthenticated', 'Unknown account.');
      const now = ctx.now();
      const answer = await importResidents(store, {
        wardCode: ward,
        body,
        officer: { id: account.id, fullName: account.fullName },
        now,
        today: vietnamToday(now),
      });
      const action = body.commit ? 'change.import' : 'read.import';
      const detail = residentImportDetail(body.commit, answer);
      await audit(store, request, ward, action, 'residents-import', detail);
      request.log.info(
        { wardCode: ward, commit: body.commit, summary: answer.summary },
        body.commit ? 'resident list imported' : 'resident list checked',
      );
      return answer;
    },
  );
}
