// Device durability end to end on the app's Dexie storage over fake-indexeddb: the ledger kept outside
// the database (localStorage + idb-keyval), the loss found at the next start when the browser deleted or
// emptied a database or reported dataLoss, shown until acknowledged; erasing forgets it; a device whose
// enrollment went too; and persistent storage asked for and remembered.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createDatabase, memoryKeyValue, type AppDatabase, type KeyValue } from '../../../../src/client/db';
import { dexieDatabaseName } from '../../../../src/client/db/loss-detection';
import { LOCAL_MIGRATIONS } from '../../../../src/client/db/migrations';
import { LEDGER_KEY, parseLedger, type DeviceLedger } from '../../../../src/client/platform/device-ledger';
import type { SyncStatus } from '../../../../src/client/sync';
import {
  createDeviceDurability,
  type DeviceDurability,
  type StatusStream,
} from '../../../../src/client/ui/device/durability-controller';
import { fakeBrowser, withDataLoss, type FakeBrowser } from '../../db/device-faults';
import { ACTOR, residentDraft } from '../../db/helpers';
import { memoryStorage } from './memory-storage';

const DB = 'bdhvs';
const WARD = '99999';
const T0 = new Date('2026-11-23T02:00:00Z');

interface Phone {
  browser: FakeBrowser;
  local: Storage;
  kv: KeyValue;
  clock: { now: Date };
  /** The IndexedDB the probe sees (the browser's, or one reporting dataLoss). */
  probeIdb?: IDBFactory;
}

function phone(): Phone {
  return { browser: fakeBrowser(), local: memoryStorage(), kv: memoryKeyValue(), clock: { now: T0 } };
}

const open: AppDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

/** One start of the app for an enrolled device: probe, open, check. */
async function start(p: Phone) {
  const durability = createDeviceDurability({
    places: { local: p.local, kv: p.kv },
    indexedDB: p.probeIdb ?? p.browser.indexedDB,
    navigator: null,
    now: () => p.clock.now,
    quietMs: 5,
    countQuietMs: 5,
  });
  await durability.beforeOpen();
  const db = await createDatabase({
    storage: p.browser.storage(),
    multiInstance: false,
    name: DB,
    wardCode: WARD,
    actor: ACTOR,
  });
  open.push(db);
  const loss = await durability.afterOpen(db, WARD);
  return { durability, db, loss };
}

async function stop(db: AppDatabase) {
  open.splice(open.indexOf(db), 1);
  await db.close();
}

function statusStream() {
  const listeners = new Set<(s: SyncStatus) => void>();
  let current: SyncStatus = {
    online: true,
    syncing: false,
    waiting: 0,
    needsAttention: 0,
    lastSyncedAt: null,
    problem: null,
  };
  const stream: StatusStream = {
    status: {
      subscribe(onChange) {
        listeners.add(onChange);
        onChange(current);
        return () => listeners.delete(onChange);
      },
    },
  };
  return {
    stream,
    emit(patch: Partial<SyncStatus>) {
      current = { ...current, ...patch };
      listeners.forEach((l) => l(current));
    },
  };
}

const ledgerIn = (local: Storage): DeviceLedger | null =>
  parseLedger(JSON.parse(local.getItem(LEDGER_KEY) ?? 'null'));

