// B9 network and server faults, with real RxDB devices talking to the real server through the fault
// proxy: a request lost mid-batch, a reply lost after the server committed, the same batch delivered
// twice, batches out of order, 503s, and the server killed between commit and reply then restarted.
// Invariants checked (docs/sync.md 4, 5, 9, 10): every record is stored once, a re-send of a state the
// server holds writes nothing (no new seq, no record_history entry), receipts end up set, an older state
// delivered late never overwrites a newer one.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fingerprint, type PlainDoc } from '../../../src/shared';
import { SETTING_KEYS } from '../../../src/client/db';
import { startFaultProxy, type FaultProxy, type RequestInfo } from '../../helpers/fault-proxy';
import {
  draft,
  localRecords,
  saved,
  serverRecords,
  settle,
  startDevice,
  startTestServer,
  WARD,
  type TestDevice,
  type TestServer,
} from '../harness';

let server: TestServer;
let proxy: FaultProxy;
let devices: TestDevice[] = [];

beforeAll(async () => {
  server = await startTestServer();
  proxy = await startFaultProxy({ target: server.url, seed: 1, restart: () => server.restart() });
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});
afterEach(async () => {
  proxy.onFault = undefined;
  await proxy.heal();
  await Promise.all(devices.map((d) => d.close()));
  devices = [];
});

async function device(name: string): Promise<TestDevice> {
  const d = await startDevice(server, name, { baseUrl: proxy.url });
  devices.push(d);
  await d.sync.awaitInSync();
  return d;
}

const PUSH = '/v1/sync/residents/push';
const pushOf = (ids: readonly string[]) => (req: RequestInfo) => ids.some((id) => req.body.includes(id));
/** A resident draft with a phone number (which needs the contact consent). */
const withPhone = (name: string, phone: string) => {
  const d = draft(name);
  return { ...d, phone, consent: { ...d.consent, contact: true } };
};
const ids = (docs: readonly { id: string }[]) => docs.map((d) => d.id);

/** Adds residents while the device is offline, so they leave in one push batch when it comes back. */
async function addOffline(d: TestDevice, names: string[]) {
  d.setOnline(false);
  const added = [];
  for (const name of names) added.push(await saved(d.db.residents.add(draft(name))));
  return added;
}

/** What the server holds for these ids (and how many rows carry each one's name: 1 = not duplicated). */
async function held(idList: readonly string[]) {
  const all = await serverRecords(server, WARD.code, 'residents');
  const names = [...all.values()].map((r) => r.state['fullName']);
  return idList.map((id) => {
    const row = all.get(id);
    return {
      id,
      seq: row?.seq,
      state: row?.state,
      rowsWithName: names.filter((n) => n === row?.state['fullName']).length,
    };
  });
}

const history = (id: string) => server.store.recordHistory('residents', WARD.code, id);

async function expectStoredOnceUnrewritten(idList: readonly string[]) {
  for (const row of await held(idList)) {
    expect(row.state, row.id).toBeDefined();
    expect(row.rowsWithName, row.id).toBe(1);
    expect(await history(row.id), `history of ${row.id}`).toEqual([]);
  }
}

/** The device's receipt for each record is the fingerprint of the state the server holds. */
async function expectReceipts(d: TestDevice, idList: readonly string[]) {
  const receipts = (await d.kv.get<Record<string, string>>(`${SETTING_KEYS.receipts}residents`)) ?? {};
  for (const row of await held(idList)) expect(receipts[row.id], row.id).toBe(fingerprint(row.state!));
  expect(d.sync.records.get().waiting.size).toBe(0);
}

