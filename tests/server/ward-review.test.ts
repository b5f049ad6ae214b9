// Coverage over HTTP, duplicate proposals, merge and undo (audited, reaching devices, counted once), and
// period close with late corrections (docs/ward.md), through the real endpoints on PGlite.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  coverageResponseSchema,
  duplicatesResponseSchema,
  mergesResponseSchema,
  periodDetailSchema,
  provinceCoverageResponseSchema,
  type CoverageResponse,
} from '../../src/shared';
import type { SqlStore } from '../../src/server/store';
import {
  authHeaders,
  createAdmin,
  createOfficer,
  enrollDevice,
  expectErrorResponse,
  makeCompletion,
  makeResident,
  openTestStore,
  seedTestWard,
  startTestServer,
  type TestServer,
} from '../helpers/server';

let store: SqlStore;
let server: TestServer;
beforeAll(async () => {
  store = await openTestStore();
  server = await startTestServer({ store, now: () => new Date('2026-11-23T03:00:00Z') });
});
afterAll(async () => {
  await server.close();
  await store.close();
});

const push = (
  ward: string,
  docs: Record<string, unknown>[],
  collection: 'residents' | 'completions' = 'residents',
) =>
  server.push(
    ward,
    docs.map((newDocumentState) => ({ newDocumentState })),
    collection,
  );

async function get(url: string, token: string) {
  return server.app.inject({ method: 'GET', url, headers: authHeaders(token) });
}
async function post(url: string, token: string, payload: unknown = {}) {
  return server.app.inject({ method: 'POST', url, headers: authHeaders(token), payload: payload as object });
}
async function coverage(ward: string, token: string, date = '2026-11-23'): Promise<CoverageResponse> {
  const res = await get(`/v1/wards/${ward}/coverage?date=${date}`, token);
  expect(res.statusCode, res.body).toBe(200);
  return coverageResponseSchema.parse(res.json());
}

describe('coverage over HTTP', () => {
  test('figures per group and ward, with names and a 13-point trend; access and bad input refused', async () => {
    const ward = await seedTestWard(store, ['g1', 'g2']);
    const officer = await server.officerToken(ward);
    const a = makeResident(ward, 'g1', { birthYear: 1970 });
    const b = makeResident(ward, 'g2', { birthYear: 2010 }); // a child: not counted
    await push(ward, [a, b]);
    await push(
      ward,
      [makeCompletion(ward, 'g1', { residentId: a['id'], date: '2026-03-01' })],
      'completions',
    );
    const c = await coverage(ward, officer);
    expect(c.groups.map((g) => [g.groupId, g.groupName, g.registeredAdults, g.K.count])).toEqual([
      ['g1', 'Tổ g1', 1, 1],
      ['g2', 'Tổ g2', 0, 0],
    ]);
    expect(c.ward.K).toMatchObject({ count: 1, percent: 100, gap: 0 });
    expect(c.trend).toHaveLength(13);
    expect(c.trend.at(-1)).toMatchObject({ date: '2026-11-23', K: 1, denominator: 1 });
    expect(c.trend[0]).toMatchObject({ date: '2025-11-30', K: 0 });

    const other = await createOfficer(store, await seedTestWard(store));
    expectErrorResponse(await get(`/v1/wards/${ward}/coverage`, other.token), 403, 'forbidden');
    expectErrorResponse(await get(`/v1/wards/${ward}/coverage?date=23/11/2026`, officer), 400, 'bad_request');
    expectErrorResponse(
      await server.app.inject({ method: 'GET', url: `/v1/wards/${ward}/coverage` }),
      401,
      'unauthenticated',
    );
    const admin = await createAdmin(store);
    expect((await get(`/v1/wards/${ward}/coverage?date=2026-11-23`, admin.token)).statusCode).toBe(200);
    const province = await get('/v1/provinces/01/coverage?date=2026-11-23', admin.token);
    expect(province.statusCode).toBe(200);
    const roll = provinceCoverageResponseSchema.parse(province.json());
    const mine = roll.wards.find((w) => w.wardCode === ward)!;
    expect(mine.K.count).toBe(1);
    expect(roll.province.K.count).toBe(roll.wards.reduce((n, w) => n + w.K.count, 0));
    expectErrorResponse(await get('/v1/provinces/01/coverage', officer), 403, 'forbidden');
  });
});

