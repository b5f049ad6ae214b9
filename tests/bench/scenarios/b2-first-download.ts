// B2 (QUALITY.md): first download of N records onto a new phone, in Chromium with 4× CPU slowdown over
// loopback (no link throttle: the figure is the device's own throughput). The real built app, served by
// the real server, enrolled as a volunteer of every group; timed from the first pull request to every
// record being in the app's IndexedDB. Limits in the same run and browser: bare HTTP fetch of the same
// pull pages, and raw IndexedDB chunked writes of the same documents. Taps every 250 ms give INP.
import type { Browser, Page } from 'playwright-core';
import { invite, launchChromium, officerToken, startServer } from '../../helpers/e2e';
import { startBareServer } from '../lib/b2-bare-http';
import { GROUPS, PULL_PAGE, pullWard, pushRecords, WARD } from '../lib/b2-data';
import { computeInp, tapEvery } from '../lib/b2-input';
import { bareFetch, PAGE_SHIM, rawIdbWrite, waitForAppRecords } from '../lib/b2-page';
import { builtAppAvailable, chromiumAvailable, throttle } from '../lib/browser';
import {
  formatCount,
  formatMs,
  median,
  skipped,
  type BenchContext,
  type BenchLine,
  type Scenario,
} from '../lib/line';

const INP_LIMIT_MS = 200;
const TAP_EVERY_MS = 250;
const PIN = '246810';

const sizeName = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

/** The enrollment as a volunteer types it, up to the PIN (the download starts once it is saved). */
async function enrollUpToPin(page: Page, url: string, code: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: /nhập mã mời/ }).click();
  await page.getByLabel('Mã mời', { exact: true }).fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Kích hoạt' }).click();
  await page.getByLabel('Mã PIN mới (6 chữ số)').fill(PIN);
  await page.getByLabel('Nhập lại mã PIN').fill(PIN);
}

interface Measured {
  records: number;
  appMs: number;
  inp: ReturnType<typeof computeInp>;
  taps: number;
  bare: { ms: number; bytes: number; requests: number };
  rawMs: number;
}

async function measure(ctx: BenchContext, browser: Browser, url: string, token: string): Promise<Measured> {
  const ward = await pullWard(url, token);
  const records = ward.reduce((n, c) => n + c.documents, 0);
  const tombstones = ward.reduce((n, c) => n + c.tombstones, 0);
  ctx.log(
    `B2 ward holds ${records} records (${ward.map((c) => `${c.collection} ${c.documents}`).join(', ')}` +
      `${tombstones ? `, ${tombstones} tombstones` : ''})`,
  );
  const bare = await startBareServer(ward);
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  try {
    await context.addInitScript({ content: PAGE_SHIM });
    const code = await invite(url, token, WARD, {
      fullName: 'Bench B2',
      role: 'volunteer',
      groupIds: GROUPS,
    });
    const page = await context.newPage();
    await enrollUpToPin(page, url, code);
    const cdp = await throttle(context, page, { cpu: true, network: false });
    const savedAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Lưu mã PIN' }).click();
    const done = page.evaluate(waitForAppRecords, { expected: records, timeoutMs: 600_000 });
    // Tap the roster's heading (no handler: what is measured is the main thread's availability).
    const heading = page.getByRole('heading', { name: 'Người dân', level: 2 });
    const box = await Promise.race([heading.boundingBox({ timeout: 120_000 }), done.then(() => null)]);
    const tapper = box ? tapEvery(cdp, box.x + box.width / 2, box.y + box.height / 2, TAP_EVERY_MS) : null;
    const result = await done.finally(() => tapper?.stop());
    const taps = (await tapper?.stop()) ?? 0;
    const appMs = result.doneAt - result.firstPullAt;
    ctx.log(
      `B2 app: ${result.stored} records stored in ${formatMs(appMs)} from the first pull ` +
        `(${formatMs(result.firstPullAt - savedAt)} from the PIN being saved to the first pull); ${taps} taps`,
    );
    await page.close();

    const base = await context.newPage();
    await base.goto(bare.url);
    await throttle(context, base, { cpu: true, network: false });
    const runs = ctx.quick ? 2 : 3;
    const fetches = [];
    const writes = [];
    for (let run = 0; run < runs; run++) {
      fetches.push(await base.evaluate(bareFetch, bare.paths));
      writes.push(await base.evaluate(rawIdbWrite, { run, chunk: PULL_PAGE }));
    }
    const bareMs = median(fetches.map((f) => f.ms));
    const rawMs = median(writes.map((w) => w.ms));
    const fetched = fetches[0]!;
    ctx.log(
      `B2 baselines (median of ${runs}): bare HTTP ${fetched.requests} pages, ${(fetched.bytes / 1e6).toFixed(1)} MB ` +
        `in ${formatMs(bareMs)}; raw IndexedDB ${writes[0]!.docs} docs in chunks of ${PULL_PAGE} in ${formatMs(rawMs)}`,
    );
    return {
      records,
      appMs,
      inp: computeInp(result.events, taps),
      taps,
      bare: { ...fetched, ms: bareMs },
      rawMs,
    };
  } finally {
    await context.close();
    await bare.stop();
  }
}