describe('network cut mid-batch', () => {
  test('a push batch lost on the way is sent again and stored once', async () => {
    const a = await device('lost-request');
    const added = await addOffline(a, ['Lạc Thị Một', 'Lạc Văn Hai', 'Lạc Thị Ba']);
    const rule = proxy.inject({ kind: 'drop_request', path: PUSH, when: pushOf(ids(added)), times: 1 });
    a.setOnline(true);
    await a.until((s) => s.waiting === 0 && s.problem === null);
    expect(rule.fired).toBe(1);
    await expectStoredOnceUnrewritten(ids(added));
    await expectReceipts(a, ids(added));
  });

  test('a reply lost after the server committed: stored once, receipt set, nothing re-written', async () => {
    const a = await device('lost-reply');
    const added = await addOffline(a, ['Mạc Thị Một', 'Mạc Văn Hai', 'Mạc Thị Ba']);
    const rule = proxy.inject({ kind: 'drop_reply', path: PUSH, when: pushOf(ids(added)), times: 1 });
    let committed: Promise<Awaited<ReturnType<typeof held>>> | undefined;
    let inBatch: string[] = [];
    proxy.onFault = (e) => {
      if (e.kind !== 'drop_reply') return;
      // The server committed and the device has not sent again yet: hold it offline and look.
      a.setOnline(false);
      inBatch = ids(added).filter((id) => e.request.body.includes(id));
      committed = held(inBatch);
    };
    a.setOnline(true);
    await a.until((s) => s.problem === 'unreachable' && committed !== undefined);
    const afterCommit = await committed!;
    expect(inBatch.length).toBeGreaterThan(0);
    expect(afterCommit.every((r) => r.seq !== undefined)).toBe(true);
    // The device cannot know the server has them.
    expect([...a.sync.records.get().waiting]).toEqual(expect.arrayContaining(inBatch));
    a.setOnline(true);
    await a.until((s) => s.waiting === 0 && s.problem === null);
    expect(rule.fired).toBe(1);
    // The re-send was accepted without a write: same sequence values, no history.
    expect((await held(inBatch)).map((r) => r.seq)).toEqual(afterCommit.map((r) => r.seq));
    await expectStoredOnceUnrewritten(ids(added));
    await expectReceipts(a, ids(added));
  });
});

describe('the same batch delivered twice, or out of order', () => {
  test.each([
    ['one after the other', false],
    ['at the same time', true],
  ])('a batch delivered twice (%s) is stored once', async (_label, concurrent) => {
    const a = await device(`twice-${String(concurrent)}`);
    const n = concurrent ? 'Song' : 'Lặp';
    const added = await addOffline(a, [`Tạ Thị ${n} Một`, `Tạ Văn ${n} Hai`]);
    proxy.inject({ kind: 'duplicate', path: PUSH, when: pushOf(ids(added)), times: 1, concurrent });
    a.setOnline(true);
    await a.until((s) => s.waiting === 0 && s.problem === null);
    await expectStoredOnceUnrewritten(ids(added));
    await expectReceipts(a, ids(added));

    // An edit delivered twice replaces the state once: one history entry, not two.
    const [first] = added;
    const before = (await held([first!.id]))[0]!;
    proxy.inject({ kind: 'duplicate', path: PUSH, when: pushOf([first!.id]), times: 1, concurrent });
    await saved(a.db.residents.update(first!.id, withPhone(`Tạ Thị ${n} Một`, '0911000111')));
    await a.until((s) => s.waiting === 0 && s.problem === null);
    const after = (await held([first!.id]))[0]!;
    expect(after.state).toMatchObject({ phone: '0911000111' });
    const entries = await history(first!.id);
    expect(entries.map((h) => [h.seq, h.replacedBySeq])).toEqual([[before.seq, after.seq]]);
  });

  test('an older state delivered after a newer one does not overwrite it: the server answers it with a conflict', async () => {
    const a = await device('late');
    const resident = await saved(a.db.residents.add(draft('Lều Thị Muộn')));
    await a.until((s) => s.waiting === 0);
    const [original] = await held([resident.id]);

    // The push of the first edit straggles in the network: the device sees a cut connection and sends
    // the same rows again (RxDB retries a failed batch as it was); the straggler reaches the server only
    // after the push of the second edit.
    const rule = proxy.inject({
      kind: 'reorder',
      mode: 'late',
      path: PUSH,
      when: pushOf([resident.id]),
      releaseWhen: (later) => later.path === PUSH && later.body.includes('0922222222'),
      times: 1,
      maxHoldMs: 10_000,
    });
    await saved(a.db.residents.update(resident.id, withPhone('Lều Thị Muộn', '0911111111')));
    await a.until((s) => s.waiting === 0 && s.problem === null && rule.fired === 1);
    const [first] = await held([resident.id]);
    await saved(a.db.residents.update(resident.id, withPhone('Lều Thị Muộn', '0922222222')));
    await a.until((s) => s.waiting === 0 && s.problem === null);
    await proxy.heal();

    const [late] = proxy.lateReplies.filter((r) => r.request.body.includes(resident.id));
    expect(late!.request.body).toContain('0911111111');
    expect(late!.request.body).not.toContain('0922222222');
    // The server answered the straggler with its newer state and wrote nothing.
    const lateAnswer = JSON.parse(late!.body) as { conflicts: PlainDoc[] };
    expect(lateAnswer.conflicts).toEqual([expect.objectContaining({ id: resident.id, phone: '0922222222' })]);
    const [now] = await held([resident.id]);
    expect(now!.state).toMatchObject({ phone: '0922222222' });
    expect((await history(resident.id)).map((h) => [h.seq, h.replacedBySeq])).toEqual([
      [original!.seq, first!.seq],
      [first!.seq, now!.seq],
    ]);
    expect((await localRecords(a, 'residents')).get(resident.id)).toMatchObject({ phone: '0922222222' });
    expect(a.status().waiting).toBe(0);
  });

  test('a push held up until another device wrote the record comes back as a conflict and is merged', async () => {
    const a = await device('held-a');
    const b = await device('held-b');
    const resident = await saved(a.db.residents.add(draft('Đàm Thị Chờ')));
    await settle(server, [a, b]);
    const [original] = await held([resident.id]);

    const fromA = (req: RequestInfo) => req.headers['authorization'] === `Bearer ${a.token}`;
    const fromB = (req: RequestInfo) => req.headers['authorization'] === `Bearer ${b.token}`;
    proxy.inject({
      kind: 'reorder',
      path: PUSH,
      when: (req) => fromA(req) && req.body.includes(resident.id),
      releaseWhen: (later) => fromB(later) && later.path === PUSH,
      times: 1,
      maxHoldMs: 10_000,
    });
    await saved(a.db.residents.update(resident.id, withPhone('Đàm Thị Chờ', '0933333333')));
    await a.until((s) => s.syncing);
    await saved(b.db.residents.update(resident.id, { ...draft('Đàm Thị Chờ Em') }));
    await settle(server, [a, b]);

    const [now] = await held([resident.id]);
    expect(now!.state).toMatchObject({ fullName: 'Đàm Thị Chờ Em', phone: '0933333333' });
    const replaced = await history(resident.id);
    expect(replaced.map((h) => h.seq)[0]).toBe(original!.seq);
    expect(replaced).toHaveLength(2); // the original, then B's state (replaced by A's merge)
    expect(replaced[1]!.doc).toMatchObject({ fullName: 'Đàm Thị Chờ Em' });
    expect(replaced[1]!.doc['phone']).toBeUndefined();
  });
});

