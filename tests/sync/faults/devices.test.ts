// B9 faults that come from the devices: two phones editing the same resident offline, one deleting
// while the other edits, phone clocks days wrong, and an app too old for the server (then updated).
// The conflict policy is docs/sync.md "Conflict policy per record type" (src/shared/merge.ts): a field
// the later writer in server order changed takes its value, a deletion on either side is kept, and every
// replaced state is kept in record_history (invariant 10). Device clocks never decide anything.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { ResidentDraft } from '../../../src/client/db';
import { PROTOCOL_HEADER, syncState, type PlainDoc } from '../../../src/shared';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import {
  differences,
  draft,
  localRecords,
  pollUntil,
  saved,
  serverRecords,
  settle,
  startDevice,
  startTestServer,
  WARD,
  type DeviceOptions,
  type TestDevice,
  type TestServer,
} from '../harness';

const DAY = 24 * 60 * 60 * 1000;

let server: TestServer;
let proxy: FaultProxy;
let devices: TestDevice[] = [];

beforeAll(async () => {
  server = await startTestServer();
  proxy = await startFaultProxy({ target: server.url, seed: 2, restart: () => server.restart() });
});
afterAll(async () => {
  await proxy.close();
  await server.close();
});
afterEach(async () => {
  await proxy.heal();
  await Promise.all(devices.map((d) => d.close()));
  devices = [];
});

async function device(name: string, options: DeviceOptions = {}): Promise<TestDevice> {
  const d = await startDevice(server, name, options);
  devices.push(d);
  await d.sync.awaitInSync();
  return d;
}

/** Edits some fields of a resident through the repository, as the edit form would. */
async function edit(d: TestDevice, id: string, patch: Partial<ResidentDraft>) {
  const current = await d.db.residents.get(id);
  if (current === null) throw new Error(`${d.name} has no resident ${id}`);
  return saved(d.db.residents.update(id, { ...d.db.residents.draftOf(current), ...patch }));
}

/** Deletes a resident on the device (a tombstone, replicated like any change). */
async function remove(d: TestDevice, id: string) {
  const doc = await d.db.rx.residents.findOne(id).exec();
  await doc!.remove();
}

/** Brings the devices back online one after the other, each pushing before the next: server order. */
async function onlineInOrder(...order: TestDevice[]) {
  for (const d of order) {
    d.setOnline(true);
    await d.until((s) => s.waiting === 0 && s.problem === null);
  }
}

const onServer = async (id: string) => (await serverRecords(server, WARD.code, 'residents')).get(id)!.state;
const history = async (id: string) =>
  (await server.store.recordHistory('residents', WARD.code, id)).map((h) =>
    syncState({ ...h.doc, _deleted: h.deleted }),
  );
const without = (doc: PlainDoc, ...keys: string[]) =>
  Object.fromEntries(Object.entries(doc).filter(([k]) => !keys.includes(k)));

describe('two devices editing the same resident offline', () => {
  test('both edits are kept, the later writer wins a field both changed, and both devices converge', async () => {
    const a = await device('edit-a');
    const b = await device('edit-b');
    const resident = await saved(a.db.residents.add(draft('Hà Thị Hai Máy')));
    await settle(server, [a, b]);
    const original = await onServer(resident.id);

    a.setOnline(false);
    b.setOnline(false);
    await edit(a, resident.id, { birthYear: '1961', citizenIdLast4: '1234' });
    await edit(b, resident.id, { fullName: 'Hà Thị Hai Máy Em', birthYear: '1962' });
    await onlineInOrder(a, b);
    await settle(server, [a, b]);

    const final = await onServer(resident.id);
    expect(final).toMatchObject({
      fullName: 'Hà Thị Hai Máy Em',
      citizenIdLast4: '1234',
      birthYear: 1962,
      _deleted: false,
    });
    expect(await differences(server, [a, b])).toEqual([]);
    const replaced = await history(resident.id);
    expect(replaced).toHaveLength(2);
    expect(replaced[0]).toEqual(original);
    expect(replaced[1]).toMatchObject({
      fullName: 'Hà Thị Hai Máy',
      birthYear: 1961,
      citizenIdLast4: '1234',
    });
  });

  test.each([
    ['the deletion reaches the server first', 'delete-first'],
    ['the edit reaches the server first', 'edit-first'],
  ])('one deletes while the other edits (%s): the deletion is kept, the edit too', async (_l, order) => {
    const a = await device(`del-${order}`);
    const b = await device(`edit-${order}`);
    const resident = await saved(a.db.residents.add(draft(`Xa Thị ${order}`)));
    await settle(server, [a, b]);
    const original = await onServer(resident.id);

    a.setOnline(false);
    b.setOnline(false);
    await remove(a, resident.id);
    await edit(b, resident.id, { citizenIdLast4: '5678' });
    if (order === 'delete-first') await onlineInOrder(a, b);
    else await onlineInOrder(b, a);
    await settle(server, [a, b]);

    const final = await onServer(resident.id);
    expect(final).toMatchObject({ _deleted: true, citizenIdLast4: '5678' });
    expect(await differences(server, [a, b])).toEqual([]);
    expect((await localRecords(b, 'residents')).get(resident.id)).toMatchObject({ _deleted: true });
    expect(await b.db.residents.get(resident.id)).toBeNull();
    // Every state the server held before the final one is in its history, in order.
    const replaced = await history(resident.id);
    const comparable = (doc: PlainDoc) => without(doc, 'updatedAt');
    expect(replaced.map(comparable)).toEqual(
      order === 'delete-first'
        ? [comparable(original), comparable({ ...original, _deleted: true })]
        : [comparable(original), comparable({ ...original, citizenIdLast4: '5678' })],
    );
  });
});

