// Data-subject request routes (docs/privacy.md "Rights"): find a resident, see everything held about a
// person, correct, erase, the request log, and the residents whose registration consent was withdrawn.
// Officer of the ward only; every call is written to the audit log before data leaves.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  accessBodySchema,
  accessResponseSchema,
  eraseBodySchema,
  eraseResponseSchema,
  rectifyBodySchema,
  rectifyResponseSchema,
  residentSearchQuerySchema,
  residentSearchResponseSchema,
  subjectRequestsResponseSchema,
  withdrawnResponseSchema,
  type AccessResponse,
  type EraseResponse,
  type RectifyResponse,
  type ResidentSearchResponse,
  type SubjectRequest,
  type SubjectRequestKind,
  type SubjectRequestsResponse,
  type WithdrawnResponse,
} from '../../shared';
import { audit } from '../audit/record';
import { requireRole, requireWard } from '../auth/guards';
import type { AuthContext } from '../auth/options';
import { authenticate, principalOf } from '../auth/principal';
import { erasePerson } from '../privacy/erase';
import { rectifyResident } from '../privacy/rectify';
import { searchResidents, withdrawnResidents } from '../privacy/search';
import { subjectExport } from '../privacy/subject-export';
import type { Store } from '../store';
import { vietnamToday } from '../ward/coverage';
import { ApiError } from './errors';
import { routeDoc } from './openapi-meta';
import { idParam, parse, wardParam } from './parse';

type WardQuery = { Params: { ward: string }; Querystring: unknown };
type ResidentParams = { Params: { ward: string; id: string } };

const ACCESS = 'officer of the ward';

interface Officer {
  ward: string;
  accountId: string;
  deviceId: string | null;
}

/** The officer of the ward in the path; anyone else 403 (administrators hold no residents). */
function officerOf(request: FastifyRequest<{ Params: { ward: string } }>): Officer {
  const principal = principalOf(request);
  requireRole(principal, 'officer');
  const ward = wardParam(request.params.ward);
  requireWard(principal, ward);
  return { ward, accountId: principal.accountId, deviceId: principal.deviceId ?? null };
}

interface Asked {
  receivedOn: string;
  note: string;
}

/** The day the person asked (default today in Vietnam, never later) and how; checked before any work. */
function askedOf(body: { receivedOn?: string | undefined; note?: string | undefined }, now: Date): Asked {
  const today = vietnamToday(now);
  const day = body.receivedOn ?? today;
  if (day > today) throw new ApiError('invalid_body', 'Invalid body: receivedOn: privacy.receivedOnFuture');
  return { receivedOn: day, note: body.note ?? '' };
}

const subject = (id: string) => `residents/${id}`;

