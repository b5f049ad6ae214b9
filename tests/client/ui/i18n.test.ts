// The message catalogues: every validation key the shared schemas produce has a message in both languages.
import { afterEach, describe, expect, test } from 'vitest';
import {
  completionFromDraft,
  EMPTY_RESIDENT_DRAFT,
  emptyCompletionDraft,
  memoryKeyValue,
  residentFromDraft,
  sessionFromDraft,
  SETTING_KEYS,
  type ResidentDraft,
  type SessionDraft,
} from '../../../src/client/db';
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

/** Drafts chosen to trigger every message the field forms can give. */
const BAD_DRAFTS: Partial<ResidentDraft>[] = [
  { fullName: '', birthYear: '', sex: '', groupId: '', phone: 'abc' },
  { fullName: 'A', birthYear: 'x', citizenIdLast4: '12', birthDate: '31/02/1960' },
  { fullName: 'x'.repeat(101), birthYear: '1800', groupId: 'tổ 1', birthDate: '01/01/1970' },
  { fullName: 'Lan\u0007', birthYear: String(new Date().getFullYear() + 1) },
  { phone: '0912345678', consent: { registration: false, contact: false, method: '', date: 'x' } },
];
const ctx = {
  wardCode: '99999',
  now: new Date(),
  actor: { id: '2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'Nguyễn Thị Lan' },
};

function fieldKeys(): Set<string> {
  const keys = new Set<string>();
  const add = (result: { ok: boolean; errors?: Record<string, string | undefined> }) =>
    Object.values(result.errors ?? {}).forEach((k) => k && keys.add(k));
  for (const bad of BAD_DRAFTS) {
    const draft: ResidentDraft = {
      ...EMPTY_RESIDENT_DRAFT,
      fullName: 'Lan Anh',
      birthYear: '1960',
      sex: 'female',
      groupId: 'to-1',
      consent: { registration: true, contact: false, method: 'verbal', date: '' },
      ...bad,
    };
    add(residentFromDraft(draft, ctx));
  }
  const session: SessionDraft = {
    date: '',
    place: '',
    format: '',
    groupId: '',
    skills: [],
    trainers: [],
    attendeeIds: [],
    notes: 'x'.repeat(2001),
  };
  add(sessionFromDraft(session, ctx));
  add(sessionFromDraft({ ...session, date: '99/99/2026', place: 'x'.repeat(201) }, ctx));
  const completion = emptyCompletionDraft('3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b');
  add(completionFromDraft(completion, { ...ctx, groupId: 'to-1' }));
  add(
    completionFromDraft({ ...completion, kind: 'trained', date: '01/01/2026' }, { ...ctx, groupId: 'to-1' }),
  );
  const vneid = { ...completion, kind: 'vneid' as const, date: '01/01/2026' };
  add(completionFromDraft(vneid, { ...ctx, groupId: 'to-1' }));
  add(
    completionFromDraft(
      { ...vneid, vneid: { channel: 'paper', courseName: '', issuer: '', recordNumber: 'x'.repeat(61) } },
      { ...ctx, groupId: 'to-1' },
    ),
  );
  for (const bad of [{}, { id: '', wardCode: 'x', name: '', kind: 'x' }]) {
    groupSchema.safeParse(bad).error?.issues.forEach((i) => keys.add(i.message));
    wardSchema.safeParse(bad).error?.issues.forEach((i) => keys.add(i.message));
  }
  return keys;
}

describe('message catalogues', () => {
  test('every validation key produced by the shared schemas has a message', () => {
    const keys = fieldKeys();
    for (const expected of [
      'fullName.tooShort',
      'birthYear.future',
      'sex.required',
      'phone.invalid',
      'consent.required',
      'place.required',
      'skills.required',
      'vneid.courseName.required',
    ]) {
      expect(keys).toContain(expected);
    }
    const known = (k: string) => /^[a-zA-Z]+(\.[a-zA-Z0-9]+)+$/.test(k);
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
