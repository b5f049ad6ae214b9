// The bench suite's one result shape and its one printed line (QUALITY.md): figure, ratio to a baseline
// measured in the same run, target, ok / short. Also the small statistics every scenario needs.

/** One printed line of `npm run bench`. */
export interface BenchLine {
  /** Stable key for the committed quick-bench baseline, e.g. `B4.copy`. Unique across the suite. */
  key: string;
  /** Scenario id as QUALITY.md numbers it: `B1` … `B10`. */
  id: string;
  /** What was measured, a few words: `push`, `save one completion`. */
  label: string;
  /** The measured figure with its unit, already formatted: `41.2k rows/s`, `12.3 ms p95`. */
  figure: string;
  /** figure ÷ baseline (or baseline ÷ figure), as the target states it. */
  ratio: number;
  /** The baseline's name as printed after `×`: `COPY`, `raw IndexedDB`. */
  baseline: string;
  /** The target as printed: `≥ 0.25×`, `≤ 2× raw; p95 ≤ 50 ms`. */
  target: string;
  ok: boolean;
  /** Which way the ratio gets better (for the >20 % regression check against the committed baseline). */
  better: 'higher' | 'lower';
  /** Extra facts shown on the line after the verdict, in parentheses (e.g. `baseline 1.2 ms`). */
  note?: string;
  /**
   * Noisy absolute figures (ms on a shared machine) or lines with no meaningful ratio can opt out of the
   * regression check; they are still printed and judged against their target.
   */
  noRegressionCheck?: boolean;
}

export interface BenchContext {
  /** `--quick`: the CI-sized run (the whole suite under 3 minutes). */
  quick: boolean;
  /** Real PostgreSQL (TEST_DATABASE_URL or DATABASE_URL), when set. B4 and B7 need it for their targets. */
  pgUrl: string | undefined;
  /** Progress and detail lines (printed as they happen, before the summary). */
  log(message: string): void;
}

export interface Scenario {
  id: string;
  title: string;
  /** Browser scenarios need the built app (`dist/`) and /usr/bin/chromium. */
  browser?: boolean;
  run(ctx: BenchContext): Promise<BenchLine[]>;
}

/** `B4 push: 41.2k rows/s = 0.31× COPY (target ≥ 0.25×) ok` */
export function formatLine(line: BenchLine): string {
  const note = line.note ? ` (${line.note})` : '';
  return (
    `${line.id} ${line.label}: ${line.figure} = ${formatRatio(line.ratio)}× ${line.baseline} ` +
    `(target ${line.target}) ${line.ok ? 'ok' : 'short'}${note}`
  );
}

export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return String(ratio);
  if (ratio >= 100) return ratio.toFixed(0);
  if (ratio >= 10) return ratio.toFixed(1);
  return ratio.toFixed(2);
}

/** 41234 → `41.2k`; 1234567 → `1.23M`; 12.345 → `12.3`. */
export function formatCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  if (n >= 100) return n.toFixed(0);
  return n.toFixed(1);
}

export function formatMs(ms: number): string {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/** Nearest-rank quantile of a sample (q in 0..1). */
export function quantile(sample: readonly number[], q: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (sample: readonly number[]) => quantile(sample, 0.5);

/** Runs `fn` once to warm up, then `runs` times; returns each run's wall time in ms. */
export async function timeRuns(runs: number, fn: (run: number) => Promise<unknown>): Promise<number[]> {
  await fn(-1);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return times;
}

/** A line for a scenario that could not run here (no PostgreSQL, no Chromium): printed, never `ok`. */
export function skipped(key: string, id: string, label: string, why: string): BenchLine {
  return {
    key,
    id,
    label,
    figure: 'not measured',
    ratio: Number.NaN,
    baseline: '—',
    target: '—',
    ok: false,
    better: 'higher',
    note: why,
    noRegressionCheck: true,
  };
}
