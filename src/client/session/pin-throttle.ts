// Wrong-PIN throttle: five free attempts, then a wait of 30 s that doubles with each further wrong PIN
// (at most 15 minutes). Kept on the device so closing the app does not reset it.
import { z } from 'zod/mini';

export const FREE_ATTEMPTS = 5;
export const FIRST_WAIT_SECONDS = 30;
export const MAX_WAIT_SECONDS = 15 * 60;

export const pinThrottleSchema = z.object({
  /** Wrong PINs in a row since the last right one. */
  failures: z.int().check(z.gte(0)),
  /** Epoch milliseconds before which no attempt is accepted. */
  waitUntil: z.number(),
});
export type PinThrottle = z.infer<typeof pinThrottleSchema>;

export const NO_THROTTLE: PinThrottle = { failures: 0, waitUntil: 0 };

/** The wait imposed after `failures` wrong PINs in a row. */
export function waitSecondsAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_ATTEMPTS), MAX_WAIT_SECONDS);
}

export function afterWrongPin(throttle: PinThrottle, now: number): PinThrottle {
  const failures = throttle.failures + 1;
  return { failures, waitUntil: now + waitSecondsAfter(failures) * 1000 };
}

/** Seconds left to wait (0: may try now). A clock set back cannot stretch it beyond the maximum. */
export function secondsToWait(throttle: PinThrottle, now: number): number {
  const left = Math.ceil((throttle.waitUntil - now) / 1000);
  return Math.max(0, Math.min(left, MAX_WAIT_SECONDS));
}
