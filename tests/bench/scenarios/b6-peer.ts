// B6 (QUALITY.md): the same round trip through our stack and through a peer, in the same run. Round
// trip = device A uploads N records to the server, then a fresh device B downloads all of them. Ours: two
// harness devices (tests/sync/harness.ts: the real client sync on RxDB memory storage) against the real
// server in this process on in-memory PGlite, timed from A's sync starting (A captured the records with
// its sync stopped) to B holding all N. The peer: PouchDB ↔ express-pouchdb on the memory adapter
// (lib/b6-pouch.ts), local database → server, then a fresh local database ← server, with the very same
// documents (A's records as JSON, plus PouchDB's `_id`). Both sides warm up with a small round trip first.
// Full: 10k records; quick: 2k.
import { performance } from 'node:perf_hooks';
import type { RxCollection } from 'rxdb';
import type { PlainDoc } from '../../../src/shared';
import {
  localRecords,
  sleep,
  startDevice,
  startTestServer,
  type TestDevice,
  type TestServer,
} from '../../sync/harness';
import { captureRecords } from '../lib/b3-device';
import { startPeer, type PeerServer } from '../lib/b6-pouch';
import { formatMs, type BenchContext, type BenchLine, type Scenario } from '../lib/line';

const WARM_UP_RECORDS = 200;
const COLLECTIONS = ['residents', 'completions'] as const;

/** Live records the device holds, over the collections B6 uploads. */
async function held(device: TestDevice): Promise<number> {
  let total = 0;
  for (const name of COLLECTIONS) {
    total += await (device.db.rx[name] as unknown as RxCollection<PlainDoc>).count().exec();
  }
  return total;
}

/** The device's records as plain JSON (without the replication's `_deleted`), minus those in `skip`. */
async function recordsOf(device: TestDevice, skip: ReadonlySet<unknown>): Promise<PlainDoc[]> {
  const out: PlainDoc[] = [];
  for (const name of COLLECTIONS) {
    for (const { _deleted, ...doc } of (await localRecords(device, name)).values()) {
      if (!skip.has(doc['id'])) out.push(doc);
    }
  }
  return out;
}

/** B downloads after A uploaded: waits for B's sync to settle until it holds `count` records. */
async function untilHeld(device: TestDevice, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await device.sync.awaitInSync();
    if ((await held(device)) >= count) return;
    if (Date.now() > deadline) throw new Error(`${device.name} holds ${await held(device)} of ${count}`);
    await sleep(20);
  }
}

async function run(ctx: BenchContext): Promise<BenchLine[]> {
  const records = ctx.quick ? 2_000 : 10_000;
  let server: TestServer | undefined;
  let a: TestDevice | undefined;
  let b: TestDevice | undefined;
  let peer: PeerServer | undefined;
  try {
    server = await startTestServer();
    const groups = server.ward.groupIds;
    a = await startDevice(server, 'b6-a');
    // Warm-up: a first small upload by A, downloaded by B, whose sync then stops (the app is closed).
    await captureRecords(a, WARM_UP_RECORDS, groups);
    await a.until((s) => s.waiting === 0 && !s.syncing, 60_000);
    b = await startDevice(server, 'b6-b');
    await untilHeld(b, WARM_UP_RECORDS, 60_000);
    await b.stopSync();
    const warmIds = new Set((await recordsOf(a, new Set())).map((doc) => doc['id']));

    // A captures with its sync stopped (nothing runs in the background while the peer is timed).
    await a.stopSync();
    await captureRecords(a, records, groups, WARM_UP_RECORDS);
    const docs = await recordsOf(a, warmIds);
    if (docs.length !== records) throw new Error(`device A holds ${docs.length} of ${records} new records`);

    // The peer, with the same documents (and a warm-up round trip of its own).
    peer = await startPeer();
    const pouchDocs = docs.map((doc) => ({ _id: String(doc['id']), ...doc }));
    await peer.roundTrip(pouchDocs.slice(0, WARM_UP_RECORDS), 'b6-warm');
    const peerMs = await peer.roundTrip(pouchDocs, 'b6');
    await peer.close();
    peer = undefined;
    ctx.log(`  B6 PouchDB ↔ express-pouchdb round trip of ${records} records: ${formatMs(peerMs)}`);

    // Ours: A opens and uploads; when nothing waits, B opens and downloads.
    const t0 = performance.now();
    await a.startSync();
    await a.sync.awaitInSync();
    await a.until((s) => s.waiting === 0, 300_000);
    const uploadMs = performance.now() - t0;
    await b.startSync();
    await untilHeld(b, WARM_UP_RECORDS + records, 300_000);
    const ourMs = performance.now() - t0;
    ctx.log(
      `  B6 our round trip of ${records} records: ${formatMs(ourMs)} ` +
        `(upload ${formatMs(uploadMs)}, download ${formatMs(ourMs - uploadMs)})`,
    );

    const ratio = peerMs / ourMs;
    const size = records >= 10_000 ? `${records / 1000}k` : String(records);
    return [
      {
        key: 'B6.round-trip',
        id: 'B6',
        label: `round trip ${size} records`,
        figure: `${(ourMs / 1000).toFixed(1)} s`,
        ratio,
        baseline: 'faster than PouchDB ↔ express-pouchdb',
        target: 'faster than the peer',
        ok: ratio > 1,
        better: 'higher',
        note: `PGlite in memory vs PouchDB memory adapter; peer ${(peerMs / 1000).toFixed(1)} s`,
      },
    ];
  } finally {
    await peer?.close();
    await a?.close();
    await b?.close();
    await server?.close();
  }
}

export const scenario: Scenario = {
  id: 'B6',
  title: 'peer: the same round trip through PouchDB ↔ express-pouchdb',
  run,
};
