// The correction form's values: read from a stored resident document, and compared with what was typed to
// make the body's `changes` — only the fields that differ, null for an optional field emptied.
import { normaliseText, SEXES, type Sex } from '../../../../shared';
import type { RectifyBody, ResidentHit } from '../../../../shared/privacy-api';
import type { RectifyField } from './privacy-words';

/** The form's values, as typed. */
export interface Values {
  fullName: string;
  birthYear: string;
  birthDate: string;
  sex: Sex;
  phone: string;
  citizenIdLast4: string;
}

/** The form's values from a stored resident document. */
export function valuesOf(doc: Record<string, unknown>, hit: ResidentHit): Values {
  const text = (key: string) => (typeof doc[key] === 'string' ? doc[key] : '');
  return {
    fullName: text('fullName') || hit.fullName,
    birthYear: String(typeof doc['birthYear'] === 'number' ? doc['birthYear'] : hit.birthYear),
    birthDate: text('birthDate'),
    sex: SEXES.find((s) => s === doc['sex']) ?? hit.sex,
    phone: text('phone'),
    citizenIdLast4: text('citizenIdLast4'),
  };
}

type Changes = RectifyBody['changes'];

/** The fields that differ from the record, or the field whose value cannot be sent. */
export function changesOf(
  before: Values,
  now: Values,
): { changes: Changes } | { field: RectifyField; key: string } {
  const changes: Changes = {};
  const name = normaliseText(now.fullName);
  if (name !== normaliseText(before.fullName)) changes.fullName = name;
  const year = now.birthYear.trim();
  if (!/^\d{4}$/.test(year)) return { field: 'birthYear', key: 'birthYear.invalid' };
  if (year !== before.birthYear) changes.birthYear = Number(year);
  if (now.sex !== before.sex) changes.sex = now.sex;
  for (const key of ['birthDate', 'phone', 'citizenIdLast4'] as const) {
    // Phone numbers are often typed in groups ("0912 345 678").
    const value = key === 'phone' ? now.phone.replace(/[\s.]/g, '') : now[key].trim();
    if (value !== before[key]) changes[key] = value === '' ? null : value;
  }
  return { changes };
}
