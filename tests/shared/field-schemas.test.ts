// Schemas of the field app's records: consent on residents, sessions, completions, and the catalogue file.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  catalogueFileSchema,
  completionSchema,
  consentWording,
  CURRENT_CONSENT_WORDING,
  currentCatalogues,
  residentSchema,
  skillLabel,
  teachableSkills,
  text,
  trainingSessionSchema,
  COLLECTION_SCHEMAS,
  withDeleted,
} from '../../src/shared';
import { aCompletion, aConsent, aResident, aSession } from './fixtures';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => i.message);

describe('resident consent', () => {
  test('a resident needs a registration consent', () => {
    expect(messages(residentSchema.safeParse(aResident({ consents: [] })))).toContain('consent.required');
    expect(
      messages(residentSchema.safeParse(aResident({ consents: [aConsent({ purpose: 'contact' })] }))),
    ).toContain('consent.required');
    expect(residentSchema.safeParse(aResident()).success).toBe(true);
  });

  test('a phone number needs a live contact consent', () => {
    expect(messages(residentSchema.safeParse(aResident({ phone: '0912345678' })))).toContain(
      'phone.needsConsent',
    );
    const withdrawn = [aConsent(), aConsent({ purpose: 'contact', withdrawnOn: '2026-11-22' })];
    expect(
      messages(residentSchema.safeParse(aResident({ phone: '0912345678', consents: withdrawn }))),
    ).toContain('phone.needsConsent');
    const given = [aConsent(), aConsent({ purpose: 'contact' })];
    expect(residentSchema.safeParse(aResident({ phone: '0912345678', consents: given })).success).toBe(true);
  });

  test('only the last 4 digits of a citizen ID, never the full number', () => {
    expect(residentSchema.safeParse(aResident({ citizenIdLast4: '0123' })).success).toBe(true);
    expect(messages(residentSchema.safeParse(aResident({ citizenIdLast4: '001203004567' })))).toContain(
      'citizenIdLast4.invalid',
    );
  });

  test('the current consent wording exists in both languages', () => {
    const wording = consentWording(CURRENT_CONSENT_WORDING);
    expect(wording?.text.registration.vi).toMatch(/đồng ý/);
    expect(wording?.text.contact.en.length).toBeGreaterThan(20);
  });
});

describe('training session', () => {
  test('the fixture is valid, and a tombstone carries the same record', () => {
    expect(trainingSessionSchema.safeParse(aSession()).success).toBe(true);
    expect(
      withDeleted(COLLECTION_SCHEMAS.sessions).safeParse({ ...aSession(), _deleted: true }).success,
    ).toBe(true);
  });

  test.each([
    [{ place: '' }, 'place.required'],
    [{ format: 'party' as never }, 'format.required'],
    [{ skills: [] }, 'skills.required'],
    [{ trainers: [] }, 'trainers.required'],
    [{ date: '2026-02-30' }, 'date.invalid'],
  ])('rejects %j with %s', (change, key) => {
    expect(messages(trainingSessionSchema.safeParse(aSession(change)))).toContain(key);
  });

  test('rejects repeated attendees and repeated skills', () => {
    const id = aResident().id;
    expect(messages(trainingSessionSchema.safeParse(aSession({ attendeeIds: [id, id] })))).toContain(
      'attendees.repeated',
    );
    const skill = { catalogue: '5-ky-nang', version: '2024', code: '1' };
    expect(messages(trainingSessionSchema.safeParse(aSession({ skills: [skill, skill] })))).toContain(
      'skills.repeated',
    );
  });
});

