// Dates as people type them (dd/mm/yyyy, also d/m/yyyy) and as records keep them (YYYY-MM-DD).
import { isRealDate } from '../../shared';

const TYPED = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;

/** "5/3/1958", "05/03/1958" (or with dots or dashes) → "1958-03-05"; null when it is not a real day. */
export function parseTypedDate(text: string): string | null {
  const match = TYPED.exec(text.trim());
  if (!match) return null;
  const [, d = '', m = '', y = ''] = match;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}

/** "1958-03-05" → "05/03/1958"; '' for no date. */
export function formatTypedDate(iso: string | undefined): string {
  if (iso === undefined) return '';
  const [y, m, d] = iso.split('-');
  return y && m && d ? `${d}/${m}/${y}` : iso;
}

/** The calendar day of `now` on this phone (local time, not UTC: 6 a.m. in Hà Nội is still "today"). */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A typed date field: the stored form, or the catalogue key of what is wrong. An empty field is
 * `date.required` when required, else absent.
 */
export function typedDate(text: string, required: boolean): { value?: string; error?: string } {
  if (text.trim() === '') return required ? { error: 'date.required' } : {};
  const value = parseTypedDate(text);
  return value === null ? { error: 'date.invalid' } : { value };
}
