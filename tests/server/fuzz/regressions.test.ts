// Focused regressions for what the fuzzing suite found (each was a 5xx or the wrong error shape): paths
// the router refused in Fastify's own shape, JSON nested deep enough to overflow the stack of the
// put-aside row's serialisation, and text PostgreSQL cannot store (NUL anywhere, lone UTF-16
// surrogates in jsonb) in pushed documents, in an unsynced-records file, and in what the audit log keeps.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pushResponseSchema, unsyncedImportResponseSchema, type PlainDoc } from '../../../src/shared';
import type { SqlStore } from '../../../src/server/store';
import {
  authHeaders,
  expectErrorResponse,
  makeResident,
  makeSession,
  openTestStore,
  seedTestWard,
  startTestServer,
  type TestServer,
} from '../../helpers/server';

let store: SqlStore;
let server: TestServer;
let ward: string;
let officer: Record<string, string>;

beforeAll(async () => {
  store = await openTestStore();
  server = await startTestServer({ store });
  ward = await seedTestWard(store, ['g1']);
  officer = authHeaders(await server.officerToken(ward));
});

afterAll(async () => {
  await server.close();
  await store.close();
});

const push = (rows: unknown, collection = 'residents') =>
  server.app.inject({
    method: 'POST',
    url: `/v1/sync/${collection}/push?wardCode=${ward}`,
    headers: { ...officer, 'content-type': 'application/json' },
    payload: typeof rows === 'string' ? rows : JSON.stringify({ rows }),
  });

async function storedCount(table: string, id: string): Promise<number> {
  return (await store.db.query(`select id from ${table} where id = $1`, [id])).length;
}

describe('paths the router refuses', () => {
  test.each([
    ['a broken %-escape', `/v1/wards/%c0%ae/coverage`],
    ['a truncated UTF-8 escape', `/v1/wards/%F0%9F/merges`],
    ['a parameter over the router limit', `/v1/wards/${'x'.repeat(300)}/coverage`],
  ])('%s is 400 bad_request in the one error shape', async (_what, url) => {
    const res = await server.app.inject({ method: 'GET', url, headers: officer });
    expectErrorResponse(res, 400, 'bad_request');
  });
});

describe('deeply nested JSON', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  test('a push whose document nests 60 000 arrays deep is refused as 400, not a stack overflow', async () => {
    const body = `{"rows":[{"newDocumentState":{"id":"x","deep":${nested(60_000)}}}]}`;
    expectErrorResponse(await push(body), 400, 'bad_request');
  });

  test('nesting within the limit still parses (the put-aside row keeps it)', async () => {
    const body = `{"rows":[{"newDocumentState":{"id":"shallow","deep":${nested(40)}}}]}`;
    const res = await push(body);
    expect(res.statusCode).toBe(200);
    expect(pushResponseSchema.parse(res.json()).quarantined).toEqual([
      expect.objectContaining({ id: 'shallow', code: 'invalid_document' }),
    ]);
  });

  test('brackets inside strings do not count as nesting', async () => {
    const doc = makeResident(ward, 'g1', { fullName: `Lê ${'['.repeat(90)}` });
    const res = await push(JSON.stringify({ rows: [{ newDocumentState: doc }] }));
    expect(res.statusCode).toBe(200);
    expect(await storedCount('residents', String(doc['id']))).toBe(1);
  });
});

