// Draft → record functions on their own (no RxDB): typed dates, field keys for nested issues.
import { describe, expect, test } from 'vitest';
import {
  completionFromDraft,
  emptyCompletionDraft,
  formatTypedDate,
  localIsoDate,
  parseTypedDate,
  residentFromDraft,
  residentUpdateFromDraft,
} from '../../../src/client/db';
import { aResident } from '../../shared/fixtures';
import { ACTOR, NOW, residentDraft, TODAY } from './helpers';

describe('typed dates', () => {
  test.each([
    ['05/03/1958', '1958-03-05'],
    ['5/3/1958', '1958-03-05'],
    [' 29/02/2024 ', '2024-02-29'],
    ['5.3.1958', '1958-03-05'],
    ['29/02/2026', null],
    ['1958-03-05', null],
    ['03/1958', null],
    ['', null],
  ])('%j → %j', (typed, iso) => {
    expect(parseTypedDate(typed)).toBe(iso);
  });

  test('stored dates are shown as dd/mm/yyyy, and today is the local calendar day', () => {
    expect(formatTypedDate('1958-03-05')).toBe('05/03/1958');
    expect(formatTypedDate(undefined)).toBe('');
    expect(localIsoDate(NOW)).toBe(TODAY);
    expect(localIsoDate(new Date(2026, 0, 1, 0, 30))).toBe('2026-01-01');
  });
});

describe('pure conversions', () => {
  test('a resident draft becomes a record without any database', () => {
    const result = residentFromDraft(residentDraft(), {
      actor: ACTOR,
      now: NOW,
      wardCode: '99999',
      id: aResident().id,
    });
    expect(result).toMatchObject({ ok: true, record: { id: aResident().id, fullName: 'Trần Văn Bình' } });
  });

  test('an edit keeps id, ward, createdAt and existing consents', () => {
    const existing = aResident();
    const result = residentUpdateFromDraft(
      existing,
      residentDraft({ consent: { registration: true, contact: false, method: '', date: '' } }),
      { actor: ACTOR, now: NOW },
    );
    expect(result).toEqual({
      ok: true,
      record: {
        ...existing,
        fullName: 'Trần Văn Bình',
        birthYear: 1961,
        sex: 'male',
        groupId: 'tdp-02',
        updatedAt: NOW.toISOString(),
      },
    });
  });

  test('nested evidence problems are reported under "vneid.<field>"', () => {
    const draft = {
      ...emptyCompletionDraft(aResident().id),
      kind: 'vneid' as const,
      date: '22/11/2026',
      vneid: { channel: 'paper' as const, courseName: 'Khoá học', issuer: '', recordNumber: 'x'.repeat(61) },
    };
    const result = completionFromDraft(draft, {
      actor: ACTOR,
      now: NOW,
      wardCode: '99999',
      groupId: 'tdp-01',
    });
    expect(result).toEqual({
      ok: false,
      errors: { 'vneid.recordNumber': 'vneid.recordNumber.tooLong', 'vneid.issuer': 'vneid.issuer.required' },
    });
    const noIssuer = completionFromDraft(
      { ...draft, vneid: { ...draft.vneid, recordNumber: '' } },
      { actor: ACTOR, now: NOW, wardCode: '99999', groupId: 'tdp-01' },
    );
    expect(noIssuer).toEqual({ ok: false, errors: { 'vneid.issuer': 'vneid.issuer.required' } });
  });
});
