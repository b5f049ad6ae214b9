// Browser scenarios' shared setup: Debian's Chromium (playwright-core) and Lighthouse's mobile
// throttling applied through the DevTools protocol, as QUALITY.md asks (4× CPU, 1.6 Mbps, 150 ms RTT).
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { existsSync } from 'node:fs';

/**
 * Lighthouse's "mobile slow 4G" settings as its DevTools throttling applies them (lighthouse
 * `constants.js`: throttling.mobileSlow4G): RTT 150 ms × 3.75 request latency, 1.6 Mbps × 0.9 down,
 * 750 kbps × 0.9 up, CPU 4×.
 */
export const LIGHTHOUSE_MOBILE = {
  rttMs: 150,
  requestLatencyMs: 150 * 3.75,
  downloadKbps: 1.6 * 1024 * 0.9,
  uploadKbps: 750 * 0.9,
  cpuSlowdown: 4,
} as const;

/** Bytes per second of the throttled download link. */
export const DOWNLOAD_BYTES_PER_S = (LIGHTHOUSE_MOBILE.downloadKbps * 1024) / 8;

export function chromiumAvailable(): boolean {
  return existsSync(process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium');
}

export function builtAppAvailable(): boolean {
  return existsSync('dist/index.html');
}

/** Applies the CPU slowdown (and, with `network`, the link) to one page; returns its CDP session. */
export async function throttle(
  context: BrowserContext,
  page: Page,
  options: { cpu?: boolean; network?: boolean; offline?: boolean } = { cpu: true, network: true },
): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  if (options.cpu !== false) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: LIGHTHOUSE_MOBILE.cpuSlowdown });
  }
  if (options.network || options.offline) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: options.offline === true,
      latency: LIGHTHOUSE_MOBILE.requestLatencyMs,
      downloadThroughput: DOWNLOAD_BYTES_PER_S,
      uploadThroughput: (LIGHTHOUSE_MOBILE.uploadKbps * 1024) / 8,
    });
  }
  return cdp;
}
