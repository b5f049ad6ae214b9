// @vitest-environment happy-dom
// The browser network source: navigator.onLine now, online/offline events later.
import { expect, test, vi } from 'vitest';
import { browserNetwork } from '../../../src/client/platform/network';

test('online and offline events reach subscribers until they unsubscribe', () => {
  const network = browserNetwork(window);
  const seen = vi.fn();
  const unsubscribe = network.subscribe(seen);
  window.dispatchEvent(new Event('offline'));
  window.dispatchEvent(new Event('online'));
  unsubscribe();
  window.dispatchEvent(new Event('offline'));
  expect(seen.mock.calls).toEqual([[false], [true]]);
  expect(typeof network.isOnline()).toBe('boolean');
});