describe('the server unavailable or killed', () => {
  test('503s: records wait, then arrive once', async () => {
    const a = await device('busy');
    const rule = proxy.inject({ kind: 'status_503', path: PUSH, times: 3 });
    const added = [await saved(a.db.residents.add(draft('Âu Thị Bận')))];
    await a.until((s) => s.problem === 'unreachable');
    expect(a.status().waiting).toBe(1);
    await a.until((s) => s.waiting === 0 && s.problem === null);
    expect(rule.fired).toBe(3);
    await expectStoredOnceUnrewritten(ids(added));
  });

  test('the server killed between commit and reply, then restarted, holds every record once', async () => {
    const a = await device('killed');
    // A device talking to the server directly follows it to its new address after the restart.
    const direct = await startDevice(server, 'killed-direct');
    devices.push(direct);
    await direct.sync.awaitInSync();
    const urlBefore = server.url;
    const added = await addOffline(a, ['Khúc Thị Một', 'Khúc Văn Hai', 'Khúc Thị Ba']);
    const rule = proxy.inject({ kind: 'kill_server', path: PUSH, when: pushOf(ids(added)), times: 1 });
    a.setOnline(true);
    await a.until((s) => s.waiting === 0 && s.problem === null, 20_000);
    expect(rule.fired).toBe(1);
    expect(server.url).not.toBe(urlBefore);
    expect(proxy.target).toBe(server.url);
    await expectStoredOnceUnrewritten(ids(added));
    await expectReceipts(a, ids(added));
    await settle(server, [a, direct]);
    expect([...(await localRecords(direct, 'residents')).keys()]).toEqual(expect.arrayContaining(ids(added)));
  });
});
