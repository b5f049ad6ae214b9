// B4 (QUALITY.md): the server's push endpoint — validate, scope, deduplicate, commit — over real HTTP on
// loopback (the real server in this process, Node's fetch; not app.inject, so sockets, HTTP parsing and
// the gzip inflate are counted), as an enrolled volunteer's device pushes:
// gzip-encoded bodies of 100 rows, residents then their completions, one batch after another. Baselines
// in the same run on the same database: one COPY and 1000-row multi-VALUES INSERTs of the same rows into
// a plain table (lib/b4-baselines.ts). Then the same batches again: an idempotent replay writes nothing
// (checked: the sequence does not move) and must take ≤ 1.1× the first push. Also 500-row batches (the
// most one push takes, PUSH_ROWS_MAX: 1000 would be refused). Full: 10k residents + 10k completions;
// quick: 2k + 2k.
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { PlainDoc, PushableCollection } from '../../../src/shared';
import { authHeaders, makeCompletion, makeResident } from '../../helpers/server';
import { pgliteBaselines, postgresBaselines, type Baselines, type PlainRow } from '../lib/b4-baselines';
import { startBenchServer, type BenchServer } from '../lib/b4-server';
import { formatCount, formatMs, median, type BenchContext, type BenchLine, type Scenario } from '../lib/line';

/** First pushes (each on fresh rows, each followed by its replay): the median is reported. */
const PASSES = 3;

interface Batch {
  collection: PushableCollection;
  rows: number;
  /** The request body as the device sends it: gzip of {"rows":[…]}. */
  body: Uint8Array<ArrayBuffer>;
}

interface Dataset {
  batches: Batch[];
  /** The same documents as the server stores them, for the baselines. */
  rows: PlainRow[];
  /** Those rows per collection. */
  parts: { collection: PushableCollection; rows: PlainRow[] }[];
}

/** `residents` residents spread over the groups and one completion each, cut into batches of `size`. */
function makeDataset(server: BenchServer, residents: number, size: number): Dataset {
  const ward = server.wardCode;
  const people = Array.from({ length: residents }, (_, i) =>
    makeResident(ward, server.groupIds[i % server.groupIds.length], { birthYear: 1940 + (i % 60) }),
  );
  const done = people.map((p) => makeCompletion(ward, String(p['groupId']), { residentId: p['id'] }));
  const batchesOf = (collection: PushableCollection, docs: PlainDoc[]): Batch[] => {
    const out: Batch[] = [];
    for (let i = 0; i < docs.length; i += size) {
      const chunk = docs.slice(i, i + size);
      const json = JSON.stringify({ rows: chunk.map((doc) => ({ newDocumentState: doc })) });
      out.push({ collection, rows: chunk.length, body: new Uint8Array(gzipSync(json)) });
    }
    return out;
  };
  const stored = ({ _deleted, ...doc }: PlainDoc): PlainRow => ({
    id: String(doc['id']),
    wardCode: ward,
    groupId: String(doc['groupId']),
    doc,
    deleted: false,
  });
  const parts = [
    { collection: 'residents' as const, rows: people.map(stored) },
    { collection: 'completions' as const, rows: done.map(stored) },
  ];
  return {
    batches: [...batchesOf('residents', people), ...batchesOf('completions', done)],
    rows: parts.flatMap((part) => part.rows),
    parts,
  };
}

/** Pushes the batches one after another; every row must be accepted (no conflict, nothing put aside). */
async function pushAll(server: BenchServer, batches: readonly Batch[]): Promise<number> {
  const headers = {
    ...authHeaders(server.deviceToken),
    'content-type': 'application/json',
    'content-encoding': 'gzip',
  };
  const t0 = performance.now();
  for (const batch of batches) {
    const url = `${server.url}/v1/sync/${batch.collection}/push?wardCode=${server.wardCode}`;
    const res = await fetch(url, { method: 'POST', headers, body: batch.body });
    const answer = (await res.json()) as { conflicts?: unknown[]; quarantined?: unknown[] };
    if (res.status !== 200 || answer.conflicts?.length !== 0 || answer.quarantined?.length !== 0) {
      throw new Error(`push answered ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`);
    }
  }
  return performance.now() - t0;
}

/** The rows through store.syncWrite in 100-row transactions (ward lock, batch write): no HTTP, no checks. */
async function writeDirect(server: BenchServer, set: Dataset): Promise<number> {
  const t0 = performance.now();
  for (const { collection, rows } of set.parts) {
    for (let i = 0; i < rows.length; i += 100) {
      await server.store.syncWrite(collection, server.wardCode, (tx) => tx.write(rows.slice(i, i + 100)));
    }
  }
  return performance.now() - t0;
}

async function lastSeq(server: BenchServer): Promise<number> {
  const [row] = await server.store.db.query('select last_value from sync_seq');
  return Number(row?.['last_value']);
}