describe('duplicates', () => {
  test('proposed, merged (count drops by one, completions kept, reaches a phone), undone (count back), audited', async () => {
    const ward = await seedTestWard(store, ['g1', 'g2']);
    const officer = await server.officerToken(ward);
    const first = makeResident(ward, 'g1', { fullName: 'Nguyễn Văn Bình', birthYear: 1960 });
    const second = makeResident(ward, 'g1', { fullName: 'nguyen  van binh', birthYear: 1960 });
    const other = makeResident(ward, 'g1', { fullName: 'Nguyễn Văn Bình', birthYear: 1961 });
    await push(ward, [first, second, other]);
    await push(
      ward,
      [
        makeCompletion(ward, 'g1', { residentId: first['id'], date: '2026-05-01' }),
        makeCompletion(ward, 'g1', { residentId: second['id'], date: '2026-04-01' }),
      ],
      'completions',
    );
    const before = await coverage(ward, officer);
    expect(before.ward.K.count).toBe(2);
    expect(before.ward.registeredAdults).toBe(3);

    const proposals = duplicatesResponseSchema.parse(
      (await get(`/v1/wards/${ward}/duplicates`, officer)).json(),
    );
    expect(proposals.candidates).toHaveLength(1);
    const [pair] = proposals.candidates;
    expect(pair!.signals).toEqual(['name_birth_year']);
    expect(pair!.a.completions + pair!.b.completions).toBe(2);

    const volunteer = await enrollDevice(server, officer, ward, { role: 'volunteer', groupIds: ['g1'] });
    expectErrorResponse(
      await post(`/v1/wards/${ward}/duplicates/merge`, volunteer.deviceToken, {
        fromId: second['id'],
        intoId: first['id'],
      }),
      403,
      'forbidden',
    );
    const merged = await post(`/v1/wards/${ward}/duplicates/merge`, officer, {
      fromId: second['id'],
      intoId: first['id'],
      signals: ['name_birth_year'],
    });
    expect(merged.statusCode, merged.body).toBe(201);
    const after = await coverage(ward, officer);
    expect(after.ward.K.count).toBe(1);
    expect(after.ward.registeredAdults).toBe(2);
    // The phone gets the merge as an ordinary resident change.
    const onPhone = (await server.pull('residents', ward, 0, 1000, volunteer.deviceToken)).documents;
    expect(onPhone.find((d) => d['id'] === second['id'])?.['mergedInto']).toBe(first['id']);
    // No longer proposed; a second merge of the same record and a merge into a merged one are refused.
    expect(
      duplicatesResponseSchema.parse((await get(`/v1/wards/${ward}/duplicates`, officer)).json()).candidates,
    ).toEqual([]);
    expectErrorResponse(
      await post(`/v1/wards/${ward}/duplicates/merge`, officer, {
        fromId: second['id'],
        intoId: other['id'],
      }),
      409,
      'conflict',
    );
    expectErrorResponse(
      await post(`/v1/wards/${ward}/duplicates/merge`, officer, {
        fromId: other['id'],
        intoId: second['id'],
      }),
      409,
      'conflict',
    );
    expectErrorResponse(
      await post(`/v1/wards/${ward}/duplicates/merge`, officer, { fromId: other['id'], intoId: other['id'] }),
      400,
      'invalid_body',
    );

    const { merge } = merged.json() as { merge: { id: number } };
    const undone = await post(`/v1/wards/${ward}/merges/${merge.id}/undo`, officer);
    expect(undone.statusCode, undone.body).toBe(200);
    expect((await coverage(ward, officer)).ward.K.count).toBe(2);
    expectErrorResponse(await post(`/v1/wards/${ward}/merges/${merge.id}/undo`, officer), 409, 'conflict');
    const audit = mergesResponseSchema.parse((await get(`/v1/wards/${ward}/merges`, officer)).json());
    expect(audit.merges).toHaveLength(1);
    expect(audit.merges[0]).toMatchObject({
      fromName: 'nguyen  van binh',
      intoName: 'Nguyễn Văn Bình',
      reason: 'name_birth_year',
      mergedBy: `Cán bộ ${ward}`,
      undoneBy: `Cán bộ ${ward}`,
    });
    // History keeps the merged state.
    const history = await store.recordHistory('residents', ward, String(second['id']));
    expect(history.some((h) => h.doc['mergedInto'] === first['id'])).toBe(true);
  });

  test('a dismissed pair is not proposed again; a leader sees and merges only in their groups', async () => {
    const ward = await seedTestWard(store, ['g1', 'g2']);
    const officer = await server.officerToken(ward);
    const x = makeResident(ward, 'g1', { fullName: 'Lê Thị Hoa', birthYear: 1950 });
    const y = makeResident(ward, 'g1', { fullName: 'Lê Thị Hoa', birthYear: 1950 });
    const p = makeResident(ward, 'g2', { fullName: 'Trần Văn An', birthYear: 1980, phone: '0912345678' });
    const q = makeResident(ward, 'g2', { fullName: 'Trần An', birthYear: 1981, phone: '0912345678' });
    const consents = [
      ...(p['consents'] as object[]),
      { purpose: 'contact', askedBy: 'Tư', date: '2026-01-02', method: 'verbal', wordingVersion: 'v1' },
    ];
    p['consents'] = consents;
    q['consents'] = consents;
    await push(ward, [x, y, p, q]);
    const leader = await enrollDevice(server, officer, ward, { role: 'leader', groupIds: ['g1'] });
    const seen = duplicatesResponseSchema.parse(
      (await get(`/v1/wards/${ward}/duplicates`, leader.deviceToken)).json(),
    );
    expect(seen.candidates.map((c) => c.signals)).toEqual([['name_birth_year']]);
    const all = duplicatesResponseSchema.parse((await get(`/v1/wards/${ward}/duplicates`, officer)).json());
    expect(all.candidates.map((c) => c.signals).sort()).toEqual([['name_birth_year'], ['phone']]);
    expectErrorResponse(
      await post(`/v1/wards/${ward}/duplicates/merge`, leader.deviceToken, {
        fromId: q['id'],
        intoId: p['id'],
      }),
      403,
      'forbidden',
    );
    expect(
      (await post(`/v1/wards/${ward}/duplicates/dismiss`, leader.deviceToken, { aId: x['id'], bId: y['id'] }))
        .statusCode,
    ).toBe(200);
    const left = duplicatesResponseSchema.parse((await get(`/v1/wards/${ward}/duplicates`, officer)).json());
    expect(left.candidates.map((c) => c.signals)).toEqual([['phone']]);
  });
});

