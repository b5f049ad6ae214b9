// The officer's (and group leader's) reviews, docs/ward.md: duplicate proposals, merge and undo with their
// audit list, "not the same person"; and period close with its late corrections (officer only).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod/mini';
import {
  closePeriodBodySchema,
  dismissBodySchema,
  duplicatesResponseSchema,
  mergeBodySchema,
  mergeRecordSchema,
  mergesResponseSchema,
  periodDetailSchema,
  periodSchema,
  periodsResponseSchema,
  type DuplicatesResponse,
  type MergeRecord,
  type Period,
  type PeriodDetail,
} from '../../shared';
import { audit } from '../audit/record';
import { requireRole, requireWard } from '../auth/guards';
import type { AuthContext } from '../auth/options';
import { authenticate, principalOf } from '../auth/principal';
import { vietnamToday } from '../ward/coverage';
import { mergeRecord, mergeResidents, proposeDuplicates, undoMerge, type Actor } from '../ward/duplicates';
import { closePeriod, periodDetail, periodView } from '../ward/periods';
import { ApiError } from './errors';
import { routeDoc } from './openapi-meta';
import { emptyBodySchema, parse, wardParam } from './parse';

type WardParams = { Params: { ward: string } };
type IdParams = { Params: { ward: string; id: string } };

const mergeAnswer = z.object({ merge: mergeRecordSchema });
const periodAnswer = z.object({ period: periodSchema });
const okAnswer = z.object({ ok: z.literal(true) });

/** A positive id from the path; anything else names nothing (404). */
function numericId(value: string, what: string): number {
  const n = Number(value);
  if (!/^\d{1,15}$/.test(value) || !Number.isSafeInteger(n))
    throw new ApiError('not_found', `No such ${what}.`);
  return n;
}

/** Officer of the ward (whole ward) or a leader of it (their groups). */
function actorOf(request: FastifyRequest<{ Params: { ward: string } }>): Actor {
  const principal = principalOf(request);
  requireRole(principal, 'officer', 'leader');
  requireWard(principal, wardParam(request.params.ward));
  return principal.role === 'officer'
    ? { accountId: principal.accountId }
    : { accountId: principal.accountId, groupIds: principal.groupIds };
}

function officerOf(request: FastifyRequest<{ Params: { ward: string } }>): string {
  const principal = principalOf(request);
  requireRole(principal, 'officer');
  requireWard(principal, wardParam(request.params.ward));
  return principal.accountId;
}

