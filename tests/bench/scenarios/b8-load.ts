// B8 (QUALITY.md): cold load and offline repeat load of the real built app from the real server, in
// Chromium with Lighthouse's mobile throttling (4× CPU, 1.6 Mbps, 150 ms RTT as 562.5 ms request
// latency). Figures: the first screen's JavaScript (gzip) against its budget; a new visitor's cold load
// (LCP) against the link's own limit for the bytes received before it (bytes ÷ rate + two request
// latencies: the page, then its scripts in parallel); the same visitor reloading offline from the
// service worker; and (full run) an enrolled phone reopening the app after a browser restart.
import type { Browser } from 'playwright-core';
import { launchChromium, officerToken, startServer } from '../../helpers/e2e';
import { enrolledReopen } from '../lib/b8-enrolled';
import { B8_INIT_SCRIPT, FIRST_SCREENS, readLoad, type LoadFigures } from '../lib/b8-page';
import {
  builtAppAvailable,
  chromiumAvailable,
  DOWNLOAD_BYTES_PER_S,
  LIGHTHOUSE_MOBILE,
  throttle,
} from '../lib/browser';
import { FIRST_SCREEN_BUDGET_BYTES, firstScreenJs } from '../lib/first-screen';
import {
  formatBytes,
  formatMs,
  skipped,
  type BenchContext,
  type BenchLine,
  type Scenario,
} from '../lib/line';

const LCP_TARGET_MS = 2500;
const REPEAT_TARGET_MS = 1000;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function firstScreenLine(): BenchLine {
  const js = firstScreenJs();
  return {
    key: 'B8.first-screen-js',
    id: 'B8',
    label: 'first-screen JS',
    figure: `${formatBytes(js.gzipBytes)} gzip`,
    ratio: js.gzipBytes / FIRST_SCREEN_BUDGET_BYTES,
    baseline: `budget ${formatBytes(FIRST_SCREEN_BUDGET_BYTES)}`,
    target: `≤ ${formatBytes(FIRST_SCREEN_BUDGET_BYTES)}`,
    ok: js.gzipBytes <= FIRST_SCREEN_BUDGET_BYTES,
    better: 'lower',
    note: js.files.map((f) => `${f.path} ${formatBytes(f.gzipBytes)}`).join(', '),
  };
}

function coldLine(cold: LoadFigures): BenchLine {
  const linkMs = (cold.bytesBeforeLcp / DOWNLOAD_BYTES_PER_S) * 1000 + 2 * LIGHTHOUSE_MOBILE.requestLatencyMs;
  return {
    key: 'B8.cold-lcp',
    id: 'B8',
    label: 'cold load LCP',
    figure: seconds(cold.lcpMs),
    ratio: cold.lcpMs / linkMs,
    baseline: 'bytes ÷ link',
    target: `LCP ≤ ${seconds(LCP_TARGET_MS)}`,
    ok: cold.lcpMs <= LCP_TARGET_MS,
    better: 'lower',
    note:
      `${formatBytes(cold.bytesBeforeLcp)} in ${cold.requestsBeforeLcp} responses before LCP ÷ ` +
      `${formatBytes(DOWNLOAD_BYTES_PER_S)}/s + 2 × ${formatMs(LIGHTHOUSE_MOBILE.requestLatencyMs)} = ${seconds(linkMs)}`,
  };
}

function repeatLine(key: string, label: string, load: LoadFigures, cold: LoadFigures | null): BenchLine {
  return {
    key,
    id: 'B8',
    label,
    figure: seconds(load.screenMs),
    ratio: load.screenMs / REPEAT_TARGET_MS,
    baseline: `limit ${seconds(REPEAT_TARGET_MS)}`,
    target: `≤ ${seconds(REPEAT_TARGET_MS)}`,
    ok: load.screenMs <= REPEAT_TARGET_MS,
    better: 'lower',
    note:
      `first screen painted; LCP ${seconds(load.lcpMs)}, ${formatBytes(load.bytesTotal)} from the network` +
      (cold ? `; cold load ${seconds(cold.screenMs)}` : ''),
    noRegressionCheck: true,
  };
}

/** A new visitor: cold load on the throttled link, then (service worker in control) a reload offline. */
async function visitor(ctx: BenchContext, browser: Browser, url: string): Promise<LoadFigures[]> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  try {
    await context.addInitScript({ content: B8_INIT_SCRIPT });
    const page = await context.newPage();
    const cdp = await throttle(context, page);
    await page.goto(url);
    const cold = await readLoad(page, FIRST_SCREENS.visitor);
    ctx.log(
      `B8 cold: LCP ${formatMs(cold.lcpMs)} (${cold.lcpElement}), first screen ${formatMs(cold.screenMs)}, ` +
        `${formatBytes(cold.bytesBeforeLcp)} before LCP, ${formatBytes(cold.bytesTotal)} by then in all`,
    );
    // The precache downloads at loopback speed (not part of any figure), then the link goes away.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 60_000,
    });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: true,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await context.setOffline(true);
    await page.reload();
    const offline = await readLoad(page, FIRST_SCREENS.visitor);
    ctx.log(`B8 offline reload: first screen ${formatMs(offline.screenMs)}, LCP ${formatMs(offline.lcpMs)}`);
    return [cold, offline];
  } finally {
    await context.close();
  }
}

async function run(ctx: BenchContext): Promise<BenchLine[]> {
  const lines = [
    ['B8.cold-lcp', 'cold load LCP'],
    ['B8.offline-repeat', 'offline repeat load'],
    ...(ctx.quick ? [] : [['B8.enrolled-reopen', 'enrolled phone reopen (PIN lock)']]),
  ] as const;
  if (!builtAppAvailable())
    return [
      skipped('B8.first-screen-js', 'B8', 'first-screen JS', 'no built app (dist/)'),
      ...lines.map(([key, label]) => skipped(key, 'B8', label, 'no built app (dist/)')),
    ];
  const out = [firstScreenLine()];
  if (!chromiumAvailable())
    return [...out, ...lines.map(([key, label]) => skipped(key, 'B8', label, 'no Chromium'))];
  const server = await startServer();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const [cold, offline] = await visitor(ctx, browser, server.url);
    out.push(coldLine(cold!), repeatLine('B8.offline-repeat', 'offline repeat load', offline!, cold!));
    if (!ctx.quick) {
      const reopen = await enrolledReopen(server.url, await officerToken(server.url));
      ctx.log(
        `B8 enrolled reopen: PIN lock painted ${formatMs(reopen.screenMs)}, LCP ${formatMs(reopen.lcpMs)}`,
      );
      out.push(repeatLine('B8.enrolled-reopen', 'enrolled phone reopen (PIN lock)', reopen, null));
    }
    return out;
  } finally {
    await browser?.close();
    await server.stop();
  }
}

export const scenario: Scenario = {
  id: 'B8',
  title: 'cold load and offline repeat load',
  browser: true,
  run,
};
