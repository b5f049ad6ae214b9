// What every draft → record conversion shares: text clean-up, shared-schema issues → form fields, and
// storage failures → the form's message.
import { normaliseText, skillKey, type SkillRef } from '../../shared';
import type { FieldErrors, SaveResult } from './repo-types';

/** Vietnamese names typed on different keyboards arrive in NFC or NFD: store NFC, single-spaced. */
export const normaliseName = normaliseText;

/** "091 234.56-78" → "0912345678"; undefined when nothing was typed. */
export function normalisePhone(phone: string | undefined): string | undefined {
  const digits = (phone ?? '').replace(/[\s.\-()]/g, '');
  return digits === '' ? undefined : digits;
}

/** A one-line optional field: normalised, or undefined (left out of the record) when blank. */
export function optionalLine(text: string): string | undefined {
  const clean = normaliseText(text);
  return clean === '' ? undefined : clean;
}

/**
 * Notes typed in a multi-line box: the shared schema refuses control characters (line breaks
 * included), so they are stored on one line like any other text.
 */
export const optionalNotes = optionalLine;

/** The same skills, first occurrence kept (a form that toggles twice must not fail on a repeat). */
export function distinctSkills(skills: readonly SkillRef[]): SkillRef[] {
  const seen = new Set<string>();
  const out: SkillRef[] = [];
  for (const skill of skills) {
    if (seen.has(skillKey(skill))) continue;
    seen.add(skillKey(skill));
    out.push({ ...skill });
  }
  return out;
}

/** Drops keys whose value is undefined (optional fields are absent, never `undefined`, in records). */
export function withoutUndefined<T extends object>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out as T;
}

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * Adds each shared-schema issue under its form field: path[0], or "vneid.courseName" for a nested
 * object field, through `rename` (e.g. consents → consent). Issues of fields the form does not show go
 * to `form`. The first key per field wins, so checks made before the schema take precedence.
 */
export function addIssues<F extends string>(
  errors: FieldErrors<F>,
  issues: readonly Issue[],
  fields: readonly F[],
  rename: Partial<Record<string, F>> = {},
): void {
  const known = new Set<string>(fields);
  for (const issue of issues) {
    const [head, next] = issue.path;
    const top = typeof head === 'string' ? head : '';
    const nested = typeof next === 'string' ? `${top}.${next}` : top;
    const named = rename[top] ?? (known.has(nested) ? nested : top);
    const field = (known.has(named) ? named : 'form') as F | 'form';
    if (errors[field] === undefined) errors[field] = issue.message;
  }
}

export function hasErrors(errors: object): boolean {
  return Object.keys(errors).length > 0;
}

/** A failed write: the phone's storage is full (the volunteer can free space) or something else broke. */
export function storageFailure(err: unknown): { form: 'storage.full' | 'storage.failed' } {
  return { form: isQuotaError(err) ? 'storage.full' : 'storage.failed' };
}

function isQuotaError(err: unknown, depth = 0): boolean {
  if (depth > 4 || err === null || typeof err !== 'object') return false;
  const e = err as { name?: unknown; message?: unknown; cause?: unknown; inner?: unknown };
  if (/quota/i.test(`${String(e.name)} ${String(e.message)}`)) return true;
  return isQuotaError(e.cause, depth + 1) || isQuotaError(e.inner, depth + 1);
}

/**
 * Stores a record built from a draft: a refused draft comes back unchanged, a storage failure as the
 * form's message. The one save path of every repository's "add".
 */
export async function insertBuilt<T, F extends string>(
  collection: { insert(record: NoInfer<T>): Promise<unknown> },
  built: SaveResult<T, F>,
): Promise<SaveResult<T, F>> {
  if (!built.ok) return built;
  try {
    await collection.insert(built.record);
    return built;
  } catch (err) {
    // `form` is a key of every FieldErrors; TypeScript cannot see it through the generic.
    const errors = storageFailure(err) as FieldErrors<F>;
    return { ok: false, errors };
  }
}
