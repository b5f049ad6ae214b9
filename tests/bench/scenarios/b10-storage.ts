// B10 (QUALITY.md): on-device storage for 10k residents + 50k completions (quick: 2k + 10k). A fresh
// Chromium profile on disk; the records arrive through the app's own first sync (startSync: RxDB on
// Dexie, its replication metadata, receipts) and are sized as the IndexedDB folder of the origin once
// Chromium has settled it (browser closed, reopened, databases opened). Baseline: the records' JSON bytes.
// For the breakdown, the same records also go, on two other origins of the same profile, into the app's
// collections alone (bulkInsert) and into plain object stores.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { B10Result } from '../browser/harness';
import { chromiumAvailable } from '../lib/browser';
import {
  buildHarness,
  callBench,
  launchPersistentChromium,
  openHarness,
  originIndexedDbBytes,
  serveHarness,
  type HarnessServer,
} from '../lib/device-harness';
import { formatBytes, formatRatio, skipped, type BenchLine, type Scenario } from '../lib/line';

const RATIO_MAX = 3;
const COMPLETIONS_PER_RESIDENT = 5;

type Fill = 'b10Sync' | 'b10Collections' | 'b10Raw';
const FILLS: { fill: Fill; what: string }[] = [
  { fill: 'b10Sync', what: 'app, first sync' },
  { fill: 'b10Collections', what: 'app collections alone' },
  { fill: 'b10Raw', what: 'plain IndexedDB' },
];

interface Measured {
  result: B10Result;
  /** navigator.storage.estimate() usage right after the writes, the app still open. */
  peak: number;
  /** Bytes of the origin's IndexedDB folder once settled. */
  disk: number;
}

async function withPage<T>(
  context: BrowserContext,
  url: string,
  use: (page: Page) => Promise<T>,
): Promise<T> {
  const page = await context.newPage();
  try {
    await openHarness(page, url);
    return await use(page);
  } finally {
    await page.close();
  }
}

export const scenario: Scenario = {
  id: 'B10',
  title: 'on-device storage after the first sync (Chromium profile on disk)',
  browser: true,
  async run(ctx) {
    const residents = ctx.quick ? 2_000 : 10_000;
    const label = `storage ${residents / 1000}k residents + ${(residents * COMPLETIONS_PER_RESIDENT) / 1000}k completions`;
    if (!chromiumAvailable())
      return [skipped('B10.storage', 'B10', label, 'no Chromium (/usr/bin/chromium)')];
    const options = { residents, completionsPerResident: COMPLETIONS_PER_RESIDENT };
    const dist = await buildHarness();
    const servers: HarnessServer[] = [];
    const profile = await mkdtemp(join(tmpdir(), 'bdhvs-b10-'));
    try {
      // One origin (port) per fill, so each has its own IndexedDB folder in the one profile.
      for (let i = 0; i < FILLS.length; i++) servers.push(await serveHarness(dist));
      const measured = new Map<Fill, Measured>();
      let context = await launchPersistentChromium(profile);
      try {
        for (const [i, { fill, what }] of FILLS.entries()) {
          await withPage(context, servers[i]!.url, async (page) => {
            const result = await callBench(page, fill, options);
            if (result.stored !== result.records) {
              throw new Error(`${what}: ${result.stored} of ${result.records} records stored`);
            }
            const peak = (await callBench(page, 'storage')).usage;
            measured.set(fill, { result, peak, disk: 0 });
            ctx.log(
              `B10 ${what}: ${result.records} records in ${(result.ms / 1000).toFixed(1)} s; ` +
                `estimate right after ${formatBytes(peak)}`,
            );
          });
        }
      } finally {
        await context.close();
      }
      // Reopened, LevelDB deletes the files its last compactions left behind: the size the phone keeps.
      context = await launchPersistentChromium(profile);
      try {
        for (const server of servers) await withPage(context, server.url, (page) => callBench(page, 'touch'));
      } finally {
        await context.close();
      }
      for (const [i, { fill }] of FILLS.entries()) {
        measured.get(fill)!.disk = await originIndexedDbBytes(profile, servers[i]!.url);
      }
      const app = measured.get('b10Sync')!;
      const json = app.result.jsonBytes;
      const ratioOf = (fill: Fill) => formatRatio(measured.get(fill)!.disk / json);
      const ratio = app.disk / json;
      return [
        {
          key: 'B10.storage',
          id: 'B10',
          label,
          figure: formatBytes(app.disk),
          ratio,
          baseline: 'raw JSON',
          target: `≤ ${RATIO_MAX}×`,
          ok: ratio <= RATIO_MAX,
          better: 'lower',
          note:
            `IndexedDB folder after the first sync, settled; JSON ${formatBytes(json)}; ` +
            `right after the sync ${formatRatio(app.peak / json)}×; ` +
            `app collections alone ${ratioOf('b10Collections')}×, plain IndexedDB ${ratioOf('b10Raw')}×`,
        } satisfies BenchLine,
      ];
    } finally {
      for (const server of servers) await server.close();
      await rm(profile, { recursive: true, force: true });
    }
  },
};
