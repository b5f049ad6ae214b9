// Backoff between failed exchanges: doubling ceilings with full jitter, capped; success and "sync now"
// end it.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createBackoff } from '../../../src/client/sync/backoff';

afterEach(() => {
  vi.useRealTimers();
});

describe('backoff', () => {
  test('the ceiling doubles after each failure up to the cap, and a success clears it', () => {
    const b = createBackoff({ baseMs: 1000, maxMs: 10_000 });
    expect(b.ceilingMs()).toBe(0);
    const ceilings = [];
    for (let i = 0; i < 6; i++) {
      b.failed();
      ceilings.push(b.ceilingMs());
    }
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    b.succeeded();
    expect(b.ceilingMs()).toBe(0);
  });

  test('waits a random share of the ceiling (full jitter)', async () => {
    vi.useFakeTimers();
    const b = createBackoff({ baseMs: 1000, random: () => 0.5 });
    b.failed();
    b.failed(); // ceiling 2000 → wait 1000
    let done = false;
    void b.wait().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  test('does not wait when nothing failed, and "sync now" wakes a waiter at once', async () => {
    vi.useFakeTimers();
    const b = createBackoff({ baseMs: 60_000, random: () => 0.99 });
    await b.wait(); // resolves without timers
    b.failed();
    let done = false;
    void b.wait().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toBe(false);
    b.reset();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    expect(b.ceilingMs()).toBe(0);
  });

  test('two phones failing together do not retry in lock-step', () => {
    const waits = [0.1, 0.7].map((r) => {
      const b = createBackoff({ baseMs: 1000, random: () => r });
      b.failed();
      b.failed();
      b.failed();
      return Math.floor(r * b.ceilingMs());
    });
    expect(waits[0]).not.toBe(waits[1]);
  });
});
