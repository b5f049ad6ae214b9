// @vitest-environment happy-dom
// Inactivity: five minutes without a touch or a key, or five minutes in the background, locks the app.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { IDLE_LOCK_MS, watchIdle } from '../../../src/client/platform/idle';

let stop: () => void = () => undefined;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

function setVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

test('five minutes without any interaction calls back once', () => {
  const onIdle = vi.fn();
  stop = watchIdle({ onIdle });
  vi.advanceTimersByTime(IDLE_LOCK_MS - 1000);
  expect(onIdle).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1000);
  expect(onIdle).toHaveBeenCalledTimes(1);
});

test('a key press or a touch starts the five minutes again', () => {
  const onIdle = vi.fn();
  stop = watchIdle({ onIdle });
  vi.advanceTimersByTime(4 * 60_000);
  window.dispatchEvent(new Event('keydown'));
  vi.advanceTimersByTime(4 * 60_000);
  window.dispatchEvent(new Event('pointerdown'));
  vi.advanceTimersByTime(4 * 60_000);
  expect(onIdle).not.toHaveBeenCalled();
  vi.advanceTimersByTime(60_000);
  expect(onIdle).toHaveBeenCalledTimes(1);
});

test('coming back after more than five minutes in the background calls back at once', () => {
  const onIdle = vi.fn();
  const clock = { t: 0 };
  stop = watchIdle({ onIdle, now: () => clock.t });
  setVisibility('hidden');
  clock.t += IDLE_LOCK_MS + 1; // timers frozen by the phone: only the clock moved
  setVisibility('visible');
  expect(onIdle).toHaveBeenCalledTimes(1);
});

test('a short trip to another app does not lock, and stopping removes the listeners', () => {
  const onIdle = vi.fn();
  const clock = { t: 0 };
  stop = watchIdle({ onIdle, now: () => clock.t });
  setVisibility('hidden');
  clock.t += 60_000;
  setVisibility('visible');
  expect(onIdle).not.toHaveBeenCalled();
  stop();
  vi.advanceTimersByTime(2 * IDLE_LOCK_MS);
  expect(onIdle).not.toHaveBeenCalled();
});