describe('a device clock days wrong', () => {
  test('records sync, pulls see everything, and the merge follows server order, not clocks', async () => {
    const slow = await device('clock-minus-3d', { clockOffsetMs: -3 * DAY, baseUrl: proxy.url });
    const fast = await device('clock-plus-5d', { clockOffsetMs: 5 * DAY, baseUrl: proxy.url });
    const r1 = await saved(slow.db.residents.add(draft('Lịch Thị Chậm')));
    const r2 = await saved(fast.db.residents.add(draft('Lịch Văn Nhanh')));
    // The clocks really are wrong: each record carries its device's time.
    expect(Date.parse(r1.createdAt)).toBeLessThan(Date.now() - 2 * DAY);
    expect(Date.parse(r2.createdAt)).toBeGreaterThan(Date.now() + 4 * DAY);
    await settle(server, [slow, fast]);

    // A device with a right clock, started afterwards, pulls everything (checkpoints are server seqs).
    const late = await device('clock-right');
    await settle(server, [slow, fast, late]);
    const onLate = await localRecords(late, 'residents');
    expect(onLate.get(r1.id)).toMatchObject({ fullName: 'Lịch Thị Chậm' });
    expect(onLate.get(r2.id)).toMatchObject({ fullName: 'Lịch Văn Nhanh' });

    // The same field edited on both offline: whoever reaches the server later wins, whatever the clocks.
    for (const [first, second, expected] of [
      [slow, fast, 1972],
      [fast, slow, 1981],
    ] as const) {
      slow.setOnline(false);
      fast.setOnline(false);
      await edit(slow, r1.id, { birthYear: expected === 1972 ? '1971' : '1981' });
      await edit(fast, r1.id, { birthYear: expected === 1972 ? '1972' : '1982' });
      await onlineInOrder(first, second);
      await settle(server, [slow, fast, late]);
      expect(await onServer(r1.id)).toMatchObject({ birthYear: expected });
    }
    // updatedAt is the later stamp of the two sides (the fast clock's), which decides nothing.
    expect(Date.parse(String((await onServer(r1.id))['updatedAt']))).toBeGreaterThan(Date.now() + 4 * DAY);
    expect(await differences(server, [slow, fast, late])).toEqual([]);
  });
});

describe('a too-old app version talking to a newer server', () => {
  test('every exchange gets 426, the records stay waiting on the device, and arrive once after the update', async () => {
    const a = await device('old-app', { baseUrl: proxy.url });
    const statuses: number[] = [];
    a.net.after = (url, res) => {
      if (url.includes('/v1/sync/')) statuses.push(res.status);
    };
    // The proxy makes the app speak protocol 1, as the version before the update did.
    const rule = proxy.inject({ kind: 'rewrite_header', header: { name: PROTOCOL_HEADER, value: '1' } });
    const added = [
      await saved(a.db.residents.add(draft('Cũ Thị Một'))),
      await saved(a.db.residents.add(draft('Cũ Văn Hai'))),
    ];
    const ids = added.map((r) => r.id);
    a.sync.syncNow();
    await a.until((s) => s.problem === 'client_too_old' && s.waiting === 2);
    await a.untilMarks((m) => ids.every((id) => m.waiting.has(id)));
    await pollUntil(() => statuses.length >= 4, 'four exchanges refused');
    expect(new Set(statuses)).toEqual(new Set([426]));
    const held = await serverRecords(server, WARD.code, 'residents');
    expect(ids.filter((id) => held.has(id))).toEqual([]);
    expect([...(await localRecords(a, 'residents')).keys()]).toEqual(expect.arrayContaining(ids));

    // The update: the app is closed, the new version opens the same database and speaks protocol 2.
    await a.stopSync();
    rule.remove();
    statuses.length = 0;
    await a.startSync();
    await a.until((s) => s.waiting === 0 && s.problem === null);
    expect(statuses).toContain(200);
    const after = await serverRecords(server, WARD.code, 'residents');
    for (const r of added) {
      expect(after.get(r.id)?.state).toMatchObject({ fullName: r.fullName });
      expect([...after.values()].filter((row) => row.state['fullName'] === r.fullName)).toHaveLength(1);
      expect(await server.store.recordHistory('residents', WARD.code, r.id)).toEqual([]);
    }
  });
});
