// The fault soak (QUALITY.md B9), `npm run soak`: many seeded runs of real RxDB devices syncing with the
// real server through the fault proxy under random mixes of faults, each checked for lost, duplicated and
// diverged records (run.ts, check.ts). Prints nothing per run unless it fails, then one summary line and
// the injected-fault counts; exits non-zero on any loss, duplicate, divergence or timed-out run.
//
//   npm run soak -- [--runs 200] [--seed 20260501] [--first 0] [--pg] [--run-timeout-ms 30000]
//
// --pg (or SOAK_DATABASE_URL) runs on real PostgreSQL: SOAK_DATABASE_URL, else TEST_DATABASE_URL.
// Default: in-memory PGlite. Run k's own seed derives from --seed and k, so `--first k --runs 1` with the
// same --seed replays run k's plan (network timing still varies).
import { parseArgs } from 'node:util';
import { FAULT_KINDS, startFaultProxy } from '../../helpers/fault-proxy';
import { startTestServer, withTimeout } from '../harness';
import { emptyEvents, soakRun, type RunEvents } from './run';

const DEFAULT_SEED = 20260501;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    first: { type: 'string', default: '0' },
    pg: { type: 'boolean', default: false },
    'run-timeout-ms': { type: 'string', default: '30000' },
  },
});

const runs = Number(values.runs);
const seed = Number(values.seed);
const first = Number(values.first);
const runTimeoutMs = Number(values['run-timeout-ms']);
if (![runs, seed, first, runTimeoutMs].every(Number.isInteger) || runs < 1) {
  console.error('usage: npm run soak -- [--runs N] [--seed S] [--first K] [--pg] [--run-timeout-ms MS]');
  process.exit(2);
}
const pgUrl =
  process.env['SOAK_DATABASE_URL'] || (values.pg ? process.env['TEST_DATABASE_URL'] : undefined) || undefined;
if (values.pg && pgUrl === undefined) {
  console.error('soak: --pg needs SOAK_DATABASE_URL or TEST_DATABASE_URL');
  process.exit(2);
}

/** Run k's seed: the soak seed and k mixed (splitmix-style), so runs differ and each can be replayed. */
const runSeed = (k: number) => {
  let z = (seed + Math.imul(k + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
};

const started = Date.now();
const server = await startTestServer(pgUrl ? { postgresUrl: pgUrl } : {});
const proxy = await startFaultProxy({ target: server.url, seed, restart: () => server.restart() });
const totals = { acknowledged: 0, lost: 0, duplicated: 0, diverged: 0, timedOut: 0 };
let done = 0;
const events: RunEvents = emptyEvents();

try {
  for (let k = first; k < first + runs; k++) {
    const tag = `${seed.toString(36)}.${k}`;
    let outcome: Awaited<ReturnType<typeof soakRun>>;
    try {
      outcome = await withTimeout(
        soakRun(server, proxy, runSeed(k), tag, runTimeoutMs / 2),
        runTimeoutMs,
        `run ${k}`,
      );
    } catch (err) {
      // Its devices may still be open (RxDB allows few open collections): stop here rather than cascade.
      totals.timedOut++;
      done++;
      console.error(
        `soak: run ${k} did not finish (replay: npm run soak -- --seed ${seed} --first ${k} --runs 1): ${String(err)}`,
      );
      await withTimeout(proxy.heal(), 10_000, 'heal after a timed-out run').catch(() => undefined);
      break;
    }
    done++;
    totals.acknowledged += outcome.acknowledged;
    totals.lost += outcome.lost.length;
    totals.duplicated += outcome.duplicated.length;
    totals.diverged += outcome.diverged.length;
    for (const key of Object.keys(events) as (keyof RunEvents)[]) events[key] += outcome.events[key];
    if (outcome.lost.length + outcome.duplicated.length + outcome.diverged.length > 0) {
      console.error(`soak: run ${k} FAILED (replay: npm run soak -- --seed ${seed} --first ${k} --runs 1)`);
      console.error(`  plan: ${outcome.plan.join('; ')}`);
      for (const line of outcome.lost) console.error(`  lost: ${line}`);
      for (const line of outcome.duplicated) console.error(`  duplicated: ${line}`);
      for (const line of outcome.diverged.slice(0, 10)) console.error(`  diverged: ${line}`);
    }
  }
} finally {
  await proxy.close();
  await server.close().catch(() => undefined);
}

const seconds = Math.round((Date.now() - started) / 1000);
const store = pgUrl ? 'postgresql' : 'pglite';
console.log(
  `soak: runs ${done}, records acknowledged ${totals.acknowledged}, lost ${totals.lost}, duplicated ${totals.duplicated}, diverged ${totals.diverged} (seed ${seed}, ${store}, ${seconds} s)`,
);
console.log(
  `soak faults: ${FAULT_KINDS.filter((k) => k !== 'fake_reply')
    .map((k) => `${k} ${proxy.counts[k]}`)
    .join(', ')}; ` +
    `skewed clocks ${events.skewedClocks}, offline periods ${events.offlinePeriods}, app reopened ${events.appReopened}, ` +
    `edited on two devices ${events.concurrentEdits}, delete vs edit ${events.deletesVsEdits}, too-old app ${events.tooOldApp}; ` +
    `requests ${proxy.requests}, timed out ${totals.timedOut}`,
);
process.exit(totals.lost + totals.duplicated + totals.diverged + totals.timedOut > 0 ? 1 : 0);
