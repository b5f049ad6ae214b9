// IndexedDB wiped (QUALITY.md B9) with the real server: the browser deletes the residents database of a
// phone that had 3 records synced and 2 waiting. At the next start the app finds the loss, says 2 records
// not yet sent may be gone, and — because it makes the lost collection's replication start over — one sync
// brings back everything the server holds. Without that restart the old checkpoint would keep the synced
// records away for good (the control case shows it).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { dexieDatabaseName } from '../../../src/client/db/loss-detection';
import { LOCAL_MIGRATIONS } from '../../../src/client/db/migrations';
import { createDeviceDurability } from '../../../src/client/ui/device/durability-controller';
import { fakeBrowser, type FakeBrowser } from '../../client/db/device-faults';
import { memoryStorage } from '../../client/ui/device/memory-storage';
import { draft, startTestServer, type TestServer } from '../harness';
import { enrolPhone, settled, stored, until, type Phone } from './device';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function deleteDatabase(idb: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = idb.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

interface Lived {
  browser: FakeBrowser;
  phone: Phone & { dbName: string };
  local: Storage;
  synced: string[];
}

/** 3 residents synced, then 2 saved offline; the ledger follows the real sync status. */
async function livedPhone(name: string): Promise<Lived> {
  const browser = fakeBrowser();
  const phone = await enrolPhone(server, name);
  const local = memoryStorage();
  const durability = createDeviceDurability({
    places: { local, kv: phone.kv },
    indexedDB: browser.indexedDB,
    navigator: null,
    database: phone.dbName,
    quietMs: 5,
    countQuietMs: 5,
  });
  await durability.beforeOpen();
  const db = await phone.open(browser.storage());
  await durability.afterOpen(db, '99990');
  const sync = await phone.sync(db);
  const stopFollowing = durability.follow(db, sync);
  const synced: string[] = [];
  for (const n of ['Một', 'Hai', 'Ba']) {
    const r = await db.residents.add(draft(`Đã Gửi ${n}`));
    if (r.ok) synced.push(r.record.id);
  }
  await settled(sync);
  // Pull until the residents checkpoint is past the synced records (a pull after the pushes).
  const pulledPast = () => phone.net.calls.some((u) => /residents\/pull\?.*seq=[1-9]/.test(u));
  for (let i = 0; i < 50 && !pulledPast(); i += 1) {
    sync.syncNow();
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(pulledPast()).toBe(true);
  await settled(sync);
  phone.net.mode = 'down';
  await db.residents.add(draft('Chưa Gửi Bốn'));
  await db.residents.add(draft('Chưa Gửi Năm'));
  await until(sync, (s) => s.waiting === 2);
  await new Promise((r) => setTimeout(r, 50)); // the ledger's debounced write
  stopFollowing();
  await sync.stop();
  await db.close();
  phone.net.mode = 'up';
  return { browser, phone, local, synced };
}

test('after the browser deleted the residents database: the loss is said, and one sync brings back what the server holds', async () => {
  const { browser, phone, local, synced } = await livedPhone('wiped');
  await deleteDatabase(
    browser.indexedDB,
    dexieDatabaseName(phone.dbName, 'residents', LOCAL_MIGRATIONS.residents.version),
  );

  const durability = createDeviceDurability({
    places: { local, kv: phone.kv },
    indexedDB: browser.indexedDB,
    navigator: null,
    database: phone.dbName,
  });
  await durability.beforeOpen();
  const db = await phone.open(browser.storage());
  const loss = await durability.afterOpen(db, '99990');
  // 5 residents and the ward's 3 groups were on the phone; 2 residents had not been sent.
  expect(loss).toMatchObject({ kind: 'missing', collections: ['residents'], waiting: 2, records: 8 });
  expect(await db.residents.count()).toBe(0);

  const sync = await phone.sync(db);
  await settled(sync);
  const back = (await stored(db, 'residents')).map((r) => r['id']).sort();
  expect(back).toEqual([...synced].sort());
  await sync.stop();
  await db.close();
});

test('control: without the replication restart, the synced records would not come back', async () => {
  const { browser, phone, synced } = await livedPhone('control');
  await deleteDatabase(
    browser.indexedDB,
    dexieDatabaseName(phone.dbName, 'residents', LOCAL_MIGRATIONS.residents.version),
  );
  const db = await phone.open(browser.storage());
  const sync = await phone.sync(db);
  await settled(sync);
  expect(synced).toHaveLength(3);
  expect(await db.residents.count()).toBe(0);
  await sync.stop();
  await db.close();
});
