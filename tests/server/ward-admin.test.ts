// The officer's groups and settings (src/server/http/ward-admin.ts, docs/ward.md "Groups"): settings round
// trip and refusals, creating and renaming groups and entering their adult population, splitting off and
// merging groups (records, completions, sessions and accounts move; history keeps the previous states;
// repeating is harmless; coverage counts every person once), the denominator import (dry run, commit,
// re-import) and other wards' officers refused.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  checkpointParams,
  coverageResponseSchema,
  groupIdSchema,
  pullResponseSchema,
  wardSettingsResponseSchema,
  type Checkpoint,
  type PlainDoc,
  type ResidentialGroup,
} from '../../src/shared';
import {
  denominatorImportAnswerSchema,
  groupAnswerSchema,
  mergeGroupAnswerSchema,
  splitGroupAnswerSchema,
  wardSettingsAnswerSchema,
} from '../../src/shared/ward-admin';
import type { SqlStore } from '../../src/server/store';
import {
  authHeaders,
  enrollDevice,
  expectErrorResponse,
  makeCompletion,
  makeResident,
  makeSession,
  openTestStore,
  pullAll,
  seedTestWard,
  startTestServer,
  type TestServer,
} from '../helpers/server';

let store: SqlStore;
let server: TestServer;

beforeAll(async () => {
  store = await openTestStore();
  server = await startTestServer({ store });
});

afterAll(async () => {
  await server.close();
  await store.close();
});

type Method = 'GET' | 'PUT' | 'POST' | 'PATCH';

