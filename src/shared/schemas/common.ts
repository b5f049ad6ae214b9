// Field schemas reused by every record. Messages are catalogue keys (`validation.<key>` in the UI).
// Schemas only validate, never transform: the server must store exactly what the device sent,
// or the device's next "assumed master state" would not match and every edit would conflict.
import { z } from 'zod/mini';
import { UUID_PATTERN } from '../ids';

// eslint-disable-next-line no-control-regex -- rejecting control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
/** Half of an emoji (a UTF-16 surrogate without its pair): PostgreSQL cannot store it in jsonb. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Free text typed by a person: bounded, no control characters nor lone surrogates (PostgreSQL rejects both in jsonb). */
export function text(min: number, max: number, key: string) {
  return z.string({ error: `${key}.required` }).check(
    z.minLength(min, { error: min <= 1 ? `${key}.required` : `${key}.tooShort` }),
    z.maxLength(max, { error: `${key}.tooLong` }),
    z.refine((s) => !CONTROL_CHARS.test(s) && !LONE_SURROGATE.test(s), { error: 'text.invalidChars' }),
    z.refine((s) => s.trim() === s, { error: `${key}.untrimmed` }),
  );
}

/** Official 5-digit commune-level code (Quyết định 19/2025/QĐ-TTg). */
export const wardCodeSchema = z
  .string({ error: 'wardCode.invalid' })
  .check(z.regex(/^\d{5}$/, { error: 'wardCode.invalid' }), z.maxLength(5));

/** Official 2-digit province code. */
export const provinceCodeSchema = z.string().check(z.regex(/^\d{2}$/, { error: 'provinceCode.invalid' }));

/** A client-made UUID v4 record id. */
export const uuidSchema = z
  .string({ error: 'id.invalid' })
  .check(z.regex(UUID_PATTERN, { error: 'id.invalid' }), z.maxLength(36));

/** Local id of a residential group (no national code exists; see DOMAIN.md). */
export const groupIdSchema = z
  .string({ error: 'groupId.required' })
  .check(
    z.minLength(1, { error: 'groupId.required' }),
    z.maxLength(40),
    z.regex(/^[A-Za-z0-9_-]+$/, { error: 'groupId.invalid' }),
  );

/** An instant as ISO 8601 UTC, e.g. 2026-11-23T08:15:00.000Z. Device clocks may be wrong: informational only. */
export const instantSchema = z
  .string({ error: 'instant.invalid' })
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, { error: 'instant.invalid' }),
    z.maxLength(24),
  );

/** A calendar date YYYY-MM-DD that exists. */
export const dateSchema = z
  .string({ error: 'date.invalid' })
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date.invalid' }),
    z.refine(isRealDate, { error: 'date.invalid' }),
  );

export function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
