// B3 (QUALITY.md): a device uploads the records it captured offline. The real client sync in Node (a
// harness device on RxDB memory storage: repositories, replication, receipts, gzip push bodies) against
// the real server in this process on PostgreSQL (PGlite without it). The device captures N records while
// offline (half residents, half completions; lib/b3-device.ts), then the network returns: timed until
// nothing is waiting (every record acknowledged), then checked on the server. Bytes on the wire are the
// push request bodies as sent, against the raw JSON of the same records. Baseline in the same run: the
// same rows inserted straight into the database (1000-row multi-VALUES INSERTs into a plain table of the
// synced tables' shape, lib/b4-baselines.ts). Full: 10k records; quick: 2k.
import { performance } from 'node:perf_hooks';
import type { PlainDoc } from '../../../src/shared';
import { createPgTestDatabase, type PgTestDatabase } from '../../helpers/server';
import {
  serverRecords,
  startDevice,
  startTestServer,
  type TestDevice,
  type TestServer,
} from '../../sync/harness';
import { pgliteBaselines, postgresBaselines, type Baselines, type PlainRow } from '../lib/b4-baselines';
import { captureRecords, meterWire } from '../lib/b3-device';
import {
  formatBytes,
  formatCount,
  formatMs,
  median,
  type BenchContext,
  type BenchLine,
  type Scenario,
} from '../lib/line';

const WARM_UP_RECORDS = 200;

/** Every synced record of the ward on the server, as stored (without `_deleted`). */
async function storedRecords(server: TestServer): Promise<PlainDoc[]> {
  const out: PlainDoc[] = [];
  for (const collection of ['residents', 'completions'] as const) {
    for (const { state } of (await serverRecords(server, server.ward.code, collection)).values()) {
      const { _deleted, ...doc } = state;
      out.push(doc);
    }
  }
  return out;
}

/** Median of three runs of the 1000-row INSERTs of `rows` into the emptied plain table. */
async function directInsertMs(baselines: Baselines, rows: readonly PlainRow[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    await baselines.reset();
    const t0 = performance.now();
    await baselines.insert(rows, 1000);
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function run(ctx: BenchContext): Promise<BenchLine[]> {
  const records = ctx.quick ? 2_000 : 10_000;
  let server: TestServer | undefined;
  let device: TestDevice | undefined;
  let baselineDb: PgTestDatabase | undefined;
  let baselines: Baselines | undefined;
  try {
    server = await startTestServer(ctx.pgUrl ? { postgresUrl: ctx.pgUrl } : {});
    device = await startDevice(server, 'b3-phone');
    const groups = server.ward.groupIds;

    // Warm-up: the server's routes and plans and the device's sync code, with a first small upload.
    await captureRecords(device, WARM_UP_RECORDS, groups);
    await device.until((s) => s.waiting === 0 && !s.syncing, 60_000);
    const warmIds = new Set((await storedRecords(server)).map((doc) => doc['id']));

    device.setOnline(false);
    const t0Capture = performance.now();
    await captureRecords(device, records, groups, WARM_UP_RECORDS);
    await device.until((s) => s.waiting === records, 60_000);
    ctx.log(`  B3 captured ${records} records offline in ${formatMs(performance.now() - t0Capture)}`);

    const wire = meterWire(device);
    const t0 = performance.now();
    device.setOnline(true);
    await device.until((s) => s.waiting === 0, 300_000);
    const uploadMs = performance.now() - t0;

    const uploaded = (await storedRecords(server)).filter((doc) => !warmIds.has(doc['id']));
    if (uploaded.length !== records) {
      throw new Error(`the server holds ${uploaded.length} of the ${records} records uploaded`);
    }
    const rawUploaded = uploaded.reduce((sum, doc) => sum + Buffer.byteLength(JSON.stringify(doc)), 0);
    ctx.log(
      `  B3 upload ${records} records: ${formatMs(uploadMs)}; ${wire.pushRequests} pushes ` +
        `(${wire.gzipped} gzip), ${formatBytes(wire.pushBytes)} sent for ${formatBytes(rawUploaded)} of JSON`,
    );

    // The baseline: the same rows as the server stores them, straight into the database.
    const rows: PlainRow[] = uploaded.map((doc) => ({
      id: String(doc['id']),
      wardCode: String(doc['wardCode']),
      groupId: String(doc['groupId']),
      doc,
      deleted: false,
    }));
    if (ctx.pgUrl) {
      baselineDb = await createPgTestDatabase(ctx.pgUrl);
      baselines = await postgresBaselines(baselineDb.url);
    } else {
      baselines = await pgliteBaselines();
    }
    await baselines.insert(rows.slice(0, 1000), 1000); // warm-up
    const insertMs = await directInsertMs(baselines, rows);
    ctx.log(`  B3 direct 1000-row INSERTs of the same ${records} rows: ${formatMs(insertMs)}`);

    const uploadRate = records / (uploadMs / 1000);
    const insertRate = records / (insertMs / 1000);
    const bytesRatio = wire.pushBytes / rawUploaded;
    const on = server.kind === 'postgres' ? 'PostgreSQL' : 'PGlite, not PostgreSQL';
    const size = records >= 10_000 ? `${records / 1000}k` : String(records);
    return [
      {
        key: 'B3.upload',
        id: 'B3',
        label: `upload ${size} queued records`,
        figure: `${formatCount(uploadRate)} records/s`,
        ratio: uploadRate / insertRate,
        baseline: 'direct INSERT',
        target: '≥ 0.5×',
        ok: uploadRate / insertRate >= 0.5,
        better: 'higher',
        note: `${on}; ${formatMs(uploadMs)} until nothing waits; INSERT ${formatCount(insertRate)} rows/s`,
      },
      {
        key: 'B3.wire-bytes',
        id: 'B3',
        label: 'upload bytes on the wire',
        figure: formatBytes(wire.pushBytes),
        ratio: bytesRatio,
        baseline: 'raw JSON',
        target: '≤ 0.35×',
        ok: bytesRatio <= 0.35,
        better: 'lower',
        note: `push bodies as sent, ${wire.gzipped}/${wire.pushRequests} gzip; raw JSON ${formatBytes(rawUploaded)}`,
      },
    ];
  } finally {
    await device?.close();
    await baselines?.close();
    await baselineDb?.drop();
    await server?.close();
  }
}

export const scenario: Scenario = { id: 'B3', title: 'upload queued records from a device', run };