async function call(ward: string, method: Method, path: string, payload?: unknown, token?: string) {
  return server.app.inject({
    method,
    url: `/v1/wards/${ward}${path}`,
    headers: authHeaders(token ?? (await server.officerToken(ward))),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

const rows = (docs: PlainDoc[]) => docs.map((doc) => ({ newDocumentState: doc, assumedMasterState: null }));

/** The server's current live records of a collection, by id (as the officer pulls them). */
async function live(ward: string, collection: 'residents' | 'completions' | 'sessions' | 'groups') {
  const page = await pullAll(server, collection, ward);
  const byId = new Map<string, PlainDoc>();
  for (const doc of page.documents) {
    if (doc['_deleted'] === true) byId.delete(String(doc['id']));
    else byId.set(String(doc['id']), doc);
  }
  return byId;
}

async function coverage(ward: string) {
  const res = await call(ward, 'GET', '/coverage?date=2026-11-01');
  expect(res.statusCode).toBe(200);
  return coverageResponseSchema.parse(res.json());
}

const sumOverGroups = (c: Awaited<ReturnType<typeof coverage>>) => ({
  adults: c.groups.reduce((n, g) => n + g.registeredAdults, 0),
  k: c.groups.reduce((n, g) => n + g.K.count, 0),
  v: c.groups.reduce((n, g) => n + g.V.count, 0),
});

describe('ward settings', () => {
  test('a round trip: the defaults, then what was saved, also as phones read it', async () => {
    const ward = await seedTestWard(store);
    const first = await call(ward, 'GET', '/settings');
    expect(first.statusCode).toBe(200);
    expect(wardSettingsAnswerSchema.parse(first.json())).toEqual({ settings: { adultAge: 18, targets: [] } });

    const settings = {
      adultAge: 16,
      targets: [
        { year: 2026, indicator: 'K', kind: 'percent', value: 90 },
        { year: 2026, indicator: 'V', kind: 'count', value: 1200 },
      ],
    };
    const put = await call(ward, 'PUT', '/settings', settings);
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ settings });
    expect((await call(ward, 'GET', '/settings')).json()).toEqual({ settings });

    const phone = await enrollDevice(server, await server.officerToken(ward), ward, {
      role: 'volunteer',
      groupIds: ['g1'],
    });
    const synced = await server.app.inject({
      url: '/v1/sync/ward-settings',
      query: { wardCode: ward },
      headers: authHeaders(phone.deviceToken),
    });
    expect(wardSettingsResponseSchema.parse(synced.json()).settings).toEqual(settings);
    // Coverage uses the new adult age at once.
    expect((await coverage(ward)).adultAge).toBe(16);
  });

  test.each([
    ['an adult age below 14', { adultAge: 12, targets: [] }, 'adultAge'],
    ['an adult age above 30', { adultAge: 31, targets: [] }, 'adultAge'],
    [
      'two targets for one year and indicator',
      {
        adultAge: 18,
        targets: [
          { year: 2026, indicator: 'K', kind: 'percent', value: 90 },
          { year: 2026, indicator: 'K', kind: 'count', value: 100 },
        ],
      },
      'settings.targetTwice',
    ],
    [
      'a percentage above 100',
      { adultAge: 18, targets: [{ year: 2026, indicator: 'V', kind: 'percent', value: 120 }] },
      'settings.percentTooHigh',
    ],
    [
      'a count of people that is not whole',
      { adultAge: 18, targets: [{ year: 2026, indicator: 'V', kind: 'count', value: 10.5 }] },
      'settings.countNotWhole',
    ],
    ['an unknown field', { adultAge: 18, targets: [], extra: 1 }, 'Invalid body'],
  ])('refuses %s and keeps what was stored', async (_name, body, mention) => {
    const ward = await seedTestWard(store);
    const res = await call(ward, 'PUT', '/settings', body);
    expectErrorResponse(res, 400, 'invalid_body');
    expect((res.json() as { error: { message: string } }).error.message).toContain(mention);
    expect(await store.getWardSettings(ward)).toEqual({ adultAge: 18, targets: [] });
  });
});

describe('creating and changing groups', () => {
  test('a new group takes the next free tdp-NN id and reaches phones as a group record', async () => {
    const ward = await seedTestWard(store);
    const first = await call(ward, 'POST', '/groups', { name: 'Tổ 3', kind: 'to_dan_pho' });
    expect(first.statusCode).toBe(201);
    const { group } = groupAnswerSchema.parse(first.json());
    expect(group).toEqual({ id: 'tdp-01', wardCode: ward, name: 'Tổ 3', kind: 'to_dan_pho' });
    expect(groupIdSchema.safeParse(group.id).success).toBe(true);
    const second = groupAnswerSchema.parse(
      (await call(ward, 'POST', '/groups', { name: 'Thôn Đông', kind: 'thon' })).json(),
    ).group;
    expect(second.id).toBe('tdp-02');
    expect((await live(ward, 'groups')).get('tdp-02')).toEqual({ ...second, _deleted: false });
  });

  test('a deleted group id is never given again', async () => {
    const ward = await seedTestWard(store, ['tdp-01', 'tdp-07']);
    const merged = await call(ward, 'POST', '/groups/tdp-07/merge', { intoId: 'tdp-01' });
    expect(merged.statusCode).toBe(200);
    const created = await call(ward, 'POST', '/groups', { name: 'Tổ mới', kind: 'to_dan_pho' });
    expect(groupAnswerSchema.parse(created.json()).group.id).toBe('tdp-08');
  });

  test('a name another group has is refused, accents and case aside', async () => {
    const ward = await seedTestWard(store);
    expectErrorResponse(
      await call(ward, 'POST', '/groups', { name: 'tổ G1', kind: 'to_dan_pho' }),
      409,
      'conflict',
    );
    expectErrorResponse(await call(ward, 'PATCH', '/groups/g2', { name: 'TO g1' }), 409, 'conflict');
    expectErrorResponse(
      await call(ward, 'POST', '/groups', { name: ' Tổ 9', kind: 'to_dan_pho' }),
      400,
      'invalid_body',
    );
    expectErrorResponse(
      await call(ward, 'POST', '/groups', { name: 'Tổ 9', kind: 'xom' }),
      400,
      'invalid_body',
    );
  });

  test('rename, enter the adult population with its source and date, then clear it', async () => {
    const ward = await seedTestWard(store);
    const figure = { count: 412, source: 'Công an phường', asOf: '2026-10-01' };
    const renamed = await call(ward, 'PATCH', '/groups/g1', {
      name: 'Tổ dân phố 1',
      adultPopulation: figure,
    });
    expect(renamed.statusCode).toBe(200);
    expect(groupAnswerSchema.parse(renamed.json()).group).toEqual({
      id: 'g1',
      wardCode: ward,
      name: 'Tổ dân phố 1',
      kind: 'to_dan_pho',
      adultPopulation: figure,
    });
    const c = await coverage(ward);
    expect(c.groups.find((g) => g.groupId === 'g1')).toMatchObject({
      denominator: 412,
      denominatorSource: 'entered',
    });

    // The same again writes nothing: no new state in the history.
    const before = (await store.recordHistory('groups', ward, 'g1')).length;
    expect((await call(ward, 'PATCH', '/groups/g1', { adultPopulation: figure })).statusCode).toBe(200);
    expect((await store.recordHistory('groups', ward, 'g1')).length).toBe(before);

    const cleared = await call(ward, 'PATCH', '/groups/g1', { adultPopulation: null });
    expect(groupAnswerSchema.parse(cleared.json()).group.adultPopulation).toBeUndefined();
    expect((await live(ward, 'groups')).get('g1')).not.toHaveProperty('adultPopulation');
    const history = await store.recordHistory('groups', ward, 'g1');
    expect(history.at(-1)?.doc['adultPopulation']).toEqual(figure);
  });

  test('bad figures and unknown groups are refused', async () => {
    const ward = await seedTestWard(store);
    const bad = { count: -1, source: 'Công an phường', asOf: '2026-10-01' };
    expectErrorResponse(
      await call(ward, 'PATCH', '/groups/g1', { adultPopulation: bad }),
      400,
      'invalid_body',
    );
    const badDate = { count: 10, source: 'Công an phường', asOf: '01/10/2026' };
    expectErrorResponse(
      await call(ward, 'PATCH', '/groups/g1', { adultPopulation: badDate }),
      400,
      'invalid_body',
    );
    expectErrorResponse(await call(ward, 'PATCH', '/groups/nope', { name: 'Tổ X' }), 404, 'not_found');
    expectErrorResponse(await call(ward, 'PATCH', '/groups/bad%20id', { name: 'Tổ X' }), 404, 'not_found');
  });
});

/** A ward with residents, completions and a session in g1 and g2, and a volunteer's phone on g1. */
async function populatedWard() {
  const ward = await seedTestWard(store, ['g1', 'g2']);
  const [r1, r2, r3] = [1, 2, 3].map((n) => makeResident(ward, 'g1', { fullName: `Người Một ${n}` }));
  const r4 = makeResident(ward, 'g2', { fullName: 'Người Hai Bốn' });
  const r1dup = makeResident(ward, 'g1', { fullName: 'Người Một 1' });
  await server.push(ward, rows([r1!, r2!, r3!, r4, r1dup]));
  // r1dup is the same person as r1 (an officer merged them).
  await server.push(ward, [
    {
      newDocumentState: { ...r1dup, mergedInto: r1!['id'], updatedAt: '2026-02-01T00:00:00.000Z' },
      assumedMasterState: r1dup,
    },
  ]);
  const completions = [
    makeCompletion(ward, 'g1', { residentId: r1!['id'] }),
    makeCompletion(ward, 'g1', {
      residentId: r2!['id'],
      kind: 'trained',
      vneid: undefined,
      skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
    }),
    makeCompletion(ward, 'g1', { residentId: r3!['id'] }),
    makeCompletion(ward, 'g2', { residentId: r4['id'] }),
  ].map((c) => JSON.parse(JSON.stringify(c)) as PlainDoc);
  const pushed = await server.push(ward, rows(completions), 'completions');
  expect(pushed.quarantined).toEqual([]);
  const sessions = [makeSession(ward, 'g1'), makeSession(ward, 'g2')];
  await server.push(ward, rows(sessions), 'sessions');
  const officer = await server.officerToken(ward);
  const phone = await enrollDevice(server, officer, ward, { role: 'volunteer', groupIds: ['g1'] });
  return { ward, r1: r1!, r2: r2!, r3: r3!, r4, r1dup, completions, sessions, phone };
}

/** A device's pull from its checkpoint (with its scope), as the app sends it. */
async function devicePull(ward: string, collection: string, token: string, checkpoint?: Checkpoint) {
  const res = await server.app.inject({
    url: `/v1/sync/${collection}/pull`,
    query: { wardCode: ward, limit: '1000', ...checkpointParams(checkpoint) },
    headers: authHeaders(token),
  });
  expect(res.statusCode).toBe(200);
  return pullResponseSchema.parse(res.json());
}

describe('splitting a group', () => {
  test('the chosen residents move with their completions; the volunteer gets the new group', async () => {
    const w = await populatedWard();
    const before = await devicePull(w.ward, 'residents', w.phone.deviceToken);
    expect(before.documents.map((d) => d['id']).sort()).toEqual(
      [w.r1['id'], w.r2['id'], w.r3['id'], w.r1dup['id']].sort(),
    );
    const coverageBefore = await coverage(w.ward);

    const body = { name: 'Tổ g1 B', kind: 'to_dan_pho', residentIds: [w.r1['id'], w.r2['id']] };
    const res = await call(w.ward, 'POST', '/groups/g1/split', body);
    expect(res.statusCode).toBe(200);
    const answer = splitGroupAnswerSchema.parse(res.json());
    const target = answer.group.id;
    expect(answer).toEqual({
      group: { id: target, wardCode: w.ward, name: 'Tổ g1 B', kind: 'to_dan_pho' },
      moved: { residents: 3, completions: 2 },
      accounts: 1,
      skipped: [],
    });

    const residents = await live(w.ward, 'residents');
    expect(residents.get(String(w.r1['id']))?.['groupId']).toBe(target);
    expect(residents.get(String(w.r2['id']))?.['groupId']).toBe(target);
    expect(residents.get(String(w.r1dup['id']))?.['groupId']).toBe(target); // merged into r1: same person
    expect(residents.get(String(w.r3['id']))?.['groupId']).toBe('g1');
    const completions = await live(w.ward, 'completions');
    const groupOf = (i: number) => completions.get(String(w.completions[i]!['id']))?.['groupId'];
    expect([groupOf(0), groupOf(1), groupOf(2), groupOf(3)]).toEqual([target, target, 'g1', 'g2']);
    // Sessions stay where they were logged.
    const sessions = await live(w.ward, 'sessions');
    expect(sessions.get(String(w.sessions[0]!['id']))?.['groupId']).toBe('g1');
    // The previous state is in the history.
    const history = await store.recordHistory('residents', w.ward, String(w.r1['id']));
    expect(history.at(-1)?.doc['groupId']).toBe('g1');

    const account = await store.getAccount(w.phone.accountId);
    expect(account?.groupIds.sort()).toEqual(['g1', target].sort());
    // The phone, pulling on from its checkpoint, gets the moved residents with their new group.
    const after = await devicePull(w.ward, 'residents', w.phone.deviceToken, before.checkpoint);
    const pulled = new Map(after.documents.map((d) => [d['id'], d['groupId']]));
    expect(pulled.get(w.r1['id'])).toBe(target);
    expect(pulled.get(w.r2['id'])).toBe(target);
    const pulledCompletions = await devicePull(w.ward, 'completions', w.phone.deviceToken);
    expect(pulledCompletions.documents.filter((d) => d['groupId'] === target)).toHaveLength(2);

    // Everyone still counted once.
    const coverageAfter = await coverage(w.ward);
    expect(sumOverGroups(coverageAfter)).toEqual(sumOverGroups(coverageBefore));
    expect(coverageAfter.ward.registeredAdults).toBe(coverageBefore.ward.registeredAdults);
    expect(coverageAfter.groups.find((g) => g.groupId === target)?.registeredAdults).toBe(2);

    // Repeating finishes nothing more and makes no second group.
    const again = splitGroupAnswerSchema.parse((await call(w.ward, 'POST', '/groups/g1/split', body)).json());
    expect(again).toEqual({ ...answer, moved: { residents: 0, completions: 0 }, accounts: 0 });
    expect([...(await live(w.ward, 'groups')).keys()].sort()).toEqual(['g1', 'g2', target].sort());
  });

  test('a repeat after a failure halfway moves what was left', async () => {
    const w = await populatedWard();
    const body = { name: 'Tổ g1 C', kind: 'to_dan_pho', residentIds: [w.r1['id'], w.r2['id']] };
    const first = splitGroupAnswerSchema.parse((await call(w.ward, 'POST', '/groups/g1/split', body)).json());
    // As if the completions step had failed: put one back in the source group.
    const completion = (await live(w.ward, 'completions')).get(String(w.completions[0]!['id']))!;
    const { _deleted, ...doc } = completion;
    await server.push(
      w.ward,
      [{ newDocumentState: { ...completion, groupId: 'g1' }, assumedMasterState: completion }],
      'completions',
    );
    expect(_deleted).toBe(false);
    expect(doc['groupId']).toBe(first.group.id);
    const again = splitGroupAnswerSchema.parse((await call(w.ward, 'POST', '/groups/g1/split', body)).json());
    expect(again.moved).toEqual({ residents: 0, completions: 1 });
    expect((await live(w.ward, 'completions')).get(String(w.completions[0]!['id']))?.['groupId']).toBe(
      first.group.id,
    );
  });

  test('unknown residents are skipped; a split into its own name or from an unknown group is refused', async () => {
    const w = await populatedWard();
    const stranger = makeResident(w.ward, 'g2')['id'];
    const res = await call(w.ward, 'POST', '/groups/g1/split', {
      name: 'Tổ g1 D',
      kind: 'to_dan_pho',
      residentIds: [w.r3['id'], stranger, w.r4['id']],
    });
    const answer = splitGroupAnswerSchema.parse(res.json());
    expect(answer.moved.residents).toBe(1);
    expect(answer.skipped.sort()).toEqual([stranger, w.r4['id']].sort());
    const own = { name: 'tổ g1', kind: 'to_dan_pho', residentIds: [w.r3['id']] };
    expectErrorResponse(await call(w.ward, 'POST', '/groups/g1/split', own), 409, 'conflict');
    const missing = { name: 'Tổ mới', kind: 'to_dan_pho', residentIds: [w.r3['id']] };
    expectErrorResponse(await call(w.ward, 'POST', '/groups/zz/split', missing), 404, 'not_found');
    const none = { name: 'Tổ mới', kind: 'to_dan_pho', residentIds: [] };
    expectErrorResponse(await call(w.ward, 'POST', '/groups/g1/split', none), 400, 'invalid_body');
  });
});

describe('merging a group into another', () => {
  test('everything moves, the group is deleted, history keeps it, repeating is harmless', async () => {
    const w = await populatedWard();
    const leader = await enrollDevice(server, await server.officerToken(w.ward), w.ward, {
      role: 'leader',
      groupIds: ['g2'],
    });
    const coverageBefore = await coverage(w.ward);
    const res = await call(w.ward, 'POST', '/groups/g2/merge', { intoId: 'g1' });
    expect(res.statusCode).toBe(200);
    const answer = mergeGroupAnswerSchema.parse(res.json());
    expect(answer).toMatchObject({
      fromId: 'g2',
      into: { id: 'g1' },
      moved: { residents: 1, completions: 1, sessions: 1 },
      accounts: 1,
    });

    expect((await live(w.ward, 'residents')).get(String(w.r4['id']))?.['groupId']).toBe('g1');
    expect((await live(w.ward, 'completions')).get(String(w.completions[3]!['id']))?.['groupId']).toBe('g1');
    expect((await live(w.ward, 'sessions')).get(String(w.sessions[1]!['id']))?.['groupId']).toBe('g1');
    const groups = await live(w.ward, 'groups');
    expect(groups.has('g2')).toBe(false);
    expect((await store.listGroups(w.ward)).map((g: ResidentialGroup) => g.id)).toEqual(['g1']);
    const groupHistory = await store.recordHistory('groups', w.ward, 'g2');
    expect(groupHistory.at(-1)).toMatchObject({ deleted: false, doc: { id: 'g2', name: 'Tổ g2' } });
    const residentHistory = await store.recordHistory('residents', w.ward, String(w.r4['id']));
    expect(residentHistory.at(-1)?.doc['groupId']).toBe('g2');
    expect((await store.getAccount(leader.accountId))?.groupIds.sort()).toEqual(['g1', 'g2']);
    const leaderPull = await devicePull(w.ward, 'residents', leader.deviceToken);
    expect(leaderPull.documents.find((d) => d['id'] === w.r4['id'])?.['groupId']).toBe('g1');

    const coverageAfter = await coverage(w.ward);
    expect(sumOverGroups(coverageAfter)).toEqual(sumOverGroups(coverageBefore));
    expect(coverageAfter.ward.registeredAdults).toBe(coverageBefore.ward.registeredAdults);
    expect(coverageAfter.groups.map((g) => g.groupId)).toEqual(['g1']);

    // Repeating: nothing left to move, nothing written.
    const seqBefore = (await pullAll(server, 'residents', w.ward)).checkpoint;
    const again = mergeGroupAnswerSchema.parse(
      (await call(w.ward, 'POST', '/groups/g2/merge', { intoId: 'g1' })).json(),
    );
    expect(again.moved).toEqual({ residents: 0, completions: 0, sessions: 0 });
    expect(again.accounts).toBe(0);
    expect((await pullAll(server, 'residents', w.ward)).checkpoint).toBe(seqBefore);
    expect(await store.recordHistory('groups', w.ward, 'g2')).toHaveLength(groupHistory.length);
  });

  test('a repeat sweeps a record that still names the merged group', async () => {
    const w = await populatedWard();
    await call(w.ward, 'POST', '/groups/g2/merge', { intoId: 'g1' });
    // An offline phone's new resident, registered before the merge, arrives afterwards.
    const late = makeResident(w.ward, 'g2', { fullName: 'Người Đến Muộn' });
    const pushed = await server.push(w.ward, rows([late]));
    expect(pushed.quarantined).toEqual([]);
    const again = mergeGroupAnswerSchema.parse(
      (await call(w.ward, 'POST', '/groups/g2/merge', { intoId: 'g1' })).json(),
    );
    expect(again.moved.residents).toBe(1);
    expect((await live(w.ward, 'residents')).get(String(late['id']))?.['groupId']).toBe('g1');
  });

  test('merging into itself, into a deleted or unknown group, or from an unknown group is refused', async () => {
    const ward = await seedTestWard(store, ['g1', 'g2', 'g3']);
    expectErrorResponse(await call(ward, 'POST', '/groups/g1/merge', { intoId: 'g1' }), 400, 'invalid_body');
    expectErrorResponse(
      await call(ward, 'POST', '/groups/g1/merge', { intoId: 'nope' }),
      400,
      'invalid_body',
    );
    expect((await call(ward, 'POST', '/groups/g3/merge', { intoId: 'g2' })).statusCode).toBe(200);
    expectErrorResponse(await call(ward, 'POST', '/groups/g1/merge', { intoId: 'g3' }), 400, 'invalid_body');
    expectErrorResponse(await call(ward, 'POST', '/groups/nope/merge', { intoId: 'g1' }), 404, 'not_found');
    expect((await store.listGroups(ward)).map((g) => g.id)).toEqual(['g1', 'g2']);
  });

  test('more than one chunk of residents moves completely', async () => {
    const ward = await seedTestWard(store, ['g1', 'g2']);
    const many = Array.from({ length: 620 }, (_, i) =>
      makeResident(ward, 'g2', { fullName: `Người Số ${i}` }),
    );
    for (let i = 0; i < many.length; i += 200) await server.push(ward, rows(many.slice(i, i + 200)));
    const answer = mergeGroupAnswerSchema.parse(
      (await call(ward, 'POST', '/groups/g2/merge', { intoId: 'g1' })).json(),
    );
    expect(answer.moved.residents).toBe(620);
    const residents = await live(ward, 'residents');
    expect([...residents.values()].every((r) => r['groupId'] === 'g1')).toBe(true);
    expect(residents.size).toBe(620);
  });
});

const CSV = [
  'Tổ,Số người từ 18 tuổi,Nguồn,Ngày',
  'Tổ g1,1.234,Công an phường,01/03/2026',
  'g2,500,Công an phường,15/02/2026',
  'Tổ 9,10,Công an phường,01/01/2026',
  'Tổ g1,abc,Công an phường,01/03/2026',
  'Tổ g3,5,,31/02/2026',
  'Tổ g4,7,Công an phường,01/01/2099',
].join('\r\n');

const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

describe('importing the adult population per group', () => {
  test('dry run, commit, and the same file again changes nothing', async () => {
    const ward = await seedTestWard(store, ['g1', 'g2', 'g3', 'g4']);
    const send = async (commit: boolean, content = CSV) => {
      const res = await call(ward, 'POST', '/denominators/import', {
        filename: 'dan-so.csv',
        contentBase64: base64(`\uFEFF${content}`),
        commit,
      });
      expect(res.statusCode).toBe(200);
      return denominatorImportAnswerSchema.parse(res.json());
    };
    const dry = await send(false);
    expect(dry.committed).toBe(false);
    expect(dry.written).toBe(0);
    expect(dry.problems).toEqual([]);
    expect(dry.counts).toEqual({ update: 2, unchanged: 0, error: 4 });
    expect(dry.rows.map((r) => [r.line, r.groupId ?? null, r.status, r.errors])).toEqual([
      [2, 'g1', 'update', []],
      [3, 'g2', 'update', []],
      [4, null, 'error', ['group.unknown']],
      [5, 'g1', 'error', ['group.twice', 'count.invalid']],
      [6, 'g3', 'error', ['source.missing', 'date.invalid']],
      [7, 'g4', 'error', ['date.future']],
    ]);
    expect(dry.rows[0]?.adultPopulation).toEqual({
      count: 1234,
      source: 'Công an phường',
      asOf: '2026-03-01',
    });
    expect((await store.listGroups(ward)).every((g) => g.adultPopulation === undefined)).toBe(true);

    const committed = await send(true);
    expect(committed).toMatchObject({ committed: true, written: 2 });
    const groups = new Map((await store.listGroups(ward)).map((g) => [g.id, g]));
    expect(groups.get('g1')?.adultPopulation).toEqual({
      count: 1234,
      source: 'Công an phường',
      asOf: '2026-03-01',
    });
    expect(groups.get('g2')?.adultPopulation).toEqual({
      count: 500,
      source: 'Công an phường',
      asOf: '2026-02-15',
    });
    expect(groups.get('g3')?.adultPopulation).toBeUndefined();

    const seq = (await pullAll(server, 'groups', ward)).checkpoint;
    const again = await send(true);
    expect(again).toMatchObject({
      committed: true,
      written: 0,
      counts: { update: 0, unchanged: 2, error: 4 },
    });
    expect(again.rows[0]?.previous).toEqual(groups.get('g1')?.adultPopulation);
    expect((await pullAll(server, 'groups', ward)).checkpoint).toBe(seq);
  });

  test('an Excel file with a title line, date cells and numbers', async () => {
    const ward = await seedTestWard(store, ['g1', 'g2']);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Dân số');
    sheet.addRow(['Số người trưởng thành theo tổ']);
    sheet.addRow(['STT', 'Tên tổ', 'Số người từ 18 tuổi', 'Nguồn', 'Ngày']);
    sheet.addRow([1, 'TỔ G1', 320, 'Công an phường', new Date(Date.UTC(2026, 8, 30))]);
    sheet.addRow([2, 'g2', 215, { richText: [{ text: 'Công an ' }, { text: 'phường' }] }, '30/09/2026']);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const res = await call(ward, 'POST', '/denominators/import', {
      filename: 'Dan so.XLSX',
      contentBase64: base64(bytes),
      commit: true,
    });
    const answer = denominatorImportAnswerSchema.parse(res.json());
    expect(answer.problems).toEqual([]);
    expect(answer.rows.map((r) => [r.line, r.groupId, r.adultPopulation])).toEqual([
      [3, 'g1', { count: 320, source: 'Công an phường', asOf: '2026-09-30' }],
      [4, 'g2', { count: 215, source: 'Công an phường', asOf: '2026-09-30' }],
    ]);
    expect(answer.written).toBe(2);
  });

  test('files it cannot read are answered with the problem, and nothing is written', async () => {
    const ward = await seedTestWard(store);
    const send = async (filename: string, content: string | Buffer) =>
      denominatorImportAnswerSchema.parse(
        (
          await call(ward, 'POST', '/denominators/import', {
            filename,
            contentBase64: base64(content),
            commit: true,
          })
        ).json(),
      );
    expect((await send('a.pdf', 'x')).problems).toEqual(['file.type']);
    expect((await send('a.xlsx', 'not a zip')).problems).toEqual(['file.unreadable']);
    expect((await send('a.csv', Buffer.from([0x54, 0xf4, 0x20, 0x31]))).problems).toEqual(['file.encoding']);
    expect((await send('a.csv', 'Tổ,Ghi chú\nTổ g1,x')).problems).toEqual([
      'columns.count',
      'columns.source',
      'columns.date',
    ]);
    const header = await send('a.csv', 'Tổ,Số người,Nguồn,Ngày\n');
    expect(header).toMatchObject({ problems: ['file.empty'], committed: false, written: 0 });
  });
});

describe('other wards', () => {
  test("another ward's officer and the ward's own phones are refused on every route", async () => {
    const ward = await seedTestWard(store);
    const other = await seedTestWard(store);
    const stranger = await server.officerToken(other);
    const phone = await enrollDevice(server, await server.officerToken(ward), ward, {
      role: 'leader',
      groupIds: ['g1'],
    });
    const routes: [Method, string, unknown][] = [
      ['GET', '/settings', undefined],
      ['PUT', '/settings', { adultAge: 18, targets: [] }],
      ['POST', '/groups', { name: 'Tổ X', kind: 'to_dan_pho' }],
      ['PATCH', '/groups/g1', { name: 'Tổ X' }],
      ['POST', '/groups/g1/split', { name: 'Tổ X', kind: 'to_dan_pho', residentIds: [] }],
      ['POST', '/groups/g1/merge', { intoId: 'g2' }],
      ['POST', '/denominators/import', { filename: 'a.csv', contentBase64: 'eA==', commit: true }],
    ];
    for (const [method, path, body] of routes) {
      expectErrorResponse(await call(ward, method, path, body, stranger), 403, 'forbidden');
      expectErrorResponse(await call(ward, method, path, body, phone.deviceToken), 403, 'forbidden');
    }
    expect((await store.listGroups(ward)).map((g) => g.name)).toEqual(['Tổ g1', 'Tổ g2']);
  });
});
