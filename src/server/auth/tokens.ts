// Bearer tokens, invitation codes and one-time passwords: crypto randomness only, and the server
// keeps only hashes. Tokens are 32 random bytes, so a fast hash (SHA-256) is enough to store them.
import { createHash, randomBytes } from 'node:crypto';
import { INVITATION_ALPHABET, INVITATION_CODE_LENGTH } from '../../shared';

const TOKEN_BYTES = 32;

/** A new session or device token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What the database stores for a token: hex SHA-256. */
export function hashToken(token: string): string {
  return createHash('sha256').update(`token:${token}`, 'utf8').digest('hex');
}

/** What the database stores for an invitation code (canonical form): hex SHA-256. */
export function hashInvitationCode(code: string): string {
  return createHash('sha256').update(`invitation:${code}`, 'utf8').digest('hex');
}

/**
 * `count` characters drawn uniformly from `alphabet` by rejection sampling: a random byte is used
 * only below the largest multiple of the alphabet's length, so no character is more likely.
 */
export function randomString(alphabet: string, count: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < count) {
    for (const byte of randomBytes(count * 2)) {
      if (byte >= limit) continue;
      out += alphabet[byte % alphabet.length];
      if (out.length === count) break;
    }
  }
  return out;
}

/** A new invitation code in canonical form (8 characters of INVITATION_ALPHABET). */
export function newInvitationCode(): string {
  return randomString(INVITATION_ALPHABET, INVITATION_CODE_LENGTH);
}

const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password for a new administrator: 20 characters (~116 bits), no look-alikes. */
export function newOneTimePassword(): string {
  return randomString(PASSWORD_ALPHABET, 20);
}

const BEARER = /^bearer +([A-Za-z0-9_-]{43})$/i;

/** The token of an `Authorization: Bearer …` header; undefined when absent or not a token's shape. */
export function bearerToken(header: string | undefined): string | undefined {
  return header === undefined ? undefined : BEARER.exec(header.trim())?.[1];
}
