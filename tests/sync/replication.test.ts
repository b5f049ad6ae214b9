// Real devices replicating with the real server: convergence, receipts, lost replies, conflicts,
// too-old apps and quarantine (docs/sync.md).
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { PROTOCOL_HEADER } from '../../src/shared';
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

async function addAll(d: TestDevice, names: string[], groupId?: string): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const result = await d.db.residents.add(draft(name, groupId));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    ids.push(result.record.id);
  }
  return ids;
}

const onServer = async (ids: string[]) =>
  (await serverDocs(server.url, 'residents', WARD.code, server.officerToken)).filter((d) =>
    ids.includes(String(d['id'])),
  );

describe('replication between devices and the ward server', () => {
  test('residents added on one device reach the server and another device', async () => {
    const a = await device('a');
    const b = await device('b');
    const ids = await addAll(a, ['Lê Thị Một', 'Lê Văn Hai', 'Phạm Thị Ba']);
    await a.sync.awaitInSync();
    expect((await onServer(ids)).map((d) => d['fullName']).sort()).toEqual([
      'Lê Thị Một',
      'Lê Văn Hai',
      'Phạm Thị Ba',
    ]);
    b.sync.syncNow();
    await b.sync.awaitInSync();
    const onB = await b.db.rx.residents.findByIds(ids).exec();
    expect(onB.size).toBe(3);
    expect((await a.until((s) => s.waiting === 0)).lastSyncedAt).not.toBeNull();
  });

  test('groups are pulled onto the device', async () => {
    const a = await device('groups');
    await a.sync.awaitInSync();
    const groups = await a.db.rx.groups.find().exec();
    expect(groups.map((g) => g.id).sort()).toEqual(['tdp-01', 'tdp-02', 'tdp-03']);
  });

  test('records are counted as waiting while the server cannot be reached, and sent when it can', async () => {
    const a = await device('offline');
    await a.sync.awaitInSync();
    a.net.mode = 'down';
    const ids = await addAll(a, ['Võ Thị Bốn', 'Võ Văn Năm']);
    const waiting = await a.until((s) => s.waiting === 2 && s.problem === 'unreachable');
    expect(waiting.waiting).toBe(2);
    expect(await onServer(ids)).toEqual([]);
    a.net.mode = 'up';
    a.sync.syncNow();
    await a.until((s) => s.waiting === 0 && s.problem === null);
    expect(await onServer(ids)).toHaveLength(2);
  });

  test('a push whose reply is lost after the server committed is resent and stored once', async () => {
    const a = await device('lost-reply');
    await a.sync.awaitInSync();
    let lost = 0;
    a.net.after = (url) => {
      if (url.includes('/push') && lost === 0) {
        lost++;
        throw new TypeError('connection reset after commit');
      }
    };
    const ids = await addAll(a, ['Đặng Thị Sáu']);
    await a.until((s) => s.waiting === 0);
    expect(lost).toBe(1);
    expect(a.net.calls.filter((u) => u.includes('/push')).length).toBeGreaterThanOrEqual(2);
    expect(await onServer(ids)).toHaveLength(1);
  });

  test('two devices editing the same resident offline converge, keeping both edits', async () => {
    const a = await device('edit-a');
    const b = await device('edit-b');
    const [id] = await addAll(a, ['Bùi Thị Bảy']);
    await a.sync.awaitInSync();
    b.sync.syncNow();
    await b.sync.awaitInSync();
    a.net.mode = 'down';
    b.net.mode = 'down';
    const onA = await a.db.rx.residents.findOne(id!).exec();
    const onB = await b.db.rx.residents.findOne(id!).exec();
    const contact = { ...onA!.consents[0]!, purpose: 'contact' as const };
    await onA!.incrementalPatch({
      phone: '0912345678',
      consents: [...onA!.consents, contact],
      updatedAt: '2026-11-23T01:00:00.000Z',
    });
    await onB!.incrementalPatch({ fullName: 'Bùi Thị Bảy Em', updatedAt: '2026-11-23T02:00:00.000Z' });
    a.net.mode = 'up';
    a.sync.syncNow();
    await a.until((s) => s.waiting === 0);
    b.net.mode = 'up';
    b.sync.syncNow();
    await b.until((s) => s.waiting === 0);
    a.sync.syncNow();
    await a.sync.awaitInSync();
    const expected = { fullName: 'Bùi Thị Bảy Em', phone: '0912345678' };
    expect((await onServer([id!]))[0]).toMatchObject(expected);
    expect((await a.db.rx.residents.findOne(id!).exec())!.toJSON()).toMatchObject(expected);
    expect((await b.db.rx.residents.findOne(id!).exec())!.toJSON()).toMatchObject(expected);
  });

  test('an app too old for the server is told so and keeps its records until updated', async () => {
    const a = await device('old-app');
    await a.sync.awaitInSync();
    a.net.before = (_url, init) => ({
      ...init,
      headers: { ...(init.headers as object), [PROTOCOL_HEADER]: '0' },
    });
    const ids = await addAll(a, ['Hồ Văn Tám']);
    await a.until((s) => s.problem === 'client_too_old' && s.waiting === 1);
    expect(await onServer(ids)).toEqual([]);
    expect(await a.db.rx.residents.findOne(ids[0]!).exec()).not.toBeNull();
    delete a.net.before;
    a.sync.syncNow();
    await a.until((s) => s.waiting === 0 && s.problem === null);
    expect(await onServer(ids)).toHaveLength(1);
  });

  test('a record the server puts aside needs attention and is never shown as synced', async () => {
    const a = await device('quarantine');
    await a.sync.awaitInSync();
    const [id] = await addAll(a, ['Mai Thị Chín'], 'tdp-99');
    const status = await a.until((s) => s.needsAttention === 1);
    expect(status.waiting).toBe(1);
    expect(await onServer([id!])).toEqual([]);
  });
});
