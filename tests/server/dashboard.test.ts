// The dashboard's endpoints on PGlite: team activity per ISO week and account (sessions and completions
// written through the real sync path by enrolled phones), a group's roster with statuses as coverage
// counts them (no contact details), and who may call them.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  groupRosterResponseSchema,
  teamActivityResponseSchema,
  UNKNOWN_CREATOR,
} from '../../src/shared/dashboard-api';
import type { SqlStore } from '../../src/server/store';
import {
  authHeaders,
  createAdmin,
  enrollDevice,
  expectErrorResponse,
  makeCompletion,
  makeResident,
  makeSession,
  openTestStore,
  seedTestWard,
  startTestServer,
  type EnrolledDevice,
  type TestServer,
} from '../helpers/server';

let store: SqlStore;
let server: TestServer;
let ward: string;
let officer: string;
let mai: EnrolledDevice;
let nam: EnrolledDevice;

/** Wednesday; its ISO week starts on Monday 2026-03-16. */
const TODAY = '2026-03-18';
const WEEKS_8 = [
  '2026-01-26',
  '2026-02-02',
  '2026-02-09',
  '2026-02-16',
  '2026-02-23',
  '2026-03-02',
  '2026-03-09',
  '2026-03-16',
];

beforeAll(async () => {
  store = await openTestStore();
  server = await startTestServer({ store });
  ward = await seedTestWard(store, ['g1', 'g2']);
  officer = await server.officerToken(ward);
  mai = await enrollDevice(server, officer, ward, {
    role: 'volunteer',
    groupIds: ['g1'],
    fullName: 'Lê Thị Mai',
  });
  nam = await enrollDevice(server, officer, ward, {
    role: 'leader',
    groupIds: ['g1'],
    fullName: 'Phạm Văn Nam',
  });
});

afterAll(async () => {
  await server.close();
  await store.close();
});

async function push(collection: 'residents' | 'sessions' | 'completions', docs: object[], token: string) {
  const reply = await server.push(
    ward,
    docs.map((d) => ({ newDocumentState: d as Record<string, unknown> })),
    collection,
    token,
  );
  expect(reply.conflicts).toEqual([]);
  expect(reply.quarantined ?? []).toEqual([]);
}

const get = (url: string, token?: string) =>
  server.app.inject({ method: 'GET', url, headers: token === undefined ? {} : authHeaders(token) });

describe('team activity', () => {
  test('counts live sessions per account and ISO week by the session date, and completions by recordedById', async () => {
    const session = (date: string, createdBy?: string, extra: object = {}) =>
      makeSession(ward, 'g1', { date, ...(createdBy === undefined ? {} : { createdBy }), ...extra });
    await push(
      'sessions',
      [
        session('2026-03-16', mai.accountId), // Monday of this week
        session('2026-03-18', mai.accountId), // today
        session('2026-03-19', mai.accountId), // tomorrow: not yet
        session('2026-03-09', mai.accountId),
        session('2026-03-15', nam.accountId), // Sunday: the week of 9 March
        session('2026-01-26', nam.accountId), // first day of the 8 weeks
        session('2026-01-25', nam.accountId), // the day before: outside
        session('2026-03-10'), // no creator
        session('2026-03-11', 'f0000000-0000-4000-8000-000000000000'), // no such account
        session('2026-03-12', mai.accountId, { _deleted: true }), // deleted: not counted
      ],
      mai.deviceToken,
    );
    await push(
      'completions',
      [
        makeCompletion(ward, 'g1', { date: '2026-03-17', recordedById: mai.accountId }),
        makeCompletion(ward, 'g1', { date: '2026-03-02', recordedById: mai.accountId }),
        makeCompletion(ward, 'g1', { date: '2026-03-03', recordedById: nam.accountId }),
      ],
      nam.deviceToken,
    );

    const res = await get(`/v1/wards/${ward}/activity?weeks=8&date=${TODAY}`, officer);
    expect(res.statusCode).toBe(200);
    const answer = teamActivityResponseSchema.parse(res.json());
    expect(answer.date).toBe(TODAY);
    expect(answer.weeks).toEqual(WEEKS_8);
    expect(answer.people).toEqual([
      {
        accountId: mai.accountId,
        fullName: 'Lê Thị Mai',
        sessions: [0, 0, 0, 0, 0, 0, 1, 2],
        completions: [0, 0, 0, 0, 0, 1, 0, 1],
        totalSessions: 3,
        totalCompletions: 2,
      },
      {
        accountId: nam.accountId,
        fullName: 'Phạm Văn Nam',
        sessions: [1, 0, 0, 0, 0, 0, 1, 0],
        completions: [0, 0, 0, 0, 0, 1, 0, 0],
        totalSessions: 2,
        totalCompletions: 1,
      },
      {
        accountId: null,
        fullName: UNKNOWN_CREATOR,
        sessions: [0, 0, 0, 0, 0, 0, 2, 0],
        completions: [0, 0, 0, 0, 0, 0, 0, 0],
        totalSessions: 2,
        totalCompletions: 0,
      },
    ]);
  });

  test('defaults to 8 weeks; fewer weeks leave older work out', async () => {
    const eight = teamActivityResponseSchema.parse(
      (await get(`/v1/wards/${ward}/activity?date=${TODAY}`, officer)).json(),
    );
    expect(eight.weeks).toHaveLength(8);
    const two = teamActivityResponseSchema.parse(
      (await get(`/v1/wards/${ward}/activity?weeks=2&date=${TODAY}`, officer)).json(),
    );
    expect(two.weeks).toEqual(['2026-03-09', '2026-03-16']);
    expect(two.people.find((p) => p.accountId === nam.accountId)?.sessions).toEqual([1, 0]);
  });

  test('refuses a bad number of weeks', async () => {
    expectErrorResponse(await get(`/v1/wards/${ward}/activity?weeks=0`, officer), 400, 'bad_request');
    expectErrorResponse(await get(`/v1/wards/${ward}/activity?weeks=53`, officer), 400, 'bad_request');
    expectErrorResponse(await get(`/v1/wards/${ward}/activity?weeks=abc`, officer), 400, 'bad_request');
  });
});

