// The officer dashboard's own endpoints (docs/ward.md): a residential group's roster on a date for the
// drill-down (names, birth year, age and status only: no phone numbers, no consents), and the team's
// activity per ISO week. The officer of the ward, or an administrator (wardReader, checked on request).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { groupIdSchema, type PlainDoc } from '../../shared';
import {
  ACTIVITY_WEEKS_DEFAULT,
  UNKNOWN_CREATOR,
  activityQuerySchema,
  activityWeeks,
  groupRosterResponseSchema,
  rosterQuerySchema,
  teamActivityResponseSchema,
  type ActivityPerson,
  type GroupRosterResponse,
  type RosterPersonWire,
  type TeamActivityResponse,
} from '../../shared/dashboard-api';
import { audit } from '../audit/record';
import type { AuthContext } from '../auth/options';
import { authenticate } from '../auth/principal';
import type { ActivityRow, RosterPerson } from '../store';
import { vietnamToday } from '../ward/coverage';
import { wardReader } from './coverage';
import { ApiError } from './errors';
import { routeDoc } from './openapi-meta';
import { parse } from './parse';

type WardParams = { Params: { ward: string }; Querystring: unknown };
type GroupParams = { Params: { ward: string; group: string }; Querystring: unknown };

/** Checks the caller on request, before anything else is read. */
const reader = async (request: FastifyRequest<{ Params: { ward: string } }>) => {
  wardReader(request);
};

/** The drill-down's view of a roster person: who they are and their status, nothing more. */
function rosterView(person: RosterPerson): RosterPersonWire {
  const d: PlainDoc = person.doc;
  return {
    id: person.id,
    fullName: typeof d['fullName'] === 'string' ? d['fullName'] : '',
    birthYear: typeof d['birthYear'] === 'number' ? d['birthYear'] : 0,
    sex: d['sex'] === 'male' ? 'male' : 'female',
    age: person.age,
    adult: person.adult,
    status: person.status,
    kFirst: person.kFirst,
    vFirst: person.vFirst,
    mergedRecords: person.mergedRecords,
  };
}

/** Rows per account and week → one line per account with a count per week (most sessions first). */
export function activityAnswer(
  date: string,
  weeks: string[],
  rows: readonly ActivityRow[],
): TeamActivityResponse {
  const index = new Map(weeks.map((w, i) => [w, i]));
  const people = new Map<string, ActivityPerson>();
  for (const row of rows) {
    const at = index.get(row.week);
    if (at === undefined) continue;
    const key = row.accountId ?? '';
    let person = people.get(key);
    if (person === undefined) {
      person = {
        accountId: row.accountId,
        fullName: row.accountId === null ? UNKNOWN_CREATOR : (row.fullName ?? UNKNOWN_CREATOR),
        sessions: weeks.map(() => 0),
        completions: weeks.map(() => 0),
        totalSessions: 0,
        totalCompletions: 0,
      };
      people.set(key, person);
    }
    person.sessions[at]! += row.sessions;
    person.completions[at]! += row.completions;
    person.totalSessions += row.sessions;
    person.totalCompletions += row.completions;
  }
  const list = [...people.values()].sort(
    (a, b) =>
      Number(a.accountId === null) - Number(b.accountId === null) ||
      b.totalSessions - a.totalSessions ||
      b.totalCompletions - a.totalCompletions ||
      a.fullName.localeCompare(b.fullName, 'vi'),
  );
  return { date, weeks, people: list };
}

export function registerDashboard(app: FastifyInstance, ctx: AuthContext): void {
  const { store } = ctx;
  const onRequest = [authenticate(ctx), reader];

  app.get<GroupParams>(
    '/v1/wards/:ward/groups/:group/roster',
    {
      onRequest,
      config: routeDoc({
        tag: 'coverage',
        summary:
          "A residential group's people on a date with their status as coverage counts it (drill-down; no contact details)",
        access: 'officer of the ward, administrator',
        query: rosterQuerySchema,
        response: groupRosterResponseSchema,
      }),
    },
    async (request): Promise<GroupRosterResponse> => {
      const ward = wardReader(request);
      const query = parse(rosterQuerySchema, request.query, 'bad_request', 'query');
      const group = request.params.group;
      const groups = groupIdSchema.safeParse(group).success ? await store.listGroups(ward) : [];
      if (!groups.some((g) => g.id === group)) {
        throw new ApiError('not_found', 'No such residential group in this ward.');
      }
      const date = query.date ?? vietnamToday(ctx.now());
      const people = await store.groupRoster(ward, group, date);
      await audit(store, request, ward, 'read.roster', `groups/${group}`, { date, people: people.length });
      return { date, groupId: group, people: people.map(rosterView) };
    },
  );

  app.get<WardParams>(
    '/v1/wards/:ward/activity',
    {
      onRequest,
      config: routeDoc({
        tag: 'coverage',
        summary:
          'Team activity per ISO week: training sessions logged and completions recorded by each account',
        access: 'officer of the ward, administrator',
        query: activityQuerySchema,
        response: teamActivityResponseSchema,
      }),
    },
    async (request): Promise<TeamActivityResponse> => {
      const ward = wardReader(request);
      const query = parse(activityQuerySchema, request.query, 'bad_request', 'query');
      if ((await store.getWard(ward)) === undefined) throw new ApiError('not_found', 'No such ward.');
      const weeks = query.weeks === undefined ? ACTIVITY_WEEKS_DEFAULT : Number(query.weeks);
      const date = query.date ?? vietnamToday(ctx.now());
      const rows = await store.teamActivity(ward, weeks, date);
      return activityAnswer(date, activityWeeks(date, weeks), rows);
    },
  );
}