function lines(size: number, m: Measured): BenchLine[] {
  const perS = (ms: number) => m.records / (ms / 1000);
  const app = perS(m.appMs);
  const raw = perS(m.rawMs);
  const http = perS(m.bare.ms);
  const slower = Math.min(raw, http);
  const slowerName = raw <= http ? 'raw IndexedDB' : 'bare HTTP';
  const name = sizeName(size);
  return [
    {
      key: `B2.download-${name}`,
      id: 'B2',
      label: `first download ${name} records`,
      figure: `${formatCount(app)} rec/s`,
      ratio: app / slower,
      baseline: `slower limit (${slowerName})`,
      target: '≥ 0.5×',
      ok: app / slower >= 0.5,
      better: 'higher',
      note:
        `${m.records} records in ${formatMs(m.appMs)}; raw IndexedDB ${formatCount(raw)} rec/s, ` +
        `bare HTTP ${formatCount(http)} rec/s; 4× CPU, loopback`,
    },
    {
      key: `B2.inp-${name}`,
      id: 'B2',
      label: `responsiveness during download (${name})`,
      figure: `INP ${m.inp.reported === 0 ? '< 16 ms' : formatMs(m.inp.inp)}`,
      ratio: m.inp.inp / INP_LIMIT_MS,
      baseline: `limit ${INP_LIMIT_MS} ms`,
      target: `≤ ${INP_LIMIT_MS} ms`,
      ok: m.taps > 0 && m.inp.inp <= INP_LIMIT_MS,
      better: 'lower',
      note: `${m.taps} taps every ${TAP_EVERY_MS} ms, ${m.inp.reported} over 16 ms, max ${formatMs(m.inp.max)}`,
      noRegressionCheck: true,
    },
  ];
}

async function run(ctx: BenchContext): Promise<BenchLine[]> {
  const sizes = ctx.quick ? [2000] : [10_000, 50_000];
  const why = !chromiumAvailable() ? 'no Chromium' : !builtAppAvailable() ? 'no built app (dist/)' : null;
  if (why)
    return sizes.flatMap((n) => [
      skipped(`B2.download-${sizeName(n)}`, 'B2', `first download ${sizeName(n)} records`, why),
      skipped(`B2.inp-${sizeName(n)}`, 'B2', `responsiveness during download (${sizeName(n)})`, why),
    ]);
  const server = await startServer();
  let browser: Browser | undefined;
  try {
    const token = await officerToken(server.url);
    browser = await launchChromium();
    const out: BenchLine[] = [];
    let pushed = 0;
    for (const size of sizes) {
      await pushRecords(server.url, token, size - pushed);
      pushed = size;
      out.push(...lines(size, await measure(ctx, browser, server.url, token)));
    }
    return out;
  } finally {
    await browser?.close();
    await server.stop();
  }
}

export const scenario: Scenario = { id: 'B2', title: 'first download onto a new phone', browser: true, run };
