// Storage quota exceeded (QUALITY.md B9): a save that the full disk refuses comes back as the form's
// "storage is full" message, writes nothing, and leaves every record saved before untouched — on RxDB
// memory storage and on the app's Dexie storage (fake-indexeddb), with the error as IndexedDB raises it
// and as Dexie wraps it.
import { afterEach, describe, expect, test } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDatabase, type AppDatabase, type SessionDraft } from '../../../src/client/db';
import { fakeBrowser, quotaStorage, type QuotaSwitch } from './device-faults';
import { ACTOR, NOW, residentDraft, SKILL } from './helpers';

const open: AppDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

async function openWith(q: QuotaSwitch): Promise<AppDatabase> {
  const db = await createDatabase({
    storage: q.storage,
    multiInstance: false,
    name: `q${Math.random().toString(36).slice(2)}`,
    wardCode: '99999',
    actor: ACTOR,
    now: () => NOW,
  });
  open.push(db);
  return db;
}

const sessionDraft: SessionDraft = {
  date: '21/11/2026',
  place: 'Nhà văn hoá tổ 1',
  format: 'class',
  groupId: 'tdp-01',
  skills: [SKILL],
  trainers: ['Trần Văn Tư'],
  attendeeIds: [],
  notes: '',
};

const storages = {
  'memory storage, DOMException': () => ({ q: quotaStorage(getRxStorageMemory()), shape: 'dom' as const }),
  'Dexie on IndexedDB, Dexie AbortError wrapping it': () => ({
    q: quotaStorage(fakeBrowser().storage()),
    shape: 'dexie' as const,
  }),
};

describe.each(Object.entries(storages))('quota exceeded on %s', (_name, make) => {
  test('the save fails with storage.full, writes nothing, and earlier records stay intact', async () => {
    const { q, shape } = make();
    q.shape = shape;
    const db = await openWith(q);
    const first = await db.residents.add(residentDraft({ fullName: 'Lê Văn Một' }));
    const second = await db.residents.add(residentDraft({ fullName: 'Lê Văn Hai' }));
    if (!first.ok || !second.ok) throw new Error('setup saves failed');

    q.full = true;
    expect(await db.residents.add(residentDraft({ fullName: 'Lê Văn Ba' }))).toEqual({
      ok: false,
      errors: { form: 'storage.full' },
    });
    expect(await db.residents.update(first.record.id, residentDraft({ fullName: 'Lê Văn Sửa' }))).toEqual({
      ok: false,
      errors: { form: 'storage.full' },
    });
    expect(await db.sessions.add(sessionDraft)).toEqual({ ok: false, errors: { form: 'storage.full' } });
    expect(q.refused).toBeGreaterThanOrEqual(3);

    q.full = false;
    const stored = (await db.rx.residents.find().exec()).map((d) => d.toJSON());
    expect(stored.map((r) => r.fullName).sort()).toEqual(['Lê Văn Hai', 'Lê Văn Một']);
    expect(stored.find((r) => r.id === first.record.id)).toEqual(first.record);
    expect(await db.rx.sessions.count().exec()).toBe(0);

    // Space freed: the same draft saves.
    expect((await db.residents.add(residentDraft({ fullName: 'Lê Văn Ba' }))).ok).toBe(true);
    expect(await db.residents.count()).toBe(3);
  });
});

test('a storage failure that is not the quota is reported as storage.failed', async () => {
  const q = quotaStorage(getRxStorageMemory());
  const db = await openWith(q);
  const instance = db.rx.residents.storageInstance;
  const original = instance.bulkWrite.bind(instance);
  instance.bulkWrite = () => Promise.reject(new DOMException('Disk I/O', 'UnknownError'));
  expect(await db.residents.add(residentDraft())).toEqual({ ok: false, errors: { form: 'storage.failed' } });
  instance.bulkWrite = original;
});
