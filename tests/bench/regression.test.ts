// The bench's CI budgets judge correctly: the >20 % regression check in both directions, and the
// first-screen JavaScript read from index.html (module script + modulepreloads, nothing lazy).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstScreenJs } from './lib/first-screen';
import type { BenchLine } from './lib/line';
import { formatLine } from './lib/line';
import { compareWithBaseline } from './lib/regression';

const line = (key: string, ratio: number, better: 'higher' | 'lower', extra: Partial<BenchLine> = {}) =>
  ({
    key,
    id: key.split('.')[0]!,
    label: key,
    figure: '1 ms',
    ratio,
    baseline: 'raw',
    target: '≥ 0.5×',
    ok: true,
    better,
    ...extra,
  }) satisfies BenchLine;

describe('the quick bench regression check', () => {
  const baseline = { date: '2026-12-07', ratios: { 'B4.copy': 0.5, 'B1.one': 1.5 } };

  it('flags a higher-is-better ratio more than 20 % lower, and only that', () => {
    expect(compareWithBaseline([line('B4.copy', 0.41, 'higher')], baseline)).toEqual([]);
    const found = compareWithBaseline([line('B4.copy', 0.39, 'higher')], baseline);
    expect(found.map((r) => [r.line.key, r.baseline])).toEqual([['B4.copy', 0.5]]);
  });

  it('flags a lower-is-better ratio more than 20 % higher', () => {
    expect(compareWithBaseline([line('B1.one', 1.79, 'lower')], baseline)).toEqual([]);
    expect(compareWithBaseline([line('B1.one', 1.81, 'lower')], baseline)).toHaveLength(1);
  });

  it('skips lines that opt out, lines not in the baseline and lines not measured', () => {
    const lines = [
      line('B1.one', 9, 'lower', { noRegressionCheck: true }),
      line('B9.new', 0.01, 'higher'),
      line('B4.copy', Number.NaN, 'higher'),
    ];
    expect(compareWithBaseline(lines, baseline)).toEqual([]);
  });

  it('prints the QUALITY.md line shape', () => {
    const l = line('B4.copy', 0.312, 'higher', {
      label: 'push',
      figure: '41.2k rows/s',
      baseline: 'COPY',
      target: '≥ 0.25×',
    });
    expect(formatLine(l)).toBe('B4 push: 41.2k rows/s = 0.31× COPY (target ≥ 0.25×) ok');
  });
});

describe('first-screen JavaScript', () => {
  it('counts the module script and modulepreloads, not lazy chunks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'first-screen-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'index.js'), 'console.log("index");'.repeat(50));
    writeFileSync(join(dir, 'assets', 'shared.js'), 'export const x = 1;');
    writeFileSync(join(dir, 'assets', 'lazy.js'), 'x'.repeat(100_000));
    writeFileSync(
      join(dir, 'index.html'),
      `<script type="module" crossorigin src="/assets/index.js"></script>
       <link rel="modulepreload" crossorigin href="/assets/shared.js">
       <link rel="stylesheet" href="/assets/index.css">`,
    );
    const js = firstScreenJs(dir);
    expect(js.files.map((f) => f.path)).toEqual(['assets/index.js', 'assets/shared.js']);
    expect(js.bytes).toBe(21 * 50 + 19);
    expect(js.gzipBytes).toBeLessThan(js.bytes);
  });
});