describe('period close', () => {
  test('closed figures stay as reported; a record arriving later is kept and shown as a late correction', async () => {
    const ward = await seedTestWard(store, ['g1']);
    const officer = await server.officerToken(ward);
    const a = makeResident(ward, 'g1', { birthYear: 1970 });
    const b = makeResident(ward, 'g1', { birthYear: 1971 });
    await push(ward, [a, b]);
    await push(
      ward,
      [makeCompletion(ward, 'g1', { residentId: a['id'], date: '2026-10-01' })],
      'completions',
    );
    const closed = await post(`/v1/wards/${ward}/periods`, officer, {
      periodEnd: '2026-10-31',
      label: 'Tháng 10/2026',
    });
    expect(closed.statusCode, closed.body).toBe(201);
    const { period } = closed.json() as { period: { id: number } };
    expectErrorResponse(
      await post(`/v1/wards/${ward}/periods`, officer, { periodEnd: '2026-10-31', label: 'again' }),
      409,
      'conflict',
    );
    expectErrorResponse(
      await post(`/v1/wards/${ward}/periods`, officer, { periodEnd: '2026-12-31', label: 'future' }),
      400,
      'invalid_body',
    );
    // A phone syncs late: a completion dated inside the closed period.
    await push(
      ward,
      [makeCompletion(ward, 'g1', { residentId: b['id'], date: '2026-10-15' })],
      'completions',
    );
    const detail = periodDetailSchema.parse(
      (await get(`/v1/wards/${ward}/periods/${period.id}`, officer)).json(),
    );
    expect(detail.reported.ward.K.count).toBe(1);
    expect(detail.corrections[0]).toMatchObject({ groupId: 'g1', reportedK: 1, currentK: 2, lateK: 1 });
    expect(detail.corrections.find((c) => c.groupId === null)).toMatchObject({
      reportedK: 1,
      currentK: 2,
      lateK: 1,
    });
    const listed = await get(`/v1/wards/${ward}/periods`, officer);
    expect((listed.json() as { periods: unknown[] }).periods).toHaveLength(1);
    expectErrorResponse(await get(`/v1/wards/${ward}/periods/99999`, officer), 404, 'not_found');
  });
});
