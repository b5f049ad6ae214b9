// The PIN verifier (WebCrypto PBKDF2 in Node) and the rules for choosing a PIN.
import { describe, expect, test } from 'vitest';
import { checkNewPin } from '../../../src/client/session';
import {
  constantTimeEqual,
  createPinVerifier,
  isTrivialPin,
  verifyPin,
} from '../../../src/client/session/pin';

const FAST = { iterations: 1000 };

describe('the PIN verifier', () => {
  test('the right PIN verifies and a wrong one does not', async () => {
    const verifier = await createPinVerifier('482913', FAST);
    expect(await verifyPin('482913', verifier)).toBe(true);
    expect(await verifyPin('482914', verifier)).toBe(false);
    expect(await verifyPin('', verifier)).toBe(false);
  });

  test('the stored verifier holds a salt, the iteration count and a hash, never the PIN digits', async () => {
    const fixedSalt = (b: Uint8Array<ArrayBuffer>) => b.fill(7);
    const verifier = await createPinVerifier('482913', { ...FAST, random: fixedSalt });
    expect(Object.keys(verifier).sort()).toEqual(['algorithm', 'hash', 'iterations', 'salt']);
    expect(verifier).toMatchObject({ algorithm: 'PBKDF2-SHA256', iterations: 1000 });
    expect(JSON.stringify(verifier)).not.toContain('482913');
  });

  test('the default uses 210,000 iterations and a fresh 16-byte salt each time', async () => {
    const a = await createPinVerifier('482913');
    const b = await createPinVerifier('482913');
    expect(a.iterations).toBe(210_000);
    expect(atob(a.salt)).toHaveLength(16);
    expect(atob(a.hash)).toHaveLength(32);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  test('the comparison is exact for equal, different and shorter arrays', () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
  });
});

describe('choosing a PIN', () => {
  test('repeated digits, runs and short repeated patterns are refused as too easy to guess', () => {
    for (const pin of ['000000', '999999', '123456', '654321', '890123', '121212', '123123', '112233']) {
      expect(isTrivialPin(pin), pin).toBe(true);
    }
    for (const pin of ['482913', '190358', '270461']) expect(isTrivialPin(pin), pin).toBe(false);
  });

  test('a new PIN needs six digits, must not be trivial and must be typed the same twice', () => {
    expect(checkNewPin('12345', '12345')).toBe('format');
    expect(checkNewPin('48291a', '48291a')).toBe('format');
    expect(checkNewPin('111111', '111111')).toBe('trivial');
    expect(checkNewPin('482913', '482931')).toBe('mismatch');
    expect(checkNewPin('482913', '482913')).toBeNull();
  });
});
