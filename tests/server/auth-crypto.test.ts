// Password hashing, tokens and invitation codes (docs/auth.md rules 1, 3): scrypt with its parameters
// in the hash, constant-time comparison, crypto randomness without modulo bias, hashes only at rest.
import { describe, expect, test } from 'vitest';
import { INVITATION_ALPHABET, normaliseInvitationCode } from '../../src/shared';
import { hashPassword, verifyPassword } from '../../src/server/auth/password';
import {
  bearerToken,
  hashInvitationCode,
  hashToken,
  newInvitationCode,
  newOneTimePassword,
  newToken,
  randomString,
} from '../../src/server/auth/tokens';

describe('passwords', () => {
  test('a hash records scrypt N=2^15 r=8 p=1 and a 16-byte salt, and differs for the same password', async () => {
    const a = await hashPassword('mat-khau-dai-2026');
    const b = await hashPassword('mat-khau-dai-2026');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('mat-khau');
  });

  test('only the right password verifies', async () => {
    const hash = await hashPassword('mat-khau-dai-2026');
    expect(await verifyPassword('mat-khau-dai-2026', hash)).toBe(true);
    expect(await verifyPassword('mat-khau-dai-2027', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  test('a Vietnamese password verifies whether typed composed (NFC) or decomposed (NFD)', async () => {
    const password = 'Mật khẩu của tôi';
    const hash = await hashPassword(password.normalize('NFD'));
    expect(await verifyPassword(password.normalize('NFC'), hash)).toBe(true);
  });

  test('a malformed or tampered hash never verifies', async () => {
    const hash = await hashPassword('mat-khau-dai-2026');
    for (const bad of [
      '',
      'plain',
      hash.replace('$15$', '$30$'),
      hash.replace('scrypt', 'md5'),
      `${hash}$x`,
    ]) {
      expect(await verifyPassword('mat-khau-dai-2026', bad)).toBe(false);
    }
  });
});

describe('tokens and codes', () => {
  test('a token is 32 random bytes in base64url; only its SHA-256 is stored', () => {
    const tokens = new Set(Array.from({ length: 100 }, newToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const token = newToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(hashInvitationCode(token));
  });

  test('an invitation code is 8 characters of the alphabet and survives typing', () => {
    for (let i = 0; i < 200; i++) {
      const code = newInvitationCode();
      expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
      expect(normaliseInvitationCode(`${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase())).toBe(code);
    }
  });

  test('code characters are uniformly distributed (rejection sampling, no modulo bias)', () => {
    const sample = randomString(INVITATION_ALPHABET, 31 * 4000);
    const counts = new Map<string, number>();
    for (const c of sample) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(31);
    // Chi-square with 30 degrees of freedom: 59.7 is the 0.1% critical value.
    const chi = [...counts.values()].reduce((sum, n) => sum + (n - 4000) ** 2 / 4000, 0);
    expect(chi).toBeLessThan(59.7);
    // With modulo (byte % 31) the first 8 characters would be ~12% more frequent than the rest.
    const first =
      INVITATION_ALPHABET.slice(0, 8)
        .split('')
        .reduce((s, c) => s + counts.get(c)!, 0) / 8;
    const rest =
      INVITATION_ALPHABET.slice(8)
        .split('')
        .reduce((s, c) => s + counts.get(c)!, 0) / 23;
    expect(first / rest).toBeLessThan(1.06);
  });

  test('a one-time password is 20 characters without look-alikes', () => {
    expect(newOneTimePassword()).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{20}$/);
  });

  test('only a well-formed Bearer header yields a token', () => {
    const token = newToken();
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`bearer ${token}`)).toBe(token);
    for (const bad of [
      undefined,
      '',
      token,
      `Basic ${token}`,
      `Bearer ${token}x`,
      `Bearer ${token.slice(1)}`,
    ]) {
      expect(bearerToken(bad)).toBeUndefined();
    }
  });
});
