// Unlocking with the PIN: the wrong-PIN throttle, kept on the device across restarts.
import { beforeEach, describe, expect, test } from 'vitest';
import { memoryKeyValue } from '../../../src/client/db';
import {
  createPinLock,
  createSessionStore,
  saveNewPin,
  type SessionStore,
} from '../../../src/client/session';
import { waitSecondsAfter } from '../../../src/client/session/pin-throttle';

const PIN = '482913';
let store: SessionStore;
let clock: number;
const now = () => clock;

beforeEach(async () => {
  store = createSessionStore(memoryKeyValue());
  clock = Date.UTC(2026, 10, 3, 8, 0);
  await saveNewPin(store, PIN, { iterations: 1000 });
});

async function wrongTimes(n: number) {
  const lock = createPinLock(store, now);
  for (let i = 0; i < n; i++) await lock.unlock('000001');
}

describe('the wrong-PIN throttle', () => {
  test('the right PIN unlocks and a wrong one says how many tries are left', async () => {
    const lock = createPinLock(store, now);
    expect(await lock.unlock('111112')).toEqual({ ok: false, reason: 'wrong', triesLeft: 4, waitSeconds: 0 });
    expect(await lock.unlock(PIN)).toEqual({ ok: true });
  });

  test('after 5 wrong PINs the next attempt must wait 30 seconds, even with the right PIN', async () => {
    await wrongTimes(4);
    const lock = createPinLock(store, now);
    expect(await lock.unlock('000002')).toEqual({
      ok: false,
      reason: 'wrong',
      triesLeft: 0,
      waitSeconds: 30,
    });
    clock += 10_000;
    expect(await lock.unlock(PIN)).toEqual({ ok: false, reason: 'wait', waitSeconds: 20 });
    clock += 20_000;
    expect(await lock.unlock(PIN)).toEqual({ ok: true });
  });

  test('each further wrong PIN doubles the wait, up to 15 minutes', async () => {
    expect([5, 6, 7, 8, 9, 10, 20].map(waitSecondsAfter)).toEqual([30, 60, 120, 240, 480, 900, 900]);
    await wrongTimes(5);
    clock += 30_000;
    const lock = createPinLock(store, now);
    expect(await lock.unlock('000003')).toMatchObject({ reason: 'wrong', waitSeconds: 60 });
  });

  test('the throttle survives a restart of the app, and a right PIN resets it', async () => {
    await wrongTimes(5);
    const restarted = createPinLock(store, now);
    expect(await restarted.secondsToWait()).toBe(30);
    clock += 30_000;
    expect(await restarted.unlock(PIN)).toEqual({ ok: true });
    expect(await restarted.unlock('000004')).toMatchObject({ reason: 'wrong', triesLeft: 4 });
  });

  test('setting the clock back cannot make the wait longer than 15 minutes', async () => {
    await wrongTimes(6);
    clock -= 24 * 3600_000;
    expect(await createPinLock(store, now).secondsToWait()).toBe(900);
  });
});
