// @vitest-environment happy-dom
// The residents screens' words: every key the resident and result rules can produce has a message in
// both languages, and switching to English relabels the form and its validation at once.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  completionFromDraft,
  EMPTY_RESIDENT_DRAFT,
  emptyCompletionDraft,
  residentFromDraft,
  type AppDatabase,
  type CompletionDraft,
  type ResidentDraft,
} from '../../../../src/client/db';
import { isMessageKey, setLocale } from '../../../../src/client/ui/i18n';
import { LanguageSwitch } from '../../../../src/client/ui/language-switch';
import { route } from '../../../../src/client/ui/router';
import { ACTOR, addGroup, descriptionOf, openDb, renderField, ResidentsScreens } from './harness';

const ctx = { actor: ACTOR, now: new Date(2026, 10, 23, 9), wardCode: '99999' };
const consent = { registration: true, contact: false, method: 'verbal' as const, date: '' };
const ID = '00000000-0000-4000-8000-000000000001';

const BAD_RESIDENTS: Partial<ResidentDraft>[] = [
  { birthYear: '1960', birthDate: '01/01/1950' },
  { phone: '0912345678' },
  { consent: { registration: false, contact: false, method: '', date: '' } },
  {
    fullName: '',
    birthYear: '',
    sex: '',
    groupId: '',
    consent: { ...consent, method: '', date: '32/13/2026' },
  },
  { fullName: 'A', birthYear: 'x', birthDate: '1/1/1950', phone: 'abc', citizenIdLast4: '12' },
  { fullName: 'x'.repeat(101), birthYear: '1800', groupId: 'tổ 1', phone: '0912345678' },
  { fullName: 'Lan\u0007', birthYear: '2099', birthDate: '30/02/1960' },
];

const BAD_COMPLETIONS: Partial<CompletionDraft>[] = [
  { kind: '', date: '' },
  { kind: 'trained', date: '31/02/2026', notes: 'x'.repeat(2001) },
  { kind: 'vneid', vneid: { channel: '', courseName: '', issuer: '', recordNumber: '' } },
  { kind: 'vneid', vneid: { channel: 'paper', courseName: '', issuer: '', recordNumber: 'x'.repeat(61) } },
  {
    kind: 'vneid',
    vneid: { channel: 'vneid_app', courseName: 'y'.repeat(201), issuer: 'z'.repeat(201), recordNumber: '' },
  },
];

function producedKeys(): Set<string> {
  const keys = new Set<string>();
  const collect = (errors: object) =>
    Object.values(errors).forEach((k) => typeof k === 'string' && keys.add(k));
  for (const bad of BAD_RESIDENTS) {
    const draft = { ...EMPTY_RESIDENT_DRAFT, fullName: 'Lan Anh', birthYear: '1960', sex: 'female' as const };
    const result = residentFromDraft({ ...draft, groupId: 'to-1', consent, ...bad }, ctx);
    if (!result.ok) collect(result.errors);
  }
  for (const bad of BAD_COMPLETIONS) {
    const draft = { ...emptyCompletionDraft(ID), date: '20/11/2026', ...bad };
    const result = completionFromDraft(draft, { ...ctx, groupId: 'to-1' });
    if (!result.ok) collect(result.errors);
  }
  return keys;
}

describe('messages of the residents screens', () => {
  test('every validation key the resident and result rules produce has a message', () => {
    const keys = producedKeys();
    for (const expected of [
      'consent.required',
      'consent.method',
      'phone.needsConsent',
      'citizenIdLast4.invalid',
      'birthDate.mismatch',
      'date.invalid',
      'date.required',
      'completionKind.required',
      'skills.required',
      'vneid.channel',
      'vneid.courseName.required',
      'vneid.issuer.required',
      'notes.tooLong',
    ]) {
      expect(keys).toContain(expected);
    }
    expect([...keys].filter((k) => !isMessageKey(`validation.${k}`))).toEqual([]);
  });
});

describe('in English', () => {
  let db: AppDatabase;
  beforeEach(async () => {
    route.value = { name: 'resident-new' };
    db = await openDb();
    await addGroup(db, 'to-1', 'Tổ 1');
  });
  afterEach(async () => {
    cleanup();
    await setLocale('vi');
    await db.close();
  });

  test('choosing EN relabels the resident form and its messages at once', async () => {
    renderField(
      <>
        <LanguageSwitch />
        <ResidentsScreens />
      </>,
      { db },
    );
    await screen.findByRole('heading', { name: 'Thêm người dân' });
    fireEvent.click(screen.getByRole('button', { name: 'EN' }));
    expect(await screen.findByRole('heading', { name: 'Add a resident' })).toBeTruthy();
    expect(
      screen.getByText(/You agree that the community digital-tech team records your full name/),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const tick = screen.getByRole('checkbox', { name: 'The resident agreed' });
    await waitFor(() => expect(tick.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByLabelText('Full name')).toBeTruthy();
    expect(screen.getByLabelText('Year of birth')).toBeTruthy();
    expect(descriptionOf(tick)).not.toBe('');
    expect(screen.queryByLabelText('Họ và tên')).toBeNull();
  });
});
