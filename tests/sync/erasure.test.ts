// Erasure reaches every device (docs/privacy.md R4) with real RxDB phones (memory storage) and the real
// server: after the officer erases a person, a phone that held them keeps only bare tombstones — nothing
// of the person anywhere in its RxDB storage, replication metadata included — and a phone with an
// unsynced edit of them (and a completion recorded offline) converges to the tombstones without its edit
// reaching the server's rows or history.
import type { RxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { emptyCompletionDraft } from '../../src/client/db';
import type { PlainDoc } from '../../src/shared';
import { authHeaders } from '../helpers/server';
import {
  differences,
  draft,
  localRecords,
  saved,
  serverRecords,
  settle,
  startDevice,
  startTestServer,
  type TestDevice,
  type TestServer,
  type TestWard,
} from './harness';

let server: TestServer;
let ward: TestWard;
let devices: TestDevice[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  ward = await server.addWard();
});
afterEach(async () => {
  await Promise.all(devices.map((d) => d.close()));
  devices = [];
});

async function phone(name: string): Promise<TestDevice> {
  const d = await startDevice(server, name, { ward });
  devices.push(d);
  return d;
}

async function sync(d: TestDevice): Promise<void> {
  d.sync.syncNow();
  await d.sync.awaitInSync();
}

/** What the person gave: nothing of it may stay on a phone or on the server after the erasure. */
const PERSON = { fullName: 'Bùi Thị Xoá', phone: '0912345678', notes: 'Bà Xoá học rất nhanh' };
const TOMBSTONE_KEYS = ['_deleted', 'erasedAt', 'groupId', 'id', 'residentId', 'wardCode'];

/**
 * Everything the phone's RxDB holds in storage, as text: every collection of its database (records,
 * deleted ones included, and the replications' metadata with their assumed master states).
 */
function rawStorage(d: TestDevice): string {
  const storage = d.db.rx.storage as unknown as RxStorageMemory;
  const prefix = `${d.db.rx.name}--memory--`;
  const held: unknown[] = [];
  for (const [key, state] of storage.collectionStates) {
    if (key.startsWith(prefix)) held.push(key, [...state.documents.values()]);
  }
  return JSON.stringify(held);
}

async function erase(id: string, confirmName: string) {
  const res = await server.app.inject({
    method: 'POST',
    url: `/v1/wards/${ward.code}/residents/${id}/erase`,
    headers: authHeaders(ward.officerToken),
    payload: { confirmName },
  });
  expect(res.statusCode, res.body).toBe(200);
}

function expectTombstone(doc: PlainDoc | undefined): void {
  expect(doc?.['_deleted']).toBe(true);
  expect(typeof doc?.['erasedAt']).toBe('string');
  expect(Object.keys(doc ?? {}).filter((k) => !TOMBSTONE_KEYS.includes(k))).toEqual([]);
}

test('a phone holding the person keeps only tombstones, in every store of its database', async () => {
  const a = await phone('holder');
  await a.sync.awaitInSync();
  const resident = await saved(
    a.db.residents.add({
      ...draft(PERSON.fullName),
      phone: PERSON.phone,
      consent: { registration: true, contact: true, method: 'verbal', date: '' },
    }),
  );
  const completion = await saved(
    a.db.completions.add({
      ...emptyCompletionDraft(resident.id),
      kind: 'trained',
      date: '05/01/2026',
      skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
      notes: PERSON.notes,
    }),
  );
  await sync(a);
  await a.until((s) => s.waiting === 0);
  expect(rawStorage(a)).toContain(PERSON.fullName);

  await erase(resident.id, PERSON.fullName);
  await sync(a);

  expectTombstone((await localRecords(a, 'residents')).get(resident.id));
  expectTombstone((await localRecords(a, 'completions')).get(completion.id));
  const raw = await a.db.rx.residents.storageInstance.findDocumentsById([resident.id], true);
  expect(raw).toHaveLength(1);
  expect(raw[0]).not.toHaveProperty('fullName');
  const stored = rawStorage(a);
  for (const value of Object.values(PERSON)) expect(stored).not.toContain(value);
  expect(await a.db.residents.get(resident.id)).toBeNull();
  expect(await differences(server, [a])).toEqual([]);
});

test('a phone with an unsynced edit converges to the tombstone; the edit never reaches the server', async () => {
  const a = await phone('officer-side');
  const b = await phone('offline-editor');
  await Promise.all([a.sync.awaitInSync(), b.sync.awaitInSync()]);
  const resident = await saved(a.db.residents.add(draft(PERSON.fullName)));
  await sync(a);
  await sync(b);
  expect(await b.db.residents.get(resident.id)).not.toBeNull();

  // Offline, the volunteer corrects the birth year and records a completion for her.
  b.setOnline(false);
  const edited = { ...b.db.residents.draftOf(resident), birthYear: '1961' };
  await saved(b.db.residents.update(resident.id, edited));
  const late = await saved(
    b.db.completions.add({
      ...emptyCompletionDraft(resident.id),
      kind: 'trained',
      date: '06/01/2026',
      skills: [{ catalogue: '5-ky-nang', version: '2024', code: '2' }],
      notes: PERSON.notes,
    }),
  );
  await b.until((s) => s.waiting === 2);

  await erase(resident.id, PERSON.fullName);
  const erased = (await serverRecords(server, ward.code, 'residents')).get(resident.id)!;

  b.setOnline(true);
  await settle(server, [a, b]);

  // The server still holds exactly the tombstone it wrote, with no history of any state.
  const residents = await serverRecords(server, ward.code, 'residents');
  expect(residents.get(resident.id)).toEqual(erased);
  expectTombstone(residents.get(resident.id)?.state);
  expect(await server.store.recordHistory('residents', ward.code, resident.id)).toEqual([]);
  // The completion recorded offline was stored only as a tombstone.
  const completions = await serverRecords(server, ward.code, 'completions');
  expectTombstone(completions.get(late.id)?.state);
  expect(completions.get(late.id)?.state['residentId']).toBe(resident.id);
  expect(await server.store.recordHistory('completions', ward.code, late.id)).toEqual([]);
  expect(await server.store.listQuarantine(ward.code)).toEqual([]);

  // Both phones hold the tombstones and nothing of the person, and nothing is left waiting.
  for (const d of [a, b]) {
    expectTombstone((await localRecords(d, 'residents')).get(resident.id));
    const stored = rawStorage(d);
    for (const value of Object.values(PERSON)) expect(stored).not.toContain(value);
    expect(d.status().waiting).toBe(0);
  }
  expectTombstone((await localRecords(b, 'completions')).get(late.id));
});
