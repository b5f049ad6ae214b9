// B1 and B10's Node side: builds the bench harness page (tests/bench/browser) once per process, serves
// it from 127.0.0.1, opens it in Chromium and hands back `window.bench`; also sizes folders on disk.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { extname, join, normalize, relative, sep } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import type { BenchWindow, DeviceBench } from '../browser/harness';
import { HARNESS_OUT_DIR } from '../browser/vite.config';

const CONFIG_FILE = fileURLToPath(new URL('../browser/vite.config.ts', import.meta.url));
let built: Promise<string> | null = null;

/** Builds the harness into node_modules/.cache/bench-harness (once per process; ~3 s). */
export function buildHarness(): Promise<string> {
  built ??= build({ configFile: CONFIG_FILE, logLevel: 'warn' }).then(() => HARNESS_OUT_DIR);
  return built;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export interface HarnessServer {
  /** The harness page's address. */
  url: string;
  close(): Promise<void>;
}

/** A static server for the built harness on a free loopback port (a secure context: storage estimates). */
export async function serveHarness(dir: string): Promise<HarnessServer> {
  const server = createServer((req, res) => {
    // An absolute path normalised cannot climb above `dir`.
    const file = join(dir, normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    stat(file).then(
      (s) => {
        if (!s.isFile()) throw new Error('not a file');
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        createReadStream(file).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/harness.html`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The flags tests/helpers/e2e.ts launchChromium uses, for a persistent (on-disk) profile. */
export async function launchPersistentChromium(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Loads the harness in the page and waits for `window.bench`. */
export async function openHarness(page: Page, url: string): Promise<void> {
  page.on('pageerror', (err) => console.error(`harness page error: ${err.message}`));
  await page.goto(url);
  await page.waitForFunction(() => typeof (window as BenchWindow).bench === 'object');
}

/** Calls one `window.bench` method in the page with a JSON-serialisable argument. */
export async function callBench<K extends keyof DeviceBench>(
  page: Page,
  method: K,
  ...args: Parameters<DeviceBench[K]>
): Promise<Awaited<ReturnType<DeviceBench[K]>>> {
  return page.evaluate(
    ([name, arg]) => ((window as BenchWindow).bench![name] as (a?: unknown) => Promise<unknown>)(arg),
    [method, args[0]] as const,
  ) as Promise<Awaited<ReturnType<DeviceBench[K]>>>;
}

/**
 * Bytes on disk of one origin's IndexedDB in a Chromium profile: its LevelDB folder and its folder of
 * large values (`Default/IndexedDB/http_127.0.0.1_<port>.indexeddb.{leveldb,blob}`), apparent sizes.
 */
export async function originIndexedDbBytes(userDataDir: string, pageUrl: string): Promise<number> {
  const { protocol, hostname, port } = new URL(pageUrl);
  const prefix = `${protocol.replace(':', '')}_${hostname}_${port}.indexeddb.`;
  const root = join(userDataDir, 'Default', 'IndexedDB');
  let total = 0;
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    const inOrigin = relative(root, entry.parentPath).split(sep)[0]?.startsWith(prefix) ?? false;
    if (entry.isFile() && inOrigin) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
