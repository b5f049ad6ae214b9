// B2's responsiveness probe: real (trusted) taps sent through the DevTools protocol at a steady pace
// while the download runs, and INP computed from the page's Event Timing entries as web-vitals does.
import type { CDPSession } from 'playwright-core';
import type { EventEntry } from './b2-page';

export interface Tapper {
  /** Stops tapping; resolves with the number of taps sent once the last one is acknowledged. */
  stop(): Promise<number>;
}

/** Taps (mouse press + release) at (x, y) every `everyMs`, never two at once. */
export function tapEvery(cdp: CDPSession, x: number, y: number, everyMs: number): Tapper {
  let taps = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const next = Date.now() + everyMs;
      const at = { x, y, button: 'left' as const, clickCount: 1 };
      await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at });
      await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at });
      taps += 1;
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return taps;
    },
  };
}

export interface Inp {
  /** Interaction to Next Paint, ms: the worst interaction, ignoring one per 50 (web-vitals). */
  inp: number;
  max: number;
  /** Interactions slower than 16 ms (the rest are below Event Timing's threshold). */
  reported: number;
}

/** INP over `interactions` taps, of which only those ≥ 16 ms appear in `entries`. */
export function computeInp(entries: EventEntry[], interactions: number): Inp {
  const worst = new Map<number, number>();
  for (const e of entries) worst.set(e.interactionId, Math.max(worst.get(e.interactionId) ?? 0, e.duration));
  const sorted = [...worst.values()].sort((a, b) => b - a);
  const skip = Math.floor(Math.max(interactions, sorted.length) / 50);
  // Below the threshold an interaction took under 16 ms: 16 is then an upper bound.
  return { inp: sorted[skip] ?? 16, max: sorted[0] ?? 16, reported: sorted.length };
}