/** Median wall time of `runs` runs of a baseline, each into the emptied plain table. */
async function timeBaseline(baselines: Baselines, runs: number, fn: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await baselines.reset();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function run(ctx: BenchContext): Promise<BenchLine[]> {
  const residents = ctx.quick ? 2_000 : 10_000;
  const server = await startBenchServer(ctx.pgUrl);
  let baselines: Baselines | undefined;
  try {
    baselines = server.schemaUrl ? await postgresBaselines(server.schemaUrl) : await pgliteBaselines();
    const rate = (rows: number, ms: number) => rows / (ms / 1000);

    // Warm-up: the route, validation, plans, caches. Then statistics, as autovacuum keeps them on a
    // running PostgreSQL: a trigger's generic plan cached while its table was empty scans the table on
    // every call until statistics change (PGlite never analyses on its own).
    const warm = makeDataset(server, 300, 100);
    await pushAll(server, warm.batches);
    await pushAll(server, warm.batches);
    await server.store.db.exec('analyze');
    await baselines.copy(warm.rows);
    await baselines.reset();
    await baselines.insert(warm.rows, 1000);

    const sets = Array.from({ length: PASSES }, () => makeDataset(server, residents, 100));
    const rows = sets[0]!.rows;
    const copyMs = await timeBaseline(baselines, 3, () => baselines!.copy(rows));
    const insertMs = await timeBaseline(baselines, 3, () => baselines!.insert(rows, 1000));
    await baselines.reset();
    ctx.log(
      `  B4 baselines (${server.engine}, ${rows.length} rows): COPY ${formatMs(copyMs)}, ` +
        `1000-row INSERTs ${formatMs(insertMs)}`,
    );

    const first: number[] = [];
    const replayRatios: number[] = [];
    for (const set of sets) {
      first.push(await pushAll(server, set.batches));
      const seq = await lastSeq(server);
      const replay = await pushAll(server, set.batches);
      if ((await lastSeq(server)) !== seq) throw new Error('a replayed batch took a sequence value');
      replayRatios.push(replay / first.at(-1)!);
      ctx.log(
        `  B4 push ${rows.length} rows in 100-row batches: ${formatMs(first.at(-1)!)}, replay ${formatMs(replay)}`,
      );
    }
    // Where the time goes (a log line, no target): the same rows through the sync write alone.
    const directMs = await writeDirect(server, makeDataset(server, residents, 100));
    ctx.log(`  B4 sync write alone (100-row transactions, no HTTP, no validation): ${formatMs(directMs)}`);
    const big = makeDataset(server, residents, 500);
    const bigMs = await pushAll(server, big.batches);
    ctx.log(`  B4 push ${rows.length} rows in 500-row batches: ${formatMs(bigMs)}`);

    const pushRate = rate(rows.length, median(first));
    const copyRate = rate(rows.length, copyMs);
    const insertRate = rate(rows.length, insertMs);
    const bigRate = rate(rows.length, bigMs);
    const replayRatio = median(replayRatios);
    const batchCount = sets[0]!.batches.length;
    const on = server.engine === 'PGlite' ? 'PGlite, not PostgreSQL' : server.engine;
    const size = `${rows.length} rows`;
    return [
      {
        key: 'B4.push-copy',
        id: 'B4',
        label: 'push',
        figure: `${formatCount(pushRate)} rows/s`,
        ratio: pushRate / copyRate,
        baseline: 'COPY',
        target: '≥ 0.25×',
        ok: pushRate / copyRate >= 0.25,
        better: 'higher',
        note: `${on}; ${size} in 100-row gzip batches over HTTP; COPY ${formatCount(copyRate)} rows/s`,
      },
      {
        key: 'B4.push-insert',
        id: 'B4',
        label: 'push vs 1000-row INSERT',
        figure: `${formatCount(pushRate)} rows/s`,
        ratio: pushRate / insertRate,
        baseline: '1000-row INSERT',
        target: '≥ 0.6×',
        ok: pushRate / insertRate >= 0.6,
        better: 'higher',
        note: `${on}; INSERT ${formatCount(insertRate)} rows/s`,
      },
      {
        key: 'B4.push500-copy',
        id: 'B4',
        label: 'push in 500-row batches',
        figure: `${formatCount(bigRate)} rows/s`,
        ratio: bigRate / copyRate,
        baseline: 'COPY',
        target: '≥ 0.25×',
        ok: bigRate / copyRate >= 0.25,
        better: 'higher',
        note: `${on}; the most one push takes (PUSH_ROWS_MAX)`,
      },
      {
        key: 'B4.replay',
        id: 'B4',
        label: 'replay a batch',
        figure: `${formatMs((median(first) * replayRatio) / batchCount)} per 100-row batch`,
        ratio: replayRatio,
        baseline: 'first push',
        target: '≤ 1.1×',
        ok: replayRatio <= 1.1,
        better: 'lower',
        note: `${on}; idempotent: no row written, no sequence value taken`,
      },
    ];
  } finally {
    await baselines?.close();
    await server.close();
  }
}

export const scenario: Scenario = {
  id: 'B4',
  title: 'server push endpoint: validate, scope, deduplicate, commit',
  run,
};
