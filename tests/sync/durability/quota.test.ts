// Storage quota exceeded with the real server (QUALITY.md B9): a phone with 3 records waiting runs out of
// space. A new save and an edit fail visibly (storage.full) and change nothing; the 3 waiting records stay
// in the outbox and still reach the server, even while every local write keeps failing; once space is
// freed the phone settles (nothing waiting, server = phone) and new work syncs as usual.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fakeBrowser, quotaStorage } from '../../client/db/device-faults';
import { draft, startTestServer, type TestServer } from '../harness';
import { enrolPhone, onServer, settled, stored, until } from './device';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a full disk refuses new saves visibly while the outbox stays intact and still pushes', async () => {
  const quota = quotaStorage(fakeBrowser().storage());
  quota.shape = 'dexie';
  quota.spareReplicationMeta = true; // RxDB's own checkpoints: see QuotaSwitch
  const phone = await enrolPhone(server, 'full');
  const db = await phone.open(quota.storage);
  phone.net.mode = 'down';
  const sync = await phone.sync(db);
  const saved: string[] = [];
  for (const n of ['Một', 'Hai', 'Ba']) {
    const r = await db.residents.add(draft(`Chờ Gửi ${n}`));
    if (r.ok) saved.push(r.record.id);
  }
  await until(sync, (s) => s.waiting === 3);
  const outbox = await stored(db, 'residents');

  quota.full = true;
  expect(await db.residents.add(draft('Không Lưu Được'))).toEqual({
    ok: false,
    errors: { form: 'storage.full' },
  });
  expect(await db.residents.update(saved[0]!, draft('Sửa Không Được'))).toEqual({
    ok: false,
    errors: { form: 'storage.full' },
  });
  expect(await stored(db, 'residents')).toEqual(outbox);
  expect(sync.status.get().waiting).toBe(3);

  // The network comes back while the disk is still full: the waiting records reach the server.
  phone.net.mode = 'up';
  sync.syncNow();
  const mine = async () =>
    (await onServer(server, 'residents')).filter((d) => saved.includes(String(d['id'])));
  await eventually(async () => (await mine()).length === 3, 'the 3 waiting records on the server');
  expect(sortById(await mine())).toEqual(sortById(outbox));
  expect(quota.refused).toBeGreaterThan(2);

  // Space freed: everything settles, nothing was lost or duplicated, and new work syncs.
  quota.full = false;
  sync.syncNow();
  await settled(sync);
  const later = await db.residents.add(draft('Sau Khi Dọn Máy'));
  if (!later.ok) throw new Error('save after freeing space failed');
  await settled(sync);
  const all = await onServer(server, 'residents');
  const ids = all.map((d) => String(d['id']));
  expect(new Set(ids).size).toBe(ids.length);
  expect(sortById(all.filter((d) => [...saved, later.record.id].includes(String(d['id']))))).toEqual(
    sortById(await stored(db, 'residents')),
  );
  await sync.stop();
  await db.close();
});

function sortById<T extends Record<string, unknown>>(docs: T[]): T[] {
  return [...docs].sort((a, b) => String(a['id']).localeCompare(String(b['id'])));
}
