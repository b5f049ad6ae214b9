// The committed baseline of the quick bench's ratios (tests/bench/baseline-quick.json) and the CI check
// against it: a ratio more than 20 % worse than committed is a regression (issue 8's budget).
import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchLine } from './line';

export const BASELINE_FILE = 'tests/bench/baseline-quick.json';
export const ALLOWED_REGRESSION = 0.2;

export interface Baseline {
  date: string;
  ratios: Record<string, number>;
}

export interface Regression {
  line: BenchLine;
  baseline: number;
}

export function readBaseline(file = BASELINE_FILE): Baseline {
  return JSON.parse(readFileSync(file, 'utf8')) as Baseline;
}

export function writeBaseline(lines: readonly BenchLine[], file = BASELINE_FILE): void {
  const ratios: Record<string, number> = {};
  for (const line of lines) {
    if (!line.noRegressionCheck && Number.isFinite(line.ratio)) ratios[line.key] = round(line.ratio);
  }
  const baseline: Baseline = { date: new Date().toISOString().slice(0, 10), ratios };
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** Lines whose ratio is more than 20 % worse than the committed one (lines absent from either are skipped). */
export function compareWithBaseline(lines: readonly BenchLine[], baseline: Baseline): Regression[] {
  const out: Regression[] = [];
  for (const line of lines) {
    const committed = baseline.ratios[line.key];
    if (committed === undefined || line.noRegressionCheck || !Number.isFinite(line.ratio)) continue;
    const worse =
      line.better === 'higher'
        ? line.ratio < committed * (1 - ALLOWED_REGRESSION)
        : line.ratio > committed * (1 + ALLOWED_REGRESSION);
    if (worse) out.push({ line, baseline: committed });
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