function deleteDatabase(idb: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = idb.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

/** A device that worked: 3 residents saved, sync said 3 waiting at 09:05. Returns after the ledger caught up. */
async function workedDevice(p: Phone): Promise<void> {
  const { durability, db } = await start(p);
  const sync = statusStream();
  const stopFollowing = durability.follow(db, sync.stream);
  for (const name of ['Một', 'Hai', 'Ba']) {
    expect((await db.residents.add(residentDraft({ fullName: `Nguyễn Văn ${name}` }))).ok).toBe(true);
  }
  p.clock.now = new Date('2026-11-23T02:05:00Z');
  sync.emit({ waiting: 3, lastSyncedAt: '2026-11-23T01:00:00.000Z' });
  await vi.waitFor(() => expect(ledgerIn(p.local)).toMatchObject({ waiting: 3, counts: { residents: 3 } }));
  stopFollowing();
  await stop(db);
}

describe('the device ledger', () => {
  test('the first start records the database in both copies, and work keeps it current', async () => {
    const p = phone();
    const { loss, db } = await start(p);
    expect(loss).toBeNull();
    expect(ledgerIn(p.local)).toMatchObject({
      database: DB,
      wardCode: WARD,
      collections: ['residents', 'groups', 'sessions', 'completions'],
      counts: { residents: 0, groups: 0, sessions: 0, completions: 0 },
      waiting: null,
      loss: null,
    });
    expect(await p.kv.get(LEDGER_KEY)).toEqual(ledgerIn(p.local));
    await stop(db);

    await workedDevice(p);
    expect(ledgerIn(p.local)).toMatchObject({
      waiting: 3,
      waitingAt: '2026-11-23T02:05:00.000Z',
      lastSyncedAt: '2026-11-23T01:00:00.000Z',
      counts: { residents: 3 },
    });
    expect(await p.kv.get(LEDGER_KEY)).toEqual(ledgerIn(p.local));
  });

  test('the status sync starts with (nothing counted yet) is not taken as "0 waiting"', async () => {
    const p = phone();
    await workedDevice(p);
    const { durability, db } = await start(p);
    const sync = statusStream(); // starts at waiting 0
    const stopFollowing = durability.follow(db, sync.stream);
    await new Promise((r) => setTimeout(r, 30));
    stopFollowing();
    expect(ledgerIn(p.local)?.waiting).toBe(3);
  });
});

describe('a database the browser lost', () => {
  test('deleted: the next start says what may be gone, until acknowledged', async () => {
    const p = phone();
    await workedDevice(p);
    await deleteDatabase(
      p.browser.indexedDB,
      dexieDatabaseName(DB, 'residents', LOCAL_MIGRATIONS.residents.version),
    );

    p.clock.now = new Date('2026-11-24T01:00:00Z');
    const first = await start(p);
    expect(first.loss).toEqual({
      kind: 'missing',
      detectedAt: '2026-11-24T01:00:00.000Z',
      collections: ['residents'],
      waiting: 3,
      waitingAt: '2026-11-23T02:05:00.000Z',
      records: 3,
      lastDataAt: expect.any(String),
      lastSyncedAt: '2026-11-23T01:00:00.000Z',
      sessionLost: false,
    });
    expect(first.durability.loss.value).toEqual(first.loss);
    await stop(first.db);

    // Not acknowledged: shown again at the next start (and not found a second time).
    const second = await start(p);
    expect(second.loss).toEqual(first.loss);
    await second.durability.acknowledge();
    expect(second.durability.loss.value).toBeNull();
    await stop(second.db);

    const third = await start(p);
    expect(third.loss).toBeNull();
    expect(ledgerIn(p.local)?.history).toEqual([{ ...first.loss, acknowledgedAt: expect.any(String) }]);
    await stop(third.db);
  });

  test('the browser reports dataLoss on open: found as dataLoss', async () => {
    const p = phone();
    await workedDevice(p);
    const residents = dexieDatabaseName(DB, 'residents', LOCAL_MIGRATIONS.residents.version);
    await deleteDatabase(p.browser.indexedDB, residents);
    p.probeIdb = withDataLoss(p.browser.indexedDB, (name) => name === residents);
    const { loss, db } = await start(p);
    expect(loss).toMatchObject({ kind: 'dataLoss', collections: ['residents'], waiting: 3 });
    await stop(db);
  });

  test('emptied (the storage is there but holds no document): found as empty', async () => {
    const p = phone();
    await workedDevice(p);
    await clearStore(
      p.browser.indexedDB,
      dexieDatabaseName(DB, 'residents', LOCAL_MIGRATIONS.residents.version),
      'docs',
    );
    const { loss, db } = await start(p);
    expect(loss).toMatchObject({ kind: 'empty', collections: ['residents'], records: 3, waiting: 3 });
    await stop(db);
  });

  test('found from the idb-keyval copy when localStorage was cleared, and from localStorage alone', async () => {
    const p = phone();
    await workedDevice(p);
    await deleteDatabase(
      p.browser.indexedDB,
      dexieDatabaseName(DB, 'residents', LOCAL_MIGRATIONS.residents.version),
    );
    const copy = await p.kv.get<DeviceLedger>(LEDGER_KEY);
    p.local.clear();
    const fromKv = await start(p);
    expect(fromKv.loss).toMatchObject({ kind: 'missing', waiting: 3 });
    await stop(fromKv.db);

    const q = phone();
    await workedDevice(q);
    await deleteDatabase(
      q.browser.indexedDB,
      dexieDatabaseName(DB, 'residents', LOCAL_MIGRATIONS.residents.version),
    );
    await q.kv.clear();
    const fromLocal = await start(q);
    expect(fromLocal.loss).toMatchObject({ kind: 'missing', waiting: 3 });
    expect(copy).not.toBeUndefined();
    await stop(fromLocal.db);
  });

  test('a deletion by the person is not a loss (a tombstone stays)', async () => {
    const p = phone();
    const { durability, db } = await start(p);
    const saved = await db.residents.add(residentDraft());
    if (!saved.ok) throw new Error('save failed');
    const stopFollowing = durability.follow(db, null);
    await vi.waitFor(() => expect(ledgerIn(p.local)?.counts['residents']).toBe(1));
    stopFollowing();
    await db.rx.residents.findOne(saved.record.id).remove();
    await stop(db); // closed before the ledger saw the deletion
    const again = await start(p);
    expect(again.loss).toBeNull();
    await stop(again.db);
  });

  test('after sign-out and erase there is nothing to miss', async () => {
    const p = phone();
    await workedDevice(p);
    const { durability, db } = await start(p);
    await durability.forget();
    await db.erase();
    open.splice(open.indexOf(db), 1);
    expect(p.local.getItem(LEDGER_KEY)).toBeNull();
    const fresh = await start(p);
    expect(fresh.loss).toBeNull();
    await stop(fresh.db);
  });

  test('enrollment gone too (start without a device): said once, then forgotten after "I understand"', async () => {
    const p = phone();
    await workedDevice(p);
    const durability = createDeviceDurability({
      places: { local: p.local, kv: p.kv },
      indexedDB: p.browser.indexedDB,
      navigator: null,
    });
    const report = await durability.checkWithoutDevice();
    expect(report).toMatchObject({ kind: 'missing', sessionLost: true, waiting: 3, records: 3 });
    expect(durability.loss.value).toEqual(report);
    // Enrolling again (a new database) does not find it a second time.
    expect(await durability.checkWithoutDevice()).toEqual(report);
    await durability.acknowledge();
    expect(durability.loss.value).toBeNull();
    expect(await durability.checkWithoutDevice()).toBeNull();
  });

  test('enrolled again after the notice: the new database starts clean', async () => {
    const p = phone();
    await workedDevice(p);
    const before = createDeviceDurability({
      places: { local: p.local, kv: p.kv },
      indexedDB: null,
      navigator: null,
    });
    await before.checkWithoutDevice();
    for (const c of ['residents', 'groups', 'sessions', 'completions']) {
      await deleteDatabase(p.browser.indexedDB, dexieDatabaseName(DB, c, 0));
    }
    const { loss, db } = await start(p);
    expect(loss).toBeNull();
    expect(ledgerIn(p.local)?.history).toHaveLength(1);
    await stop(db);
  });
});

describe('persistent storage', () => {
  function nav(o: { persisted: boolean; grant: boolean } | null) {
    const persist = vi.fn(async () => {
      if (o && o.grant) o.persisted = true;
      return o?.grant ?? false;
    });
    const navigator = (o === null
      ? {}
      : {
          storage: {
            persisted: async () => o.persisted,
            persist,
            estimate: async () => ({ usage: 12 * 1024 * 1024, quota: 2 * 1024 * 1024 * 1024 }),
          },
        }) as unknown as Navigator;
    return { navigator, persist };
  }
  const make = (navigator: Navigator, local = memoryStorage()) =>
    createDeviceDurability({ places: { local, kv: null }, indexedDB: null, navigator, now: () => T0 });

  test('asked after enrollment: granted is remembered and shown, with the storage use', async () => {
    const n = nav({ persisted: false, grant: true });
    const local = memoryStorage();
    const d = make(n.navigator, local);
    expect(await d.askPersistence()).toBe('granted');
    expect(d.persistence.value).toEqual({ result: 'granted', checkedAt: T0.toISOString() });
    await vi.waitFor(() => expect(d.use.value).toEqual({ usage: 12 * 1024 * 1024, quota: 2 * 1024 ** 3 }));
    // The next start reads it and does not ask again.
    const later = make(n.navigator, local);
    await later.refreshPersistence();
    expect(later.persistence.value?.result).toBe('granted');
    expect(n.persist).toHaveBeenCalledTimes(1);
  });

  test('denied: asked again at each start until granted', async () => {
    const state = { persisted: false, grant: false };
    const n = nav(state);
    const local = memoryStorage();
    const d = make(n.navigator, local);
    expect(await d.askPersistence()).toBe('denied');
    await make(n.navigator, local).refreshPersistence();
    expect(n.persist).toHaveBeenCalledTimes(2);
    state.grant = true;
    const third = make(n.navigator, local);
    await third.refreshPersistence();
    expect(third.persistence.value?.result).toBe('granted');
    await make(n.navigator, local).refreshPersistence();
    expect(n.persist).toHaveBeenCalledTimes(3);
  });

  test('a browser without the storage API: unsupported', async () => {
    const d = make(nav(null).navigator);
    await d.refreshPersistence();
    expect(d.persistence.value?.result).toBe('unsupported');
    expect(d.use.value).toBeNull();
  });
});

/** Empties one object store of a database, as a browser that lost its content would leave it. */
function clearStore(idb: IDBFactory, name: string, store: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = idb.open(name);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction(store, 'readwrite');
      tx.objectStore(store).clear();
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

export type { DeviceDurability };