export function registerPrivacy(app: FastifyInstance, ctx: AuthContext): void {
  const { store } = ctx;
  const auth = { onRequest: authenticate(ctx) };

  /** Appends the request to the log (R6): the day asked, now, by whom, ids and counts only. */
  const logRequest = (
    officer: Officer,
    residentId: string,
    kind: SubjectRequestKind,
    asked: Asked,
    detail: Record<string, unknown>,
  ): Promise<SubjectRequest> =>
    store.addSubjectRequest({
      wardCode: officer.ward,
      residentId,
      kind,
      ...asked,
      doneAt: ctx.now(),
      handledBy: officer.accountId,
      deviceId: officer.deviceId,
      detail,
    });

  app.get<WardQuery>(
    '/v1/wards/:ward/privacy/residents',
    {
      ...auth,
      config: routeDoc({
        tag: 'privacy',
        summary: 'Find residents by part of the name (accents ignored), the last 4 ID digits or a phone',
        access: ACCESS,
        query: residentSearchQuerySchema,
        response: residentSearchResponseSchema,
      }),
    },
    async (request): Promise<ResidentSearchResponse> => {
      const officer = officerOf(request);
      const { q } = parse(residentSearchQuerySchema, request.query, 'bad_request', 'query');
      const found = await searchResidents(store, officer.ward, q);
      await audit(store, request, officer.ward, 'read.search', 'residents', {
        count: found.residents.length,
      });
      return found;
    },
  );

  app.get<WardQuery>(
    '/v1/wards/:ward/privacy/withdrawn',
    {
      ...auth,
      config: routeDoc({
        tag: 'privacy',
        summary: 'Residents whose registration consent is withdrawn and who are not erased yet',
        access: ACCESS,
        response: withdrawnResponseSchema,
      }),
    },
    async (request): Promise<WithdrawnResponse> => {
      const officer = officerOf(request);
      const residents = await withdrawnResidents(store, officer.ward);
      await audit(store, request, officer.ward, 'read.roster', 'residents/withdrawn', {
        count: residents.length,
      });
      return { residents };
    },
  );

  app.post<ResidentParams>(
    '/v1/wards/:ward/residents/:id/access',
    {
      ...auth,
      config: routeDoc({
        tag: 'privacy',
        summary: 'Everything held about a person (right of access): readable export, logged',
        access: ACCESS,
        body: accessBodySchema,
        response: accessResponseSchema,
        status: 201,
      }),
    },
    async (request, reply): Promise<AccessResponse> => {
      const officer = officerOf(request);
      const id = idParam(request.params.id, 'resident');
      const body = parse(accessBodySchema, request.body, 'invalid_body', 'body');
      const asked = askedOf(body, ctx.now());
      const ward = await wardOf(store, officer.ward);
      const records = await store.personRecords(ward.code, id);
      if (records.length === 0) throw new ApiError('not_found', 'No such resident in this ward.');
      const producedBy = (await store.getAccount(officer.accountId))?.fullName ?? '';
      const exported = await subjectExport(store, ward, records, producedBy, ctx.now());
      const ids = records.map((r) => r.id);
      const logged = await logRequest(officer, id, 'access', asked, { records: ids.length, ids });
      await audit(store, request, ward.code, 'request.access', subject(id), { records: ids.length, ids });
      void reply.code(201);
      return { request: logged, export: exported };
    },
  );

  app.post<ResidentParams>(
    '/v1/wards/:ward/residents/:id/rectify',
    {
      ...auth,
      config: routeDoc({
        tag: 'privacy',
        summary: "Correct a resident's fields (right to rectification): a sequenced write phones pull",
        access: ACCESS,
        body: rectifyBodySchema,
        response: rectifyResponseSchema,
      }),
    },
    async (request): Promise<RectifyResponse> => {
      const officer = officerOf(request);
      const id = idParam(request.params.id, 'resident');
      const body = parse(rectifyBodySchema, request.body, 'invalid_body', 'body');
      const asked = askedOf(body, ctx.now());
      if (Object.values(body.changes).every((v) => v === undefined)) {
        throw new ApiError('invalid_body', 'Invalid body: changes: privacy.noChanges');
      }
      const { resident, fields } = await rectifyResident(store, officer.ward, id, body.changes, ctx.now());
      const logged = await logRequest(officer, id, 'rectify', asked, { fields });
      await audit(store, request, officer.ward, 'request.rectify', subject(id), { fields });
      return { request: logged, resident };
    },
  );

  app.post<ResidentParams>(
    '/v1/wards/:ward/residents/:id/erase',
    {
      ...auth,
      config: routeDoc({
        tag: 'privacy',
        summary: 'Erase a person (right to erasure): every record and completion becomes a tombstone',
        access: ACCESS,
        body: eraseBodySchema,
        response: eraseResponseSchema,
      }),
    },
    async (request): Promise<EraseResponse> => {
      const officer = officerOf(request);
      const id = idParam(request.params.id, 'resident');
      const body = parse(eraseBodySchema, request.body, 'invalid_body', 'body');
      const asked = askedOf(body, ctx.now());
      const erased = await erasePerson(store, officer.ward, id, body.confirmName, ctx.now());
      const counts = { residents: erased.residents.length, completions: erased.completions.length };
      const detail = { ...counts, ids: [...erased.residents, ...erased.completions] };
      const logged = await logRequest(officer, id, 'erase', asked, detail);
      await audit(store, request, officer.ward, 'request.erase', subject(id), detail);
      return { request: logged, erased: counts };
    },
  );

  app.get<WardQuery>(
    '/v1/wards/:ward/subject-requests',
    {
      ...auth,
      config: routeDoc({
        tag: 'privacy',
        summary: "The ward's data-subject requests (access, rectify, erase), newest first",
        access: ACCESS,
        response: subjectRequestsResponseSchema,
      }),
    },
    async (request): Promise<SubjectRequestsResponse> => {
      const officer = officerOf(request);
      return { requests: await store.listSubjectRequests(officer.ward) };
    },
  );
}

async function wardOf(store: Store, code: string) {
  const ward = await store.getWard(code);
  if (ward === undefined) throw new ApiError('not_found', 'No such ward.');
  return ward;
}
