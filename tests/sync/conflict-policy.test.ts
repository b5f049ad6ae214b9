// The conflict policy with real devices and the real server (docs/sync.md "Conflict policy"): attendees
// ticked on two phones offline both reach the session; a VNeID confirmation is not undone by a phone that
// deleted it while it had an older copy.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { emptyCompletionDraft, type SessionDraft } from '../../src/client/db';
import { serverDocs } from '../helpers/e2e';
import { draft, startDevice, startTestServer, WARD, type TestDevice, type TestServer } from './harness';

let server: TestServer;
let devices: TestDevice[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await Promise.all(devices.map((d) => d.close()));
  devices = [];
});

async function device(name: string): Promise<TestDevice> {
  const d = await startDevice(server, name);
  devices.push(d);
  return d;
}

async function ok<T>(result: Promise<{ ok: true; record: T } | { ok: false; errors: object }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.record;
}

const onServer = async (collection: string, id: string) =>
  (await serverDocs(server.url, collection, WARD.code, server.officerToken)).find((d) => d['id'] === id);

async function bothInSync(a: TestDevice, b: TestDevice): Promise<void> {
  for (const d of [a, b, a]) {
    d.sync.syncNow();
    await d.sync.awaitInSync();
    await d.until((s) => s.waiting === 0);
  }
}

test('attendees ticked on two phones offline both count', async () => {
  const a = await device('att-a');
  const b = await device('att-b');
  const [p1, p2, p3] = await Promise.all(
    ['Đinh Văn Một', 'Đinh Thị Hai', 'Đinh Văn Ba'].map(
      async (n) => (await ok(a.db.residents.add(draft(n)))).id,
    ),
  );
  const base: SessionDraft = {
    date: '20/11/2026',
    place: 'Nhà văn hoá tổ 1',
    format: 'class',
    groupId: 'tdp-01',
    skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
    trainers: ['Trần Văn Tư'],
    attendeeIds: [p1!],
    notes: '',
  };
  const session = await ok(a.db.sessions.add(base));
  await bothInSync(a, b);
  expect(await b.db.sessions.get(session.id)).not.toBeNull();

  a.net.mode = 'down';
  b.net.mode = 'down';
  await ok(a.db.sessions.update(session.id, { ...base, attendeeIds: [p1!, p2!] }));
  await ok(b.db.sessions.update(session.id, { ...base, attendeeIds: [p1!, p3!] }));
  a.net.mode = 'up';
  b.net.mode = 'up';
  await bothInSync(a, b);

  const expected = [p1, p2, p3].sort();
  expect(((await onServer('sessions', session.id))!['attendeeIds'] as string[]).sort()).toEqual(expected);
  expect((await a.db.sessions.get(session.id))!.attendeeIds.slice().sort()).toEqual(expected);
  expect((await b.db.sessions.get(session.id))!.attendeeIds.slice().sort()).toEqual(expected);
});

test('a VNeID confirmation is not undone by a phone deleting its older copy', async () => {
  const a = await device('vneid-a');
  const b = await device('vneid-b');
  const resident = await ok(a.db.residents.add(draft('Kiều Thị Nở')));
  const confirmation = await ok(
    a.db.completions.add({
      ...emptyCompletionDraft(resident.id),
      kind: 'vneid',
      date: '22/11/2026',
      vneid: { channel: 'resident_word', courseName: '', issuer: '', recordNumber: '' },
    }),
  );
  await bothInSync(a, b);

  // A adds the evidence it saw; B, offline with the older copy, deletes the confirmation.
  b.net.mode = 'down';
  const doc = await a.db.rx.completions.findOne(confirmation.id).exec();
  await doc!.incrementalPatch({
    vneid: { channel: 'paper', courseName: 'Kỹ năng số cơ bản', issuer: 'UBND phường' },
    updatedAt: '2026-11-23T03:00:00.000Z',
  });
  await a.until((s) => s.waiting === 0);
  await b.db.completions.remove(confirmation.id);
  b.net.mode = 'up';
  await bothInSync(a, b);

  const held = await onServer('completions', confirmation.id);
  expect(held).toMatchObject({ kind: 'vneid', _deleted: false, vneid: { channel: 'paper' } });
  expect((await b.db.rx.completions.findOne(confirmation.id).exec())?.toJSON()).toMatchObject({
    kind: 'vneid',
    vneid: { channel: 'paper' },
  });
});
