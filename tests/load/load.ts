// `npm run load`: N simulated devices syncing at once with the real server on loopback, bounded in time
// (--duration) and in records; prints requests/s, latency quantiles, errors and records lost, and exits
// non-zero on any error or lost record.
//
//   npx tsx tests/load/load.ts [--devices 500] [--records 20] [--duration 120] [--pg] [--quick]
//                              [--timeout 60] [--seed 20260501]
//
// --records is residents per device; each device also logs a session per ten residents and a completion
// for every other one, re-sends one batch and edits a few records. --pg runs on PostgreSQL
// (TEST_DATABASE_URL, else DATABASE_URL) in a throw-away schema; default: in-memory PGlite. --quick is
// 100 devices × 10 records. The server runs on this thread; the devices run in a worker thread.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { FleetOptions } from './fleet';
import { errorCount, reportLines, type FleetResult } from './report';
import { LOOPBACK_RATE_LIMIT, startLoadServer } from './server';

const GROUPS = 25;
const JITTER_MS = 20;

const { values } = parseArgs({
  options: {
    devices: { type: 'string' },
    records: { type: 'string' },
    duration: { type: 'string', default: '120' },
    timeout: { type: 'string', default: '60' },
    seed: { type: 'string', default: '20260501' },
    pg: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
  },
});
const devices = Number(values.devices ?? (values.quick ? 100 : 500));
const residents = Number(values.records ?? (values.quick ? 10 : 20));
const durationS = Number(values.duration);
const timeoutS = Number(values.timeout);
const seed = Number(values.seed);
if (
  ![devices, residents, seed].every(Number.isInteger) ||
  devices < 1 ||
  residents < 1 ||
  !(durationS > 0) ||
  !(timeoutS > 0)
) {
  console.error(
    'usage: npx tsx tests/load/load.ts [--devices N] [--records N] [--duration S] [--timeout S] [--seed N] [--pg] [--quick]',
  );
  process.exit(2);
}
const pgUrl = values.pg ? process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'] : undefined;
if (values.pg && !pgUrl) {
  console.error('load: --pg needs TEST_DATABASE_URL or DATABASE_URL');
  process.exit(2);
}

/**
 * Runs the fleet in a worker thread (TypeScript through tsx's loader), resolving to its result; `phase`
 * hears when the devices start (setup over) and when they are all done (the check follows).
 */
function runFleetInWorker(
  options: FleetOptions,
  phase: (name: 'started' | 'finished') => void,
): Promise<FleetResult> {
  const api = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./fleet-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot, { eval: true, workerData: options });
    worker.on('message', (message: { phase?: 'started' | 'finished'; result?: FleetResult }) => {
      if (message.phase) phase(message.phase);
      if (message.result) resolve(message.result);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the devices' worker exited (${code}) without a result`)));
  });
}

const server = await startLoadServer({ groups: GROUPS, ...(pgUrl ? { pgUrl } : {}) });
// Ctrl-C still drops the throw-away schema (or closes PGlite).
process.once('SIGINT', () => void server.close().finally(() => process.exit(130)));
let failed = true;
try {
  console.log(
    `load: ${server.engine} server on ${server.url}; ward ${server.wardCode} with ${GROUPS} groups; ` +
      `per-IP rate limit raised to ${LOOPBACK_RATE_LIMIT.toLocaleString('en-US')}/min for loopback (every device is 127.0.0.1)`,
  );
  // The server's thread, where PGlite also runs its SQL: how long it could not serve I/O.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let handled: number[] = [];
  const result = await runFleetInWorker(
    {
      baseUrl: server.url,
      wardCode: server.wardCode,
      groupIds: server.groupIds,
      officerToken: server.officerToken,
      devices,
      residents,
      durationMs: durationS * 1000,
      timeoutMs: timeoutS * 1000,
      jitterMs: JITTER_MS,
      seed,
    },
    (phase) => {
      if (phase === 'started') {
        server.handled.length = 0;
        loop.enable();
      } else {
        loop.disable();
        handled = [...server.handled];
      }
    },
  );
  const lines = reportLines({ devices, residents, engine: server.engine }, result, {
    handled,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
  });
  for (const line of lines) console.log(line);
  failed = errorCount(result) > 0 || result.lost > 0 || result.unfinished > 0;
} catch (err) {
  console.error('load: the run failed:', err);
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
