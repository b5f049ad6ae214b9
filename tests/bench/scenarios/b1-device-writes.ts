// B1 (QUALITY.md): saving one completion and one 30-attendee session through the app's repositories
// (RxDB on Dexie, opened as the app opens it) in Chromium with 4× CPU slowdown, against plain IndexedDB
// puts of the same records in the same page, interleaved run by run. Target: ≤ 2× raw; p95 ≤ 50 ms.
import { launchChromium } from '../../helpers/e2e';
import { chromiumAvailable, throttle } from '../lib/browser';
import { buildHarness, callBench, openHarness, serveHarness } from '../lib/device-harness';
import { formatMs, median, quantile, skipped, type BenchLine, type Scenario } from '../lib/line';

const RATIO_MAX = 2;
const P95_MAX_MS = 50;
const ATTENDEES = 30;

function line(key: string, label: string, app: number[], raw: number[]): BenchLine {
  const p95 = quantile(app, 0.95);
  const ratio = median(app) / median(raw);
  return {
    key,
    id: 'B1',
    label,
    figure: `p95 ${formatMs(p95)}`,
    ratio,
    baseline: 'raw IndexedDB',
    target: `≤ ${RATIO_MAX}× raw; p95 ≤ ${P95_MAX_MS} ms`,
    ok: ratio <= RATIO_MAX && p95 <= P95_MAX_MS,
    better: 'lower',
    note:
      `ratio of p50s: app ${formatMs(median(app))} ÷ raw ${formatMs(median(raw))}; ` +
      `raw p95 ${formatMs(quantile(raw, 0.95))}; ${app.length} saves, 4× CPU`,
  };
}

export const scenario: Scenario = {
  id: 'B1',
  title: 'on-device writes: one completion, one 30-attendee session (Chromium, 4× CPU)',
  browser: true,
  async run(ctx) {
    if (!chromiumAvailable()) {
      const why = 'no Chromium (/usr/bin/chromium)';
      return [
        skipped('B1.completion', 'B1', 'save one completion', why),
        skipped('B1.session', 'B1', `save ${ATTENDEES}-attendee session`, why),
      ];
    }
    const options = ctx.quick
      ? { residents: 500, warmup: 5, runs: 30, attendees: ATTENDEES }
      : { residents: 10_000, warmup: 20, runs: 200, attendees: ATTENDEES };
    const server = await serveHarness(await buildHarness());
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await openHarness(page, server.url);
      await throttle(context, page, { cpu: true, network: false });
      ctx.log(
        `B1: ${options.residents} residents on the device, ${options.warmup} + ${options.runs} saves each`,
      );
      const times = await callBench(page, 'b1', options);
      return [
        line('B1.completion', 'save one completion', times.completion.app, times.completion.raw),
        line('B1.session', `save ${ATTENDEES}-attendee session`, times.session.app, times.session.raw),
      ];
    } finally {
      await browser.close();
      await server.close();
    }
  },
};