export function registerWardReview(app: FastifyInstance, ctx: AuthContext): void {
  const { store } = ctx;
  const auth = { onRequest: authenticate(ctx) };
  const access = 'officer of the ward; a group leader for records of their groups';

  app.get<WardParams>(
    '/v1/wards/:ward/duplicates',
    {
      ...auth,
      config: routeDoc({
        tag: 'duplicates',
        summary:
          'Likely duplicate residents (same name and birth year in a group, same phone, same ID digits)',
        access,
        response: duplicatesResponseSchema,
      }),
    },
    async (request): Promise<DuplicatesResponse> => {
      const actor = actorOf(request);
      const candidates = await proposeDuplicates(store, request.params.ward, actor);
      await audit(store, request, request.params.ward, 'read.duplicates', 'duplicates', {
        candidates: candidates.length,
      });
      return { candidates };
    },
  );

  app.post<WardParams>(
    '/v1/wards/:ward/duplicates/merge',
    {
      ...auth,
      config: routeDoc({
        tag: 'duplicates',
        summary: 'Merge one resident record into another (kept, audited, reversible; reaches phones)',
        access,
        body: mergeBodySchema,
        response: mergeAnswer,
        status: 201,
      }),
    },
    async (request, reply): Promise<{ merge: MergeRecord }> => {
      const actor = actorOf(request);
      const ward = request.params.ward;
      const body = parse(mergeBodySchema, request.body, 'invalid_body', 'body');
      const reason = (body.signals ?? []).join(',') || 'manual';
      const id = await mergeResidents(store, ward, actor, body.fromId, body.intoId, reason, ctx.now());
      await audit(store, request, ward, 'change.merge', `residents/${body.fromId}`, {
        op: 'merge',
        merge: id,
        intoId: body.intoId,
      });
      const row = await store.getMerge(ward, id);
      if (row === undefined) throw new Error(`merge ${id} written but not found`);
      void reply.code(201);
      return { merge: mergeRecord(row) };
    },
  );

  app.post<WardParams>(
    '/v1/wards/:ward/duplicates/dismiss',
    {
      ...auth,
      config: routeDoc({
        tag: 'duplicates',
        summary: 'Mark a proposed pair as not the same person (not proposed again)',
        access,
        body: dismissBodySchema,
        response: okAnswer,
      }),
    },
    async (request): Promise<{ ok: true }> => {
      const actor = actorOf(request);
      const body = parse(dismissBodySchema, request.body, 'invalid_body', 'body');
      if (body.aId === body.bId) throw new ApiError('invalid_body', 'A pair needs two different records.');
      await store.dismissPair(request.params.ward, body.aId, body.bId, actor.accountId);
      await audit(store, request, request.params.ward, 'change.merge', `residents/${body.aId}`, {
        op: 'dismiss',
        bId: body.bId,
      });
      return { ok: true };
    },
  );

  app.get<WardParams>(
    '/v1/wards/:ward/merges',
    {
      ...auth,
      config: routeDoc({
        tag: 'duplicates',
        summary: "The ward's merges and their undos (audit trail), newest first",
        access,
        response: mergesResponseSchema,
      }),
    },
    async (request): Promise<{ merges: MergeRecord[] }> => {
      actorOf(request);
      const ward = request.params.ward;
      const merges = (await store.listMerges(ward)).map(mergeRecord);
      await audit(store, request, ward, 'read.duplicates', 'merges', { merges: merges.length });
      return { merges };
    },
  );

  app.post<IdParams>(
    '/v1/wards/:ward/merges/:id/undo',
    {
      ...auth,
      config: routeDoc({
        tag: 'duplicates',
        summary: 'Undo a merge: the record stands for itself again (audited)',
        access,
        body: emptyBodySchema,
        response: mergeAnswer,
      }),
    },
    async (request): Promise<{ merge: MergeRecord }> => {
      const actor = actorOf(request);
      const ward = request.params.ward;
      parse(emptyBodySchema, request.body, 'invalid_body', 'body');
      const id = numericId(request.params.id, 'merge');
      await undoMerge(store, ward, actor, id, ctx.now());
      const row = await store.getMerge(ward, id);
      if (row === undefined) throw new Error(`merge ${id} undone but not found`);
      await audit(store, request, ward, 'change.merge', `residents/${row.fromId}`, {
        op: 'undo',
        merge: id,
        intoId: row.intoId,
      });
      return { merge: mergeRecord(row) };
    },
  );

  app.get<WardParams>(
    '/v1/wards/:ward/periods',
    {
      ...auth,
      config: routeDoc({
        tag: 'periods',
        summary: 'Closed reporting periods of the ward, latest first',
        access: 'officer of the ward',
        response: periodsResponseSchema,
      }),
    },
    async (request): Promise<{ periods: Period[] }> => {
      officerOf(request);
      return { periods: (await store.listPeriods(request.params.ward)).map(periodView) };
    },
  );

  app.post<WardParams>(
    '/v1/wards/:ward/periods',
    {
      ...auth,
      config: routeDoc({
        tag: 'periods',
        summary: 'Close a reporting period (chốt số liệu): its figures are kept as reported',
        access: 'officer of the ward',
        body: closePeriodBodySchema,
        response: periodAnswer,
        status: 201,
      }),
    },
    async (request, reply): Promise<{ period: Period }> => {
      const by = officerOf(request);
      const body = parse(closePeriodBodySchema, request.body, 'invalid_body', 'body');
      if (body.periodEnd > vietnamToday(ctx.now())) {
        throw new ApiError('invalid_body', 'A period can be closed only up to today.');
      }
      const ward = await store.getWard(request.params.ward);
      if (ward === undefined) throw new ApiError('not_found', 'No such ward.');
      const period = await closePeriod(store, ward, body.periodEnd, body.label.trim(), by);
      await audit(store, request, ward.code, 'change.period', `periods/${period.id}`, {
        periodEnd: period.periodEnd,
      });
      void reply.code(201);
      return { period };
    },
  );

  app.get<IdParams>(
    '/v1/wards/:ward/periods/:id',
    {
      ...auth,
      config: routeDoc({
        tag: 'periods',
        summary: 'A closed period: its figures as reported, and late corrections recounted now',
        access: 'officer of the ward',
        response: periodDetailSchema,
      }),
    },
    async (request): Promise<PeriodDetail> => {
      officerOf(request);
      const ward = await store.getWard(request.params.ward);
      if (ward === undefined) throw new ApiError('not_found', 'No such ward.');
      return periodDetail(store, ward, numericId(request.params.id, 'period'));
    },
  );
}
