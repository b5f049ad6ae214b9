// Exponential backoff with full jitter between failed exchanges: when the ward server is down, a
// hundred phones must not hammer it in lock-step. A success, a "sync now" tap or the network coming back
// ends the wait at once.

export interface BackoffOptions {
  /** The first wait's upper bound. */
  baseMs?: number;
  /** No wait is longer than this. */
  maxMs?: number;
  /** Defaults to Math.random; tests pass a fixed one. */
  random?: () => number;
}

export interface Backoff {
  /** Resolves after the current wait (immediately when nothing has failed), or when reset. */
  wait(): Promise<void>;
  failed(): void;
  succeeded(): void;
  /** Forget the failures and wake every waiter ("sync now", back online). */
  reset(): void;
  /** The upper bound of the next wait (0 when nothing has failed). */
  ceilingMs(): number;
}

export function createBackoff(o: BackoffOptions = {}): Backoff {
  const base = o.baseMs ?? 1_000;
  const max = o.maxMs ?? 2 * 60_000;
  const random = o.random ?? Math.random;
  let failures = 0;
  const sleepers = new Set<() => void>();
  const ceiling = () => (failures === 0 ? 0 : Math.min(max, base * 2 ** (failures - 1)));
  const wakeAll = () => {
    for (const wake of [...sleepers]) wake();
  };
  return {
    wait() {
      const delay = Math.floor(random() * ceiling());
      if (delay <= 0) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          sleepers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, delay);
        sleepers.add(done);
      });
    },
    failed() {
      failures = Math.min(failures + 1, 30);
    },
    succeeded() {
      failures = 0;
    },
    reset() {
      failures = 0;
      wakeAll();
    },
    ceilingMs: ceiling,
  };
}
