// The device label an officer sees next to each enrolled phone.
import { expect, test } from 'vitest';
import { deviceLabel } from '../../../src/client/platform/device-label';

test('an Android phone is labelled with its version and, when the browser tells it, its model', () => {
  const samsung = 'Mozilla/5.0 (Linux; Android 11; SM-A105F Build/RP1A) AppleWebKit/537.36 Chrome/90 Mobile';
  expect(deviceLabel(samsung)).toBe('Android 11 · SM-A105F');
  const reduced =
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130 Mobile';
  expect(deviceLabel(reduced)).toBe('Android 10');
});

test('office computers are labelled by their system', () => {
  expect(deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130')).toBe(
    'Windows',
  );
  expect(deviceLabel('curl/8')).toBeUndefined();
});
