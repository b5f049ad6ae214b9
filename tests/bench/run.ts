// `npm run bench`: runs B1–B8 and B10 (QUALITY.md; B9 is the sync soak, `npm run test:soak`) one after
// another and ends with one line per measured target: figure, ratio to a baseline measured in the same
// run, target, ok / short. Options:
//   --quick            the CI-sized run (under 3 minutes)
//   --only B1,B4       some scenarios only
//   --check            compare the ratios with the committed quick baseline (tests/bench/baseline-quick.json):
//                      a ratio more than 20 % worse, confirmed by a second run of its scenario, fails (exit 1)
//   --write-baseline   write this run's ratios as the committed quick baseline
// A scenario that throws fails the run (exit 1); a `short` line does not (docs/BENCHMARKS.md explains it).
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, totalmem } from 'node:os';
import { builtAppAvailable, chromiumAvailable } from './lib/browser';
import { formatLine, skipped, type BenchContext, type BenchLine, type Scenario } from './lib/line';
import { compareWithBaseline, readBaseline, writeBaseline, type Regression } from './lib/regression';

const SCENARIOS: Record<string, () => Promise<{ scenario: Scenario }>> = {
  B1: () => import('./scenarios/b1-device-writes'),
  B2: () => import('./scenarios/b2-first-download'),
  B3: () => import('./scenarios/b3-upload'),
  B4: () => import('./scenarios/b4-push'),
  B5: () => import('./scenarios/b5-small-request'),
  B6: () => import('./scenarios/b6-peer'),
  B7: () => import('./scenarios/b7-coverage'),
  B8: () => import('./scenarios/b8-load'),
  B10: () => import('./scenarios/b10-storage'),
};

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

async function runScenario(id: string, ctx: BenchContext): Promise<{ lines: BenchLine[]; failed: boolean }> {
  const started = performance.now();
  try {
    const { scenario } = await SCENARIOS[id]!();
    if (scenario.browser && !(chromiumAvailable() && builtAppAvailable())) {
      return {
        lines: [
          skipped(`${id}.skipped`, id, scenario.title, 'needs /usr/bin/chromium and a built app (dist/)'),
        ],
        failed: false,
      };
    }
    ctx.log(`— ${id} ${scenario.title}${ctx.quick ? ' (quick)' : ''}`);
    const lines = await scenario.run(ctx);
    ctx.log(`  ${id} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const line of lines) ctx.log(`  ${formatLine(line)}`);
    return { lines, failed: false };
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    ctx.log(`  ${id} FAILED: ${message}`);
    return { lines: [skipped(`${id}.failed`, id, 'failed', message.split('\n')[0]!)], failed: true };
  }
}

async function main(): Promise<void> {
  const quick = flag('quick');
  const only = option('only')
    ?.split(',')
    .map((s) => s.trim().toUpperCase());
  const ids = Object.keys(SCENARIOS).filter((id) => !only || only.includes(id));
  const ctx: BenchContext = {
    quick,
    pgUrl: process.env['TEST_DATABASE_URL'] || process.env['DATABASE_URL'] || undefined,
    log: (message) => console.log(message),
  };
  const t0 = performance.now();
  console.log(
    `bench ${quick ? '--quick' : '(full)'}: ${ids.join(' ')} on ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ` +
      `${Math.round(totalmem() / 2 ** 30)} GB, ${arch()}, Node ${process.version}, ` +
      `${ctx.pgUrl ? 'PostgreSQL' : 'no PostgreSQL (PGlite only)'}`,
  );
  const results = new Map<string, BenchLine[]>();
  let failed = false;
  for (const id of ids) {
    const outcome = await runScenario(id, ctx);
    results.set(id, outcome.lines);
    failed ||= outcome.failed;
  }

  let regressions: Regression[] = [];
  if (flag('check')) {
    const baseline = readBaseline();
    regressions = compareWithBaseline([...results.values()].flat(), baseline);
    // A shared machine is noisy: a regression counts only if a second run of its scenario confirms it.
    for (const id of new Set(regressions.map((r) => r.line.id))) {
      ctx.log(`— ${id}: a ratio is more than 20 % worse than the committed baseline; running it again`);
      const again = await runScenario(id, ctx);
      const best = bestOf(results.get(id)!, again.lines);
      results.set(id, best);
    }
    regressions = compareWithBaseline([...results.values()].flat(), baseline);
  }

  const all = [...results.values()].flat();
  const seconds = (performance.now() - t0) / 1000;
  mkdirSync('bench-results', { recursive: true });
  const file = `bench-results/${quick ? 'quick' : 'full'}-latest.json`;
  writeFileSync(
    file,
    JSON.stringify({ date: new Date().toISOString(), quick, seconds, lines: all }, null, 2),
  );
  if (flag('write-baseline')) writeBaseline(all);

  console.log(`\nbench ${quick ? '--quick' : '(full)'} finished in ${seconds.toFixed(0)} s (${file}):`);
  for (const line of all) console.log(formatLine(line));
  for (const r of regressions) {
    console.log(
      `REGRESSION ${r.line.key}: ratio ${r.line.ratio.toFixed(3)} vs committed ${r.baseline.toFixed(3)} ` +
        `(${r.line.better} is better; allowed 20 %)`,
    );
  }
  if (failed || regressions.length > 0) process.exitCode = 1;
}

/** Per line, the better of two runs of the same scenario (the noise, not the code, made the worse one). */
function bestOf(first: BenchLine[], second: BenchLine[]): BenchLine[] {
  return first.map((line) => {
    const other = second.find((l) => l.key === line.key);
    if (!other || !Number.isFinite(other.ratio)) return line;
    const otherBetter = line.better === 'higher' ? other.ratio > line.ratio : other.ratio < line.ratio;
    return otherBetter ? other : line;
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
