// The audit log routes (docs/privacy.md "Audit log"): the ward's entries page by page, and as CSV.
// Officer of the ward only, checked on request; the CSV export is itself logged before it is sent.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod/mini';
import {
  AUDIT_PAGE_MAX,
  auditPageSchema,
  auditQuerySchema,
  type AuditEntry,
  type AuditPage,
} from '../../shared';
import { AUDIT_CSV_MAX_ROWS, auditCsv } from '../audit/csv';
import { audit } from '../audit/record';
import { requireRole, requireWard } from '../auth/guards';
import type { AuthContext } from '../auth/options';
import { authenticate, principalOf } from '../auth/principal';
import type { AuditFilter, Store } from '../store';
import { CSV_TYPE } from '../reports/coverage-csv';
import { vietnamToday } from '../ward/coverage';
import { ApiError } from './errors';
import { attachment } from './exports';
import { routeDoc } from './openapi-meta';
import { parse, wardParam } from './parse';

type WardQuery = { Params: { ward: string }; Querystring: unknown };

const AUDIT_PAGE_DEFAULT = 50;
/** The CSV reads the log in pages of this many entries. */
const CSV_PAGE = 5000;

const auditCsvQuerySchema = z.pick(auditQuerySchema, { action: true, from: true, to: true });

/** The filter shared by the page and the file; an inverted date range is refused. */
function filterOf(query: { action?: string; from?: string; to?: string }): Omit<AuditFilter, 'limit'> {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw new ApiError('bad_request', 'Invalid query: from is after to.');
  }
  return {
    ...(query.action === undefined ? {} : { actionPrefix: query.action }),
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
  };
}

function pageLimit(limit: string | undefined): number {
  if (limit === undefined) return AUDIT_PAGE_DEFAULT;
  const n = Number(limit);
  if (n < 1 || n > AUDIT_PAGE_MAX) {
    throw new ApiError('bad_request', `Invalid query: limit must be between 1 and ${AUDIT_PAGE_MAX}.`);
  }
  return n;
}

/** Every entry the filter selects, newest first, at most AUDIT_CSV_MAX_ROWS. */
async function allEntries(
  store: Store,
  ward: string,
  filter: Omit<AuditFilter, 'limit'>,
): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let before: number | undefined;
  while (entries.length < AUDIT_CSV_MAX_ROWS) {
    const limit = Math.min(CSV_PAGE, AUDIT_CSV_MAX_ROWS - entries.length);
    const page = await store.listAudit(ward, {
      ...filter,
      limit,
      ...(before === undefined ? {} : { before }),
    });
    entries.push(...page);
    if (page.length < limit) break;
    before = page[page.length - 1]!.id;
  }
  return entries;
}

export function registerAudit(app: FastifyInstance, ctx: AuthContext, retentionDays: number): void {
  const { store } = ctx;
  /** Runs after authenticate: administrators, leaders, volunteers and other wards get 403. */
  const officerOfWard = async (request: FastifyRequest<{ Params: { ward: string } }>) => {
    const principal = principalOf(request);
    requireRole(principal, 'officer');
    requireWard(principal, wardParam(request.params.ward));
  };
  const onRequest = [authenticate(ctx), officerOfWard];
  const access = 'officer of the ward';

  app.get<WardQuery>(
    '/v1/wards/:ward/audit',
    {
      onRequest,
      config: routeDoc({
        tag: 'privacy',
        summary:
          "The ward's audit log, newest first: who read or changed what, when, from which device (page by page)",
        access,
        query: auditQuerySchema,
        response: auditPageSchema,
      }),
    },
    async (request): Promise<AuditPage> => {
      const ward = wardParam(request.params.ward);
      const query = parse(auditQuerySchema, request.query, 'bad_request', 'query');
      const limit = pageLimit(query.limit);
      const filter = filterOf(query);
      const before = query.before === undefined ? {} : { before: Number(query.before) };
      // One more than asked tells whether an older page exists.
      const found = await store.listAudit(ward, { ...filter, ...before, limit: limit + 1 });
      const entries = found.slice(0, limit);
      const next = found.length > limit ? String(entries[entries.length - 1]!.id) : null;
      return { entries, next, retentionDays };
    },
  );

  app.get<WardQuery>(
    '/v1/wards/:ward/audit.csv',
    {
      onRequest,
      config: routeDoc({
        tag: 'privacy',
        summary: `The ward's audit log as CSV (UTF-8, Vietnamese headers, at most ${AUDIT_CSV_MAX_ROWS} rows); the export is itself logged`,
        access,
        query: auditCsvQuerySchema,
        produces: CSV_TYPE,
      }),
    },
    async (request, reply) => {
      const ward = wardParam(request.params.ward);
      const query = parse(auditCsvQuerySchema, request.query, 'bad_request', 'query');
      const entries = await allEntries(store, ward, filterOf(query));
      await audit(store, request, ward, 'read.audit', 'audit.csv', { ...query, rows: entries.length });
      return reply
        .header('content-type', CSV_TYPE)
        .header('content-disposition', attachment(`nhat-ky-${ward}-${vietnamToday(ctx.now())}.csv`))
        .header('cache-control', 'no-store')
        .send(auditCsv(entries));
    },
  );
}
