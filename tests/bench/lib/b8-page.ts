// B8's in-page instruments: an init script recording Largest Contentful Paint and when a first screen
// (`#start-title`: a new visitor's enrollment / sign-in choice; `#lock-title`: an enrolled phone's PIN
// lock) is in the DOM and then painted; and the reader of those figures plus the bytes the page received.
import type { Page } from 'playwright-core';

/** The first screens B8 knows, by the id of their title. */
export const FIRST_SCREENS = { visitor: '#start-title', enrolled: '#lock-title' } as const;

// A plain string: it runs before any of the page's scripts, in every document of the context.
export const B8_INIT_SCRIPT = `(() => {
  const m = { lcp: [], screenAt: null };
  globalThis.__b8 = m;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      m.lcp.push({ at: e.startTime, size: e.size, element: e.element ? e.element.tagName + (e.element.id ? '#' + e.element.id : '') : '' });
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  const watch = new MutationObserver(() => {
    if (m.screenAt !== null || !document.querySelector('${Object.values(FIRST_SCREENS).join(', ')}')) return;
    m.screenAt = -1;
    watch.disconnect();
    requestAnimationFrame(() => setTimeout(() => { m.screenAt = performance.now(); }, 0));
  });
  watch.observe(document, { childList: true, subtree: true });
})();`;

export interface LoadFigures {
  /** Largest Contentful Paint, ms after navigation start. */
  lcpMs: number;
  lcpElement: string;
  /** The first screen's title in the DOM and the frame after it painted, ms after navigation start. */
  screenMs: number;
  /** Bytes received (headers included) by responses that ended before LCP, and in all. */
  bytesBeforeLcp: number;
  bytesTotal: number;
  requestsBeforeLcp: number;
}

/** Waits for the first screen to be painted and LCP to settle, then reads the figures. */
export async function readLoad(page: Page, screen: string): Promise<LoadFigures> {
  await page.locator(screen).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => {
    const m = (globalThis as unknown as { __b8: { screenAt: number | null } }).__b8;
    return m.screenAt !== null && m.screenAt > 0;
  });
  // LCP entries are queued after the frame that painted them.
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    const m = (
      globalThis as unknown as {
        __b8: { lcp: { at: number; size: number; element: string }[]; screenAt: number };
      }
    ).__b8;
    const last = m.lcp[m.lcp.length - 1];
    const lcpMs = last?.at ?? Number.NaN;
    const entries = [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ] as PerformanceResourceTiming[];
    const before = entries.filter((e) => e.responseEnd <= lcpMs);
    // (No named helper here: tsx would wrap it in a `__name` call the page does not have.)
    return {
      lcpMs,
      lcpElement: last?.element ?? '',
      screenMs: m.screenAt,
      bytesBeforeLcp: before.reduce((n, e) => n + e.transferSize, 0),
      bytesTotal: entries.reduce((n, e) => n + e.transferSize, 0),
      requestsBeforeLcp: before.length,
    };
  });
}
