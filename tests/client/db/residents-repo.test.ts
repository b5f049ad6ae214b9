import { afterEach, describe, expect, test } from 'vitest';
import 'fake-indexeddb/auto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createDatabase, type AppDatabase, type ResidentDraft } from '../../../src/client/db';

const draft = (overrides: Partial<ResidentDraft> = {}): ResidentDraft => ({
  fullName: '  Trần   Văn  Bình ',
  birthYear: '1961',
  sex: 'male',
  groupId: 'tdp-02',
  phone: '091 234 5678',
  ...overrides,
});

let open: AppDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.map((db) => db.close()));
  open = [];
});

async function memoryDb(): Promise<AppDatabase> {
  const db = await createDatabase({
    storage: getRxStorageMemory(),
    multiInstance: false,
    name: `t${Math.random().toString(36).slice(2)}`,
    wardCode: '99999',
    now: () => new Date('2026-11-23T02:00:00.000Z'),
  });
  open.push(db);
  return db;
}

describe('residents repository', () => {
  test('a valid draft is saved as a normalised record stamped with the ward and time', async () => {
    const db = await memoryDb();
    const result = await db.residents.add(draft({ fullName: 'Tr\u0061\u0300n Văn  Bình' }));
    expect(result.ok).toBe(true);
    const seen = await new Promise<unknown[]>((resolve) => {
      const stop = db.residents.watchAll((list) => {
        if (list.length > 0) {
          stop();
          resolve(list);
        }
      });
    });
    expect(seen).toEqual([
      expect.objectContaining({
        fullName: 'Tr\u00e0n Văn Bình',
        birthYear: 1961,
        phone: '0912345678',
        wardCode: '99999',
        createdAt: '2026-11-23T02:00:00.000Z',
      }),
    ]);
  });

  test('an invalid draft saves nothing and names each bad field with a catalogue key', async () => {
    const db = await memoryDb();
    const result = await db.residents.add(draft({ fullName: ' ', birthYear: '19a1', sex: '', phone: '123' }));
    expect(result).toEqual({
      ok: false,
      errors: {
        fullName: 'fullName.required',
        birthYear: 'birthYear.invalid',
        sex: 'sex.required',
        phone: 'phone.invalid',
      },
    });
    expect(await db.residents.count()).toBe(0);
  });

  test('an empty birth year asks for one', async () => {
    const db = await memoryDb();
    const result = await db.residents.add(draft({ birthYear: '' }));
    expect(result).toMatchObject({ ok: false, errors: { birthYear: 'birthYear.required' } });
  });

  test('an empty phone is simply left out', async () => {
    const db = await memoryDb();
    const result = await db.residents.add(draft({ phone: '  ' }));
    expect(result.ok && result.resident).not.toHaveProperty('phone');
  });
});

describe('on IndexedDB (Dexie storage)', () => {
  test('a saved resident is still there after the database is closed and reopened', async () => {
    const name = `idb${Math.random().toString(36).slice(2)}`;
    const first = await createDatabase({
      storage: getRxStorageDexie(),
      multiInstance: false,
      name,
      wardCode: '99999',
    });
    expect((await first.residents.add(draft())).ok).toBe(true);
    await first.close();
    const second = await createDatabase({
      storage: getRxStorageDexie(),
      multiInstance: false,
      name,
      wardCode: '99999',
    });
    open.push(second);
    expect(await second.residents.count()).toBe(1);
  });
});
