// The message catalogues: every validation key the shared schemas produce has a message in both languages.
import { afterEach, describe, expect, test } from 'vitest';
import { memoryKeyValue, residentFromDraft, SETTING_KEYS, type ResidentDraft } from '../../../src/client/db';
import { groupSchema, wardSchema } from '../../../src/shared';
import {
  formatDateTime,
  isMessageKey,
  loadLocale,
  locale,
  setLocale,
  t,
  validationMessage,
} from '../../../src/client/ui/i18n';
import { en } from '../../../src/client/ui/i18n/en';
import { vi } from '../../../src/client/ui/i18n/vi';

afterEach(() => setLocale('vi'));

/** Drafts chosen to trigger every message the resident rules can give. */
const BAD_DRAFTS: Partial<ResidentDraft>[] = [
  { fullName: '', birthYear: '', sex: '', groupId: '', phone: 'abc' },
  { fullName: 'A', birthYear: 'x' },
  { fullName: 'x'.repeat(101), birthYear: '1800', groupId: 'tổ 1' },
  { fullName: 'Lan\u0007', birthYear: String(new Date().getFullYear() + 1) },
];

function residentKeys(): Set<string> {
  const keys = new Set<string>();
  for (const bad of BAD_DRAFTS) {
    const draft = { fullName: 'Lan Anh', birthYear: '1960', sex: 'female', groupId: 'to-1', ...bad };
    const result = residentFromDraft(draft, { wardCode: '99999', now: new Date() });
    if (!result.ok) Object.values(result.errors).forEach((k) => k && keys.add(k));
  }
  for (const bad of [{}, { id: '', wardCode: 'x', name: '', kind: 'x' }]) {
    groupSchema.safeParse(bad).error?.issues.forEach((i) => keys.add(i.message));
    wardSchema.safeParse(bad).error?.issues.forEach((i) => keys.add(i.message));
  }
  return keys;
}

describe('message catalogues', () => {
  test('every validation key produced by the shared schemas has a message', () => {
    const keys = residentKeys();
    for (const expected of ['fullName.tooShort', 'birthYear.future', 'sex.required', 'phone.invalid']) {
      expect(keys).toContain(expected);
    }
    const known = (k: string) => /^[a-zA-Z]+\.[a-zA-Z]+$/.test(k);
    const missing = [...keys].filter((k) => known(k) && !isMessageKey(`validation.${k}`));
    expect(missing).toEqual([]);
  });

  test('English has exactly the Vietnamese keys and no empty message', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    expect(Object.values(en).filter((m) => m.trim() === '')).toEqual([]);
    expect(Object.values(vi).filter((m) => m.trim() === '')).toEqual([]);
  });

  test('messages interpolate {names} and follow the current language', async () => {
    expect(t('sync.waiting', { count: 4 })).toBe('4 bản ghi đang chờ đồng bộ');
    await setLocale('en');
    expect(t('sync.waiting', { count: 4 })).toBe('4 records waiting to sync');
    expect(validationMessage('sex.required')).toBe('Please choose Female or Male.');
    expect(validationMessage('no.such.key')).toBe('Invalid value.');
  });

  test('the stored language is applied on start', async () => {
    const kv = memoryKeyValue();
    await kv.set(SETTING_KEYS.locale, 'en');
    await loadLocale(kv);
    expect(locale.value).toBe('en');
  });

  test('dates are written dd/mm/yyyy HH:mm in local time', () => {
    expect(formatDateTime(new Date(2026, 0, 9, 18, 30).toISOString())).toBe('09/01/2026 18:30');
    expect(formatDateTime('not a date')).toBe('');
  });
});
