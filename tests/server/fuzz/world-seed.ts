// The records of the fuzzing suite's ward, made through the real API: residents in every group (one
// pair of likely duplicates, some with a phone and contact consent), sessions logged by the leader's
// phone, completions, one duplicate merged, one period closed, and invitation codes left for enrolment.
import type { LightMyRequestResponse } from 'fastify';
import { newId, type PlainDoc, type PushableCollection, type PushRow } from '../../../src/shared';
import {
  authHeaders,
  makeCompletion,
  makeResident,
  makeSession,
  type TestServer,
} from '../../helpers/server';

export const WORLD_GROUPS = ['tdp-01', 'tdp-02', 'tdp-03', 'tdp-04'];

export function expectStatus(res: LightMyRequestResponse, status: number, what: string): void {
  if (res.statusCode !== status) throw new Error(`${what} answered ${res.statusCode}: ${res.body}`);
}

const rowsOf = (docs: readonly PlainDoc[]): PushRow[] => docs.map((d) => ({ newDocumentState: d }));

/** Seeds the ward's records; returns unused invitation codes. */
export async function seedWardRecords(
  server: TestServer,
  ward: string,
  officer: string,
  leaderToken: string,
): Promise<string[]> {
  const { app } = server;
  const residents = WORLD_GROUPS.flatMap((groupId, g) =>
    [0, 1, 2].map((i) =>
      makeResident(ward, groupId, {
        fullName: ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'][i] ?? 'Phạm Thị Dung',
        birthYear: 1950 + g * 10 + i,
        ...(i === 1
          ? {
              phone: `09${String(g).padStart(2, '0')}123456`,
              consents: [
                ...(makeResident(ward).consents as PlainDoc[]),
                {
                  purpose: 'contact',
                  askedBy: 'Trần Văn Tư',
                  date: '2026-01-02',
                  method: 'verbal',
                  wordingVersion: 'v1',
                },
              ],
            }
          : {}),
      }),
    ),
  );
  const twin = makeResident(ward, 'tdp-01', { fullName: 'Nguyễn Văn An', birthYear: 1950 });
  await server.push(ward, rowsOf([...residents, twin]), 'residents', officer);
  const inGroup = (groupId: string) => residents.filter((r) => r['groupId'] === groupId);
  const sessions = WORLD_GROUPS.slice(0, 2).map((groupId) =>
    makeSession(ward, groupId, { attendeeIds: inGroup(groupId).map((r) => r['id']) }),
  );
  await server.push(ward, rowsOf(sessions), 'sessions', leaderToken);
  const completions = residents.slice(0, 6).map((r, i) =>
    i % 2 === 0
      ? makeCompletion(ward, String(r['groupId']), { residentId: r['id'] })
      : makeCompletion(ward, String(r['groupId']), {
          residentId: r['id'],
          kind: 'trained',
          vneid: undefined,
          skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
        }),
  );
  await server.push(ward, rowsOf(completions.map(withoutUndefined)), 'completions', officer);

  const merged = await app.inject({
    method: 'POST',
    url: `/v1/wards/${ward}/duplicates/merge`,
    headers: authHeaders(officer),
    payload: { fromId: twin['id'], intoId: residents[0]?.['id'], signals: ['name_birth_year'] },
  });
  expectStatus(merged, 201, 'merge');
  const closed = await app.inject({
    method: 'POST',
    url: `/v1/wards/${ward}/periods`,
    headers: authHeaders(officer),
    payload: { periodEnd: '2026-06-30', label: 'Quý II/2026' },
  });
  expectStatus(closed, 201, 'close period');

  const codes: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    const invited = await app.inject({
      method: 'POST',
      url: `/v1/wards/${ward}/invitations`,
      headers: authHeaders(officer),
      payload: { fullName: `Tình nguyện viên ${i + 1}`, role: 'volunteer', groupIds: ['tdp-03'] },
    });
    expectStatus(invited, 201, 'invitation');
    codes.push((invited.json() as { code: string }).code);
  }

  return codes;
}

function withoutUndefined(doc: PlainDoc): PlainDoc {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));
}

/** A new document of a pushable collection in a group of the ward (valid; the fuzzer then spoils it). */
export function newDocument(
  collection: PushableCollection,
  ward: string,
  groupId: string,
  residentIds: readonly string[],
): PlainDoc {
  if (collection === 'sessions') return makeSession(ward, groupId, { attendeeIds: residentIds.slice(0, 3) });
  if (collection === 'completions') {
    return makeCompletion(ward, groupId, { residentId: residentIds[0] ?? newId() });
  }
  return makeResident(ward, groupId);
}
