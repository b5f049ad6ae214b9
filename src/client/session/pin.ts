// The PIN that unlocks the app on this phone. Only a PBKDF2-SHA256 verifier is stored (random salt,
// iteration count recorded with it), so the PIN itself never outlives the moment it is typed.
import { z } from 'zod/mini';
import { PIN_LENGTH } from '../../shared';

/** ~0.3–0.8 s on a cheap Android phone: slow enough to make guessing offline costly, fast enough to wait for. */
export const DEFAULT_PIN_ITERATIONS = 210_000;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export const pinVerifierSchema = z.object({
  algorithm: z.literal('PBKDF2-SHA256'),
  iterations: z.int().check(z.gte(1)),
  /** base64 */
  salt: z.string(),
  /** base64 */
  hash: z.string(),
});
export type PinVerifier = z.infer<typeof pinVerifierSchema>;

export interface PinHashOptions {
  iterations?: number;
  /** Fills the salt; crypto.getRandomValues unless a test needs a fixed salt. */
  random?: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>;
}

/** WebCrypto's subtle API exists only in a secure context (HTTPS or localhost). */
export function canHashPins(): boolean {
  return typeof globalThis.crypto?.subtle?.deriveBits === 'function';
}

export function isPinFormat(pin: string): boolean {
  return new RegExp(`^\\d{${PIN_LENGTH}}$`).test(pin);
}

const WELL_KNOWN = new Set(['112233', '123321', '147258', '159753', '147852', '258369', '789456', '520520']);

/** PINs a stranger would try first: one digit repeated, a run up or down, a short pattern repeated. */
export function isTrivialPin(pin: string): boolean {
  const d = [...pin].map(Number);
  const steps = new Set(d.slice(1).map((x, i) => (x - (d[i] ?? 0) + 10) % 10));
  if (steps.size === 1 && [0, 1, 9].includes([...steps][0] ?? -1)) return true;
  const repeats = (period: number) => d.every((x, i) => i < period || x === d[i - period]);
  return repeats(2) || repeats(3) || WELL_KNOWN.has(pin);
}

export async function createPinVerifier(pin: string, o: PinHashOptions = {}): Promise<PinVerifier> {
  const iterations = o.iterations ?? DEFAULT_PIN_ITERATIONS;
  const salt = new Uint8Array(SALT_BYTES);
  (o.random ?? ((b) => globalThis.crypto.getRandomValues(b)))(salt);
  const hash = await derive(pin, salt, iterations);
  return { algorithm: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

export async function verifyPin(pin: string, verifier: PinVerifier): Promise<boolean> {
  const expected = fromBase64(verifier.hash);
  const actual = await derive(pin, fromBase64(verifier.salt), verifier.iterations);
  return constantTimeEqual(actual, expected);
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BYTES * 8,
  );
  return new Uint8Array(bits);
}

/** Looks at every byte whatever the first difference, so timing does not tell how much matched. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
