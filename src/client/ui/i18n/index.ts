// Translation for every screen: the current language (a signal, so screens re-render when it
// changes), `t(key, params)` with {name} interpolation, and the choice remembered on the device.
import { signal } from '@preact/signals';
import { SETTING_KEYS, type KeyValue } from '../../db/settings';
import { en } from './en';
import { vi, type Catalogue, type MessageKey } from './vi';

export type Locale = 'vi' | 'en';
export type { MessageKey } from './vi';
export { formatDate, formatDateTime, formatDay, todayIso } from './format';

export const LOCALES: readonly Locale[] = ['vi', 'en'];
const CATALOGUES: Record<Locale, Catalogue> = { vi, en };

/** The language shown; Vietnamese until the device's stored choice is loaded. */
export const locale = signal<Locale>('vi');

export type MessageParams = Record<string, string | number>;

export function t(key: MessageKey, params?: MessageParams): string {
  const text = CATALOGUES[locale.value][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(vi, key);
}

/** The message for a validation catalogue key from src/shared (e.g. 'fullName.tooShort'). */
export function validationMessage(key: string): string {
  const full = `validation.${key}`;
  return t(isMessageKey(full) ? full : 'validation.unknown');
}

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}

/** Switches the language now and remembers it on the device (a failed write only loses the memory). */
export async function setLocale(next: Locale, kv?: KeyValue): Promise<void> {
  locale.value = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  if (!kv) return;
  try {
    await kv.set(SETTING_KEYS.locale, next);
  } catch {
    // Storage refused: the language still applies for this visit.
  }
}

/** Applies the language stored on the device, if any. */
export async function loadLocale(kv: KeyValue): Promise<void> {
  try {
    const stored = await kv.get<unknown>(SETTING_KEYS.locale);
    if (isLocale(stored)) await setLocale(stored);
  } catch {
    // Unreadable settings: stay in Vietnamese.
  }
}
