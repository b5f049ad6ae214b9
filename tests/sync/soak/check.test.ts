// The soak's checker (check.ts) can fail: a record the server never got (a lying proxy acknowledges the
// push) is counted lost, one token stored under two ids is counted duplicated, and a device holding a
// state the server does not is counted diverged. A clean exchange counts nothing.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { PlainDoc, PushableCollection } from '../../../src/shared';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import {
  draft,
  localRecords,
  saved,
  settle,
  startDevice,
  startTestServer,
  type TestDevice,
  type TestServer,
  type TestWard,
} from '../harness';
import { check, type Acknowledged } from './check';

let server: TestServer;
let proxy: FaultProxy;
let devices: TestDevice[] = [];

beforeAll(async () => {
  server = await startTestServer();
  proxy = await startFaultProxy({ target: server.url, seed: 3 });
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

async function setup(count: number) {
  const ward = await server.addWard();
  const ds: TestDevice[] = [];
  for (let i = 0; i < count; i++)
    ds.push(await startDevice(server, `check-${i}`, { ward, baseUrl: proxy.url }));
  devices.push(...ds);
  await Promise.all(ds.map((d) => d.sync.awaitInSync()));
  return { ward, ds };
}

/** Adds a resident named `Soak <token>` and records the acknowledgement as the soak does. */
async function add(d: TestDevice, token: string, acked: Map<string, Acknowledged>) {
  const r = await saved(d.db.residents.add(draft(`Soak ${token}`)));
  const a: Acknowledged = {
    collection: 'residents',
    id: r.id,
    token,
    writers: new Set([d.name]),
    deleted: false,
  };
  acked.set(`residents/${r.id}`, a);
  return r;
}

async function finalLocal(ds: TestDevice[]) {
  const out = new Map<string, Map<string, PlainDoc>>();
  for (const d of ds) {
    const mine = new Map<string, PlainDoc>();
    for (const c of ['residents', 'sessions', 'completions'] as PushableCollection[]) {
      for (const [id, doc] of await localRecords(d, c)) mine.set(`${c}/${id}`, doc);
    }
    out.set(d.name, mine);
  }
  return out;
}

const run = async (ward: TestWard, ds: TestDevice[], acked: Map<string, Acknowledged>) =>
  check(server, ward.code, ds, acked, await finalLocal(ds));

test('a clean exchange: nothing lost, duplicated or diverged', async () => {
  const { ward, ds } = await setup(2);
  const acked = new Map<string, Acknowledged>();
  await add(ds[0]!, 'clean-1', acked);
  await add(ds[1]!, 'clean-2', acked);
  await settle(server, ds);
  expect(await run(ward, ds, acked)).toEqual({ lost: [], duplicated: [], diverged: [] });
});

test('a push the server never got but the device was told was accepted is counted lost', async () => {
  const { ward, ds } = await setup(1);
  const acked = new Map<string, Acknowledged>();
  proxy.inject({
    kind: 'fake_reply',
    method: 'POST',
    when: (req) => req.body.includes('Soak lied-1'),
    reply: { status: 200, body: { conflicts: [], quarantined: [] } },
  });
  const r = await add(ds[0]!, 'lied-1', acked);
  await ds[0]!.until((s) => s.waiting === 0);
  const result = await run(ward, ds, acked);
  expect(result.lost).toEqual([expect.stringContaining(`residents/${r.id} (lied-1)`)]);
  expect(result.diverged).toEqual([expect.stringContaining('not on the server')]);
});

test('one token stored under two ids is counted duplicated', async () => {
  const { ward, ds } = await setup(2);
  const acked = new Map<string, Acknowledged>();
  await add(ds[0]!, 'twice-1', acked);
  await add(ds[1]!, 'twice-1', acked);
  await settle(server, ds);
  const result = await run(ward, ds, acked);
  expect(result.duplicated).toEqual([expect.stringContaining('token twice-1 stored as')]);
});

test('a device holding a state the server does not hold is counted diverged', async () => {
  const { ward, ds } = await setup(1);
  const acked = new Map<string, Acknowledged>();
  const r = await add(ds[0]!, 'apart-1', acked);
  await settle(server, ds);
  ds[0]!.setOnline(false);
  await saved(ds[0]!.db.residents.update(r.id, { ...draft('Soak apart-1'), birthYear: '1977' }));
  const result = await check(server, ward.code, ds, acked, await finalLocal(ds));
  expect(result.diverged).toEqual(
    expect.arrayContaining([
      expect.stringContaining(`residents/${r.id}: device`),
      expect.stringContaining('1 waiting'),
    ]),
  );
  // …and, since that device alone wrote it, its last saved state is not what the server holds.
  expect(result.lost).toEqual([expect.stringContaining('written only by check-0')]);
});