describe('completion', () => {
  test('a VNeID confirmation needs its evidence; course and issuer unless the resident only told us', () => {
    expect(completionSchema.safeParse(aCompletion()).success).toBe(true);
    expect(messages(completionSchema.safeParse(aCompletion({ vneid: undefined })))).toContain(
      'vneid.evidence.required',
    );
    expect(
      messages(completionSchema.safeParse(aCompletion({ vneid: { channel: 'platform_certificate' } }))),
    ).toEqual(expect.arrayContaining(['vneid.courseName.required', 'vneid.issuer.required']));
    expect(completionSchema.safeParse(aCompletion({ vneid: { channel: 'resident_word' } })).success).toBe(
      true,
    );
  });

  test('trained and passed need skills and no VNeID evidence', () => {
    const skills = [{ catalogue: 'khung-757', version: '1.0', code: '1.1' }];
    expect(
      completionSchema.safeParse(aCompletion({ kind: 'passed', vneid: undefined, skills })).success,
    ).toBe(true);
    expect(
      messages(completionSchema.safeParse(aCompletion({ kind: 'trained', vneid: undefined }))),
    ).toContain('skills.required');
    expect(messages(completionSchema.safeParse(aCompletion({ kind: 'trained', skills })))).toContain(
      'vneid.evidence.required',
    );
  });

  test('has no field for photos or a full citizen ID', () => {
    const keys = Object.keys(completionSchema.shape).concat(Object.keys(residentSchema.shape));
    expect(keys.filter((k) => /photo|image|picture|cccd|citizenId$|ethnic|gps|location/i.test(k))).toEqual(
      [],
    );
  });
});

describe('the skill catalogue file', () => {
  const file = catalogueFileSchema.parse(
    JSON.parse(readFileSync(new URL('../../public/catalogues/skills.json', import.meta.url), 'utf8')),
  );

  test('holds the 757/QĐ-BKHCN framework and the 5 basic skills, with teachable leaves', () => {
    const current = currentCatalogues(file);
    expect(current.map((c) => c.id)).toEqual(['khung-757', '5-ky-nang']);
    expect(teachableSkills(current[0]!).map((s) => s.code)).toEqual(['0.1', '0.2', '1.1', '1.2', '1.3']);
    expect(teachableSkills(current[1]!)).toHaveLength(5);
    expect(skillLabel(file, { catalogue: 'khung-757', version: '1.0', code: '1.1' }, 'vi')).toBe(
      '1.1 Tìm kiếm và lựa chọn thông tin',
    );
    expect(skillLabel(file, { catalogue: 'x', version: '9', code: '1' }, 'vi')).toBe('x@9:1');
  });

  test('a new version is data: the newest one is offered, old references still resolve', () => {
    const next = structuredClone(file);
    const v11 = { ...structuredClone(file.catalogues[0]!), version: '1.10' };
    v11.skills.push({ code: '2', title: { vi: 'Giao tiếp', en: 'Communicating' } });
    next.catalogues.push(v11);
    const parsed = catalogueFileSchema.parse(next);
    expect(currentCatalogues(parsed).find((c) => c.id === 'khung-757')?.version).toBe('1.10');
    expect(skillLabel(parsed, { catalogue: 'khung-757', version: '1.0', code: '0.1' }, 'en')).toBe(
      '0.1 Using a device',
    );
  });

  test('refuses a file that repeats a version or names an unknown parent', () => {
    const twice = { ...file, catalogues: [file.catalogues[0], file.catalogues[0]] };
    expect(catalogueFileSchema.safeParse(twice).success).toBe(false);
    const orphan = structuredClone(file);
    orphan.catalogues[0]!.skills.push({ code: '9.1', parent: '9', title: { vi: 'x', en: 'x' } });
    expect(catalogueFileSchema.safeParse(orphan).success).toBe(false);
  });
});

test('free text refuses half an emoji (a lone surrogate), which PostgreSQL cannot store, and keeps whole ones', () => {
  const name = text(1, 100, 'fullName');
  expect(name.safeParse('Hoa 😀').success).toBe(true);
  expect(name.safeParse('Hoa \ud83d').success).toBe(false);
  expect(name.safeParse('\ude00 Hoa').success).toBe(false);
});
