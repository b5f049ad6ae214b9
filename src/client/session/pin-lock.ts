// Choosing the PIN and unlocking with it, with the wrong-PIN throttle applied. A failure is recorded
// before the (slow) check runs, so closing the app mid-check cannot earn a free attempt.
import type { PinHashOptions } from './pin';
import { createPinVerifier, isPinFormat, isTrivialPin, verifyPin } from './pin';
import { afterWrongPin, FREE_ATTEMPTS, NO_THROTTLE, secondsToWait } from './pin-throttle';
import type { SessionStore } from './store';

export type UnlockResult =
  | { ok: true }
  /** Wrong PIN; `triesLeft` before a wait starts, `waitSeconds` if one just did. */
  | { ok: false; reason: 'wrong'; triesLeft: number; waitSeconds: number }
  /** Too many wrong PINs: nothing was checked. */
  | { ok: false; reason: 'wait'; waitSeconds: number }
  /** No PIN was ever chosen on this device. */
  | { ok: false; reason: 'no-pin' };

export interface PinLock {
  secondsToWait(): Promise<number>;
  unlock(pin: string): Promise<UnlockResult>;
}

export function createPinLock(store: SessionStore, now: () => number = Date.now): PinLock {
  return {
    secondsToWait: async () => secondsToWait(await store.loadThrottle(), now()),
    async unlock(pin) {
      const throttle = await store.loadThrottle();
      const wait = secondsToWait(throttle, now());
      if (wait > 0) return { ok: false, reason: 'wait', waitSeconds: wait };
      const verifier = await store.loadPinVerifier();
      if (!verifier) return { ok: false, reason: 'no-pin' };
      const failed = afterWrongPin(throttle, now());
      await store.saveThrottle(failed);
      if (await verifyPin(pin, verifier)) {
        await store.saveThrottle(NO_THROTTLE);
        return { ok: true };
      }
      const triesLeft = Math.max(0, FREE_ATTEMPTS - failed.failures);
      return { ok: false, reason: 'wrong', triesLeft, waitSeconds: secondsToWait(failed, now()) };
    },
  };
}

export type PinChoiceProblem = 'format' | 'trivial' | 'mismatch';

/** Why a new PIN (typed twice) cannot be used, or null if it can. */
export function checkNewPin(pin: string, again: string): PinChoiceProblem | null {
  if (!isPinFormat(pin)) return 'format';
  if (isTrivialPin(pin)) return 'trivial';
  return pin === again ? null : 'mismatch';
}

/** Stores the verifier of a new PIN (never the PIN) and clears the throttle. */
export async function saveNewPin(store: SessionStore, pin: string, o: PinHashOptions = {}): Promise<void> {
  await store.savePinVerifier(await createPinVerifier(pin, o));
  await store.saveThrottle(NO_THROTTLE);
}
