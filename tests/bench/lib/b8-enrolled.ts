// B8's enrolled phone reopening the app: a persistent Chromium profile is enrolled, the browser is
// closed, and a new browser process opens the same profile (service worker cache and IndexedDB on disk,
// nothing in memory) on the throttled link; the first screen is the PIN lock.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { invite } from '../../helpers/e2e';
import { enrollOnPhone } from '../../e2e/phone';
import { B8_INIT_SCRIPT, FIRST_SCREENS, readLoad, type LoadFigures } from './b8-page';
import { throttle } from './browser';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run'];

function openProfile(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ARGS,
    viewport: { width: 360, height: 740 },
    locale: 'vi-VN',
  });
}

/** Enrolls a volunteer in a fresh profile, restarts the browser, reopens the app throttled. */
export async function enrolledReopen(url: string, token: string): Promise<LoadFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'bdhvs-b8-'));
  let context: BrowserContext | undefined;
  try {
    context = await openProfile(dir);
    const code = await invite(url, token, '99999', {
      fullName: 'Bench B8',
      role: 'volunteer',
      groupIds: ['tdp-01'],
    });
    await enrollOnPhone(context.pages()[0] ?? (await context.newPage()), url, code, '246810', {
      typeCode: true,
    });
    await context.close();
    context = await openProfile(dir);
    await context.addInitScript({ content: B8_INIT_SCRIPT });
    const page = context.pages()[0] ?? (await context.newPage());
    await throttle(context, page);
    await page.goto(url);
    return await readLoad(page, FIRST_SCREENS.enrolled);
  } finally {
    await context?.close();
    await rm(dir, { recursive: true, force: true });
  }
}