describe('text PostgreSQL cannot store', () => {
  const registration = (askedById: string): PlainDoc[] => [
    {
      purpose: 'registration',
      askedBy: 'Trần Văn Tư',
      askedById,
      date: '2026-01-02',
      method: 'verbal',
      wordingVersion: 'v1',
    },
  ];

  test.each([
    ['a lone high surrogate in a name', 'residents', makeResidentWith({ fullName: 'Hoà \ud800' })],
    ['a lone low surrogate in a name', 'residents', makeResidentWith({ fullName: 'Hoà \udc00x' })],
    ['NUL in a free-form id field', 'residents', makeResidentWith({ consents: registration('a\u0000b') })],
    [
      'a lone surrogate in a session place',
      'sessions',
      (w: string) => makeSession(w, 'g1', { place: 'Nhà \udfff' }),
    ],
    ['NUL in who logged a session', 'sessions', (w: string) => makeSession(w, 'g1', { createdBy: '\u0000' })],
  ])('%s: the push answers 200 and puts the row aside', async (_what, collection, make) => {
    const doc = make(ward);
    const res = await push([{ newDocumentState: doc }], collection);
    expect(res.statusCode).toBe(200);
    const answer = pushResponseSchema.parse(res.json());
    expect(answer.quarantined).toEqual([
      { id: doc['id'], code: 'invalid_document', message: expect.stringContaining('text.invalidChars') },
    ]);
    const table = collection === 'sessions' ? 'training_sessions' : collection;
    expect(await storedCount(table, String(doc['id']))).toBe(0);
  });

  test('a surrogate pair (an emoji) is stored as sent', async () => {
    const doc = makeResident(ward, 'g1', { fullName: 'Hoà 👩‍👩‍👧' });
    const res = await push([{ newDocumentState: doc }]);
    expect(pushResponseSchema.parse(res.json()).quarantined).toEqual([]);
    const [row] = await store.db.query('select doc from residents where id = $1', [doc['id']]);
    expect((row?.['doc'] as PlainDoc)['fullName']).toBe('Hoà 👩‍👩‍👧');
  });

  test('a pushed row whose id holds NUL is put aside, not a failed query', async () => {
    const doc = makeResident(ward, 'g1', { id: 'a\u0000b' });
    const res = await push([{ newDocumentState: doc }]);
    expect(res.statusCode).toBe(200);
    expect(pushResponseSchema.parse(res.json()).quarantined).toHaveLength(1);
  });

  test('an unsynced-records file with unstorable text and device id: 200, the record put aside', async () => {
    const doc = makeResident(ward, 'g1', { fullName: 'Hoà \ud800' });
    const res = await server.app.inject({
      method: 'POST',
      url: `/v1/wards/${ward}/unsynced-import`,
      headers: officer,
      payload: {
        format: 'bdhvs-unsynced-records',
        version: 1,
        wardCode: ward,
        deviceId: 'phone\u0000\ud800',
        account: null,
        appVersion: 'test-1.0.0',
        exportedAt: '2026-11-30T08:00:00.000Z',
        records: [{ collection: 'residents', doc }],
      },
    });
    expect(res.statusCode).toBe(200);
    const answer = unsyncedImportResponseSchema.parse(res.json());
    expect(answer.results.map((r) => r.outcome)).toEqual(['quarantined']);
    expect(await storedCount('residents', String(doc['id']))).toBe(0);
  });
});

describe('typed bodies with text PostgreSQL cannot store are refused, not a failed write', () => {
  test.each([
    ['a group named with a lone surrogate', 'POST', 'groups', { name: 'x\udfffy', kind: 'thon' }],
    ['a group renamed with a lone surrogate', 'PATCH', 'groups/g1', { name: 'Tổ \ud800' }],
    [
      "a group's population source with a lone surrogate",
      'PATCH',
      'groups/g1',
      { adultPopulation: { count: 5, source: 'x\udc00', asOf: '2026-01-01' } },
    ],
    ['a period label with NUL', 'POST', 'periods', { periodEnd: '2025-03-31', label: 'Quý I\u0000' }],
    [
      'a period label with a lone surrogate',
      'POST',
      'periods',
      { periodEnd: '2025-04-30', label: 'Quý \ud800' },
    ],
    [
      "an invited person's name with a lone surrogate",
      'POST',
      'invitations',
      { fullName: 'Lê \ud800', role: 'volunteer', groupIds: ['g1'] },
    ],
  ] as const)('%s: 400 invalid_body', async (_what, method, path, payload) => {
    const before = await store.db.query(
      'select (select count(*) from groups) + (select count(*) from accounts) as n',
    );
    const res = await server.app.inject({
      method,
      url: `/v1/wards/${ward}/${path}`,
      headers: officer,
      payload,
    });
    expectErrorResponse(res, 400, 'invalid_body');
    // The shared text rule names the field; parse()'s storability check catches what it does not cover.
    expect(res.json()).toMatchObject({ error: { message: expect.stringMatching(/text\.invalidChars$/) } });
    const after = await store.db.query(
      'select (select count(*) from groups) + (select count(*) from accounts) as n',
    );
    expect(after).toEqual(before);
    const [group] = await store.db.query(`select doc from groups where ward_code = $1 and id = 'g1'`, [ward]);
    expect(group?.['doc']).toEqual({ id: 'g1', wardCode: ward, name: 'Tổ g1', kind: 'to_dan_pho' });
  });

  test('the same bodies with ordinary Vietnamese text are accepted', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: `/v1/wards/${ward}/periods`,
      headers: officer,
      payload: { periodEnd: '2025-05-31', label: 'Tháng 5 — Hoà 👩‍👧' },
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('the audit log keeps what a request named, even text PostgreSQL refuses', () => {
  test('NUL and lone surrogates in an entry become U+FFFD instead of failing the request', async () => {
    await store.appendAudit([
      {
        wardCode: ward,
        actorId: null,
        deviceId: null,
        action: 'change.sync',
        subject: 'residents\u0000',
        detail: { putAside: ['a\u0000b', 'c\ud800'], fine: 'Hoà 👩‍👧' },
      },
    ]);
    const [entry] = await store.listAudit(ward, { limit: 1, actionPrefix: 'change.sync' });
    expect(entry).toMatchObject({
      subject: 'residents\uFFFD',
      detail: { putAside: ['a\uFFFDb', 'c\uFFFD'], fine: 'Hoà 👩‍👧' },
    });
  });
});

function makeResidentWith(overrides: PlainDoc) {
  return (w: string) => makeResident(w, 'g1', overrides);
}
