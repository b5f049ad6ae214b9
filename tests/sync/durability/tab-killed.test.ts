// The tab killed mid-write (QUALITY.md B9), on the app's Dexie storage over fake-indexeddb: many saves
// run at once, the tab dies while they are in flight (uncommitted transactions roll back, connections are
// cut), and the database is opened again in a new "tab". Invariants: every save the app reported as saved
// is there in full; nothing is half-written (a record is exactly as saved, or absent); the waiting count
// equals what is stored; and one sync puts exactly what is stored on the real server.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Resident } from '../../../src/shared';
import { fakeBrowser } from '../../client/db/device-faults';
import { draft, startTestServer, type TestServer } from '../harness';
import { enrolPhone, onServer, settled, stored, until } from './device';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const SAVES = 40;
const KILL_AFTER = 12;

test('saves reported done survive a killed tab whole; the rest are absent; sync sends exactly what is stored', async () => {
  const browser = fakeBrowser();
  const phone = await enrolPhone(server, 'killed');
  const first = await phone.open(browser.storage());

  const saved: Resident[] = [];
  const attempted: string[] = [];
  let killed = false;
  let resolveKilled: () => void = () => undefined;
  const killedNow = new Promise<void>((resolve) => (resolveKilled = resolve));
  // Not awaited: the saves are in flight together when the tab dies.
  const outcomes = Array.from({ length: SAVES }, (_, i) => {
    const name = `Người Thứ ${String(i + 1).padStart(2, '0')}`;
    attempted.push(name);
    return first.residents.add(draft(name)).then(
      (result) => {
        if (result.ok && !killed) saved.push(result.record);
        if (saved.length === KILL_AFTER && !killed) {
          killed = true;
          browser.kill(); // synchronously, while the other saves are still running
          resolveKilled();
        }
        return result.ok;
      },
      () => false,
    );
  });
  await killedNow;
  const afterKill = await Promise.all(outcomes);
  expect(saved).toHaveLength(KILL_AFTER);
  // The kill really cut saves short: some never reported success.
  expect(afterKill.filter((ok) => !ok).length).toBeGreaterThan(0);
  await first.close().catch(() => undefined); // the dead tab's objects go away

  // A new tab opens the same IndexedDB.
  const second = await phone.open(browser.storage());
  const there = await stored(second, 'residents');
  const byId = new Map(there.map((r) => [r['id'] as string, r]));
  for (const record of saved) expect(byId.get(record.id)).toEqual(record);
  // Nothing half-written: every stored record is one of the attempted saves, complete and valid.
  for (const record of there) {
    expect(attempted).toContain(record['fullName']);
    expect(Object.keys(record).sort()).toEqual(Object.keys(saved[0]!).sort());
  }
  expect(new Set(there.map((r) => r['fullName'])).size).toBe(there.length);

  phone.net.mode = 'down';
  const sync = await phone.sync(second);
  await until(sync, (s) => s.waiting === there.length && s.problem === 'unreachable');

  phone.net.mode = 'up';
  sync.syncNow();
  await settled(sync);
  const serverIds = (await onServer(server, 'residents')).map((d) => d['id']).sort();
  expect(serverIds).toEqual([...byId.keys()].sort());
  for (const id of byId.keys()) expect(phone.pushes.get(id)).toBe(1);
  await sync.stop();
  await second.close();
});

test('app writes ask IndexedDB for strict durability', async () => {
  const browser = fakeBrowser();
  const phone = await enrolPhone(server, 'strict');
  const db = await phone.open(browser.storage());
  browser.writeDurabilities.length = 0;
  expect((await db.residents.add(draft('Bà Bền'))).ok).toBe(true);
  expect(browser.writeDurabilities.length).toBeGreaterThan(0);
  expect(new Set(browser.writeDurabilities)).toEqual(new Set(['strict']));
  await db.close();
});