describe('group roster', () => {
  const ids = {
    hoa: '' as string,
    binh: '' as string,
    chi: '' as string,
    child: '' as string,
    copy: '' as string,
  };

  beforeAll(async () => {
    const consent = { askedBy: 'Trần Văn Tư', date: '2026-01-02', method: 'verbal', wordingVersion: 'v1' };
    const hoa = makeResident(ward, 'g2', {
      fullName: 'Nguyễn Thị Hoa',
      birthYear: 1960,
      phone: '0912345678',
      consents: [
        { purpose: 'registration', ...consent },
        { purpose: 'contact', ...consent },
      ],
    });
    const binh = makeResident(ward, 'g2', { fullName: 'Trần Văn Bình', birthYear: 1990, sex: 'male' });
    const chi = makeResident(ward, 'g2', { fullName: 'Lê Thị Chi', birthYear: 2000 });
    const child = makeResident(ward, 'g2', { fullName: 'Lê Văn Bé', birthYear: 2015, sex: 'male' });
    const copy = makeResident(ward, 'g2', { fullName: 'Nguyễn Thị Hoa', birthYear: 1960 });
    Object.assign(ids, {
      hoa: hoa['id'],
      binh: binh['id'],
      chi: chi['id'],
      child: child['id'],
      copy: copy['id'],
    });
    copy['mergedInto'] = ids.hoa;
    await push('residents', [hoa, binh, chi, child, copy], officer);
    await push(
      'sessions',
      [makeSession(ward, 'g2', { date: '2026-02-10', attendeeIds: [ids.binh], createdBy: nam.accountId })],
      officer,
    );
    await push(
      'completions',
      [
        makeCompletion(ward, 'g2', { residentId: ids.chi, date: '2026-02-11' }),
        // Recorded on the merged copy: counts for the person (Hoa), but only from 20 March.
        makeCompletion(ward, 'g2', { residentId: ids.copy, date: '2026-03-20' }),
      ],
      officer,
    );
  });

  test('lists the people with their status on the date, names and ages only', async () => {
    const res = await get(`/v1/wards/${ward}/groups/g2/roster?date=${TODAY}`, officer);
    expect(res.statusCode).toBe(200);
    const answer = groupRosterResponseSchema.parse(res.json());
    expect(answer.date).toBe(TODAY);
    expect(answer.groupId).toBe('g2');
    const byId = new Map(answer.people.map((p) => [p.id, p]));
    expect(answer.people).toHaveLength(4); // the merged copy is folded into Hoa
    expect(byId.get(ids.hoa)).toEqual({
      id: ids.hoa,
      fullName: 'Nguyễn Thị Hoa',
      birthYear: 1960,
      sex: 'female',
      age: 66,
      adult: true,
      status: 'not_reached',
      kFirst: null,
      vFirst: null,
      mergedRecords: 1,
    });
    expect(byId.get(ids.binh)).toMatchObject({ status: 'trained', kFirst: '2026-02-10', vFirst: null });
    expect(byId.get(ids.chi)).toMatchObject({ status: 'confirmed', vFirst: '2026-02-11', age: 26 });
    expect(byId.get(ids.child)).toMatchObject({ adult: false, age: 11, status: 'not_reached' });
    // No contact details nor consents leave the server.
    expect(res.body).not.toContain('0912345678');
    expect(res.body).not.toContain('consents');
    expect(res.body).not.toContain('askedBy');
  });

  test('a later date counts the completion of the merged copy for the person', async () => {
    const answer = groupRosterResponseSchema.parse(
      (await get(`/v1/wards/${ward}/groups/g2/roster?date=2026-03-20`, officer)).json(),
    );
    expect(answer.people.find((p) => p.id === ids.hoa)).toMatchObject({
      status: 'confirmed',
      vFirst: '2026-03-20',
    });
  });

  test('an unknown group is 404, a bad date 400', async () => {
    expectErrorResponse(await get(`/v1/wards/${ward}/groups/g9/roster`, officer), 404, 'not_found');
    expectErrorResponse(await get(`/v1/wards/${ward}/groups/bad%20id/roster`, officer), 404, 'not_found');
    expectErrorResponse(
      await get(`/v1/wards/${ward}/groups/g2/roster?date=2026-02-30`, officer),
      400,
      'bad_request',
    );
  });
});

describe('access', () => {
  const urls = () => [`/v1/wards/${ward}/activity`, `/v1/wards/${ward}/groups/g1/roster`];

  test('nobody signed in: 401', async () => {
    for (const url of urls()) expectErrorResponse(await get(url), 401, 'unauthenticated');
  });

  test('the officer of another ward, a volunteer and a leader: 403', async () => {
    const other = await seedTestWard(store, ['g1']);
    const otherOfficer = await server.officerToken(other);
    for (const url of urls()) {
      expectErrorResponse(await get(url, otherOfficer), 403, 'forbidden');
      expectErrorResponse(await get(url, mai.deviceToken), 403, 'forbidden');
      expectErrorResponse(await get(url, nam.deviceToken), 403, 'forbidden');
    }
  });

  test('an administrator may read any ward', async () => {
    const admin = await createAdmin(store);
    for (const url of urls()) expect((await get(url, admin.token)).statusCode).toBe(200);
    expectErrorResponse(await get(`/v1/wards/00001/activity`, admin.token), 404, 'not_found');
  });
});
