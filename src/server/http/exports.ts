// File downloads of the ward's figures (docs/ward.md): the coverage table as XLSX and CSV, and a group's
// "not reached" list (for its leader) as XLSX and CSV. Officer of the ward or an administrator (the same
// check as GET /v1/wards/:ward/coverage). Answers carry personal data: never cached.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { coverageQuerySchema, groupIdSchema, DEFAULT_ADULT_AGE } from '../../shared';
import { audit } from '../audit/record';
import type { AuthContext } from '../auth/options';
import { authenticate } from '../auth/principal';
import { coverageTable } from '../reports/coverage-table';
import { CSV_TYPE, tableToCsv } from '../reports/coverage-csv';
import { XLSX_TYPE, tableToXlsx } from '../reports/coverage-xlsx';
import { notReachedTable } from '../reports/not-reached-table';
import type { ReportTable } from '../reports/coverage-table';
import { vietnamToday, wardCoverageResponse } from '../ward/coverage';
import { wardReader } from './coverage';
import { ApiError } from './errors';
import { routeDoc } from './openapi-meta';
import { parse } from './parse';

type WardQuery = { Params: { ward: string }; Querystring: unknown };
type GroupQuery = { Params: { ward: string; group: string }; Querystring: unknown };
type Format = 'xlsx' | 'csv';

const ACCESS = 'officer of the ward, administrator';

/** `attachment` with an ASCII file name and the same name as RFC 5987 `filename*` (UTF-8). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

async function sendTable(reply: FastifyReply, table: ReportTable, format: Format, baseName: string) {
  const body = format === 'xlsx' ? await tableToXlsx(table) : tableToCsv(table);
  return reply
    .header('content-type', format === 'xlsx' ? XLSX_TYPE : CSV_TYPE)
    .header('content-disposition', attachment(`${baseName}.${format}`))
    .header('cache-control', 'no-store')
    .send(body);
}

export function registerExports(app: FastifyInstance, ctx: AuthContext): void {
  const { store } = ctx;

  const wardName = async (ward: string) => {
    const found = await store.getWard(ward);
    if (found === undefined) throw new ApiError('not_found', 'No such ward.');
    return found.name;
  };

  for (const format of ['xlsx', 'csv'] as const) {
    const produces = format === 'xlsx' ? XLSX_TYPE : CSV_TYPE;
    app.get<WardQuery>(
      `/v1/wards/:ward/coverage.${format}`,
      {
        onRequest: authenticate(ctx),
        config: routeDoc({
          tag: 'coverage',
          summary: `The coverage table on a date as ${format.toUpperCase()}: per group and the ward row, K and V against targets`,
          access: ACCESS,
          query: coverageQuerySchema,
          produces,
        }),
      },
      async (request, reply) => {
        const ward = wardReader(request);
        const query = parse(coverageQuerySchema, request.query, 'bad_request', 'query');
        const date = query.date ?? vietnamToday(ctx.now());
        const coverage = await wardCoverageResponse(store, ward, await wardName(ward), date);
        await audit(store, request, ward, 'read.export', `do-phu-${ward}.${format}`, { date, format });
        return sendTable(reply, coverageTable(coverage), format, `do-phu-${ward}-${date}`);
      },
    );

    app.get<GroupQuery>(
      `/v1/wards/:ward/groups/:group/not-reached.${format}`,
      {
        onRequest: authenticate(ctx),
        config: routeDoc({
          tag: 'coverage',
          summary: `A group's adults not reached on a date (for its leader) as ${format.toUpperCase()}; phone only with contact consent`,
          access: ACCESS,
          query: coverageQuerySchema,
          produces,
        }),
      },
      async (request, reply) => {
        const ward = wardReader(request);
        const query = parse(coverageQuerySchema, request.query, 'bad_request', 'query');
        const date = query.date ?? vietnamToday(ctx.now());
        const name = await wardName(ward);
        const groupId = request.params.group;
        const [groups, settings] = await Promise.all([store.listGroups(ward), store.getWardSettings(ward)]);
        const group = groupIdSchema.safeParse(groupId).success
          ? groups.find((g) => g.id === groupId)
          : undefined;
        if (group === undefined) throw new ApiError('not_found', 'No such residential group in this ward.');
        const roster = await store.groupRoster(ward, group.id, date);
        const table = notReachedTable(
          {
            wardCode: ward,
            wardName: name,
            groupName: group.name,
            date,
            adultAge: settings?.adultAge ?? DEFAULT_ADULT_AGE,
          },
          roster,
        );
        const file = `chua-tiep-can-${ward}-${group.id}.${format}`;
        await audit(store, request, ward, 'read.export', file, { group: group.id, date, format });
        return sendTable(reply, table, format, `chua-tiep-can-${ward}-${group.id}-${date}`);
      },
    );
  }
}
