// The residents repository on RxDB memory storage (and once on Dexie): drafts → records, validation keys
// per field, consent as history, duplicates.
import { afterEach, describe, expect, test } from 'vitest';
import 'fake-indexeddb/auto';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createDatabase, type ResidentDraft } from '../../../src/client/db';
import { createResidentsRepo } from '../../../src/client/db/residents-repo';
import type { ResidentCollection } from '../../../src/client/db/collections';
import { CURRENT_CONSENT_WORDING, type Resident } from '../../../src/shared';
import { ACTOR, closeAll, firstWatched, memoryDb, NOW, residentDraft, TODAY } from './helpers';

afterEach(closeAll);

async function saved(
  draft: ResidentDraft,
): Promise<{ record: Resident; db: Awaited<ReturnType<typeof memoryDb>> }> {
  const t = await memoryDb();
  const result = await t.db.residents.add(draft);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { record: result.record, db: t };
}

describe('adding a resident', () => {
  test('a valid draft is saved as a normalised record, with consent asked by the actor today', async () => {
    const { db } = await memoryDb();
    const result = await db.residents.add(
      residentDraft({
        fullName: 'Tr\u0061\u0300n Văn  Bình',
        birthDate: '5/3/1961',
        phone: '091 234.56-78',
        citizenIdLast4: ' 0123 ',
        consent: { registration: true, contact: true, method: 'signed', date: '' },
      }),
    );
    expect(result.ok).toBe(true);
    const list = await firstWatched(db.residents.watchAll, (l) => l.length > 0);
    const consent = { askedBy: ACTOR.name, askedById: ACTOR.id, date: TODAY, method: 'signed' };
    expect(list).toEqual([
      {
        id: expect.any(String),
        wardCode: '99999',
        groupId: 'tdp-02',
        fullName: 'Tr\u00e0n Văn Bình',
        birthYear: 1961,
        birthDate: '1961-03-05',
        sex: 'male',
        phone: '0912345678',
        citizenIdLast4: '0123',
        consents: [
          { purpose: 'registration', ...consent, wordingVersion: CURRENT_CONSENT_WORDING },
          { purpose: 'contact', ...consent, wordingVersion: CURRENT_CONSENT_WORDING },
        ],
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      },
    ]);
  });

  test('blank optional fields are left out of the record', async () => {
    const { record } = await saved(residentDraft({ phone: '  ', birthDate: ' ', citizenIdLast4: '' }));
    expect(record).not.toHaveProperty('phone');
    expect(record).not.toHaveProperty('birthDate');
    expect(record).not.toHaveProperty('citizenIdLast4');
  });

  test('an invalid draft saves nothing and names each bad field with a catalogue key', async () => {
    const { db } = await memoryDb();
    const result = await db.residents.add(
      residentDraft({
        fullName: ' ',
        birthYear: '19a1',
        sex: '',
        groupId: '',
        phone: '123',
        citizenIdLast4: '12',
        birthDate: '31/02/1961',
      }),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        fullName: 'fullName.required',
        birthYear: 'birthYear.invalid',
        birthDate: 'date.invalid',
        sex: 'sex.required',
        groupId: 'groupId.required',
        phone: 'phone.invalid',
        citizenIdLast4: 'citizenIdLast4.invalid',
      },
    });
    expect(await db.residents.count()).toBe(0);
  });

  test.each([
    ['', 'birthYear.required'],
    ['1899', 'birthYear.outOfRange'],
    ['2030', 'birthYear.future'],
  ])('birth year %j is refused with %s', async (birthYear, key) => {
    const { db } = await memoryDb();
    expect(await db.residents.add(residentDraft({ birthYear }))).toEqual({
      ok: false,
      errors: { birthYear: key },
    });
  });

  test('registration consent is required', async () => {
    const { db } = await memoryDb();
    const noConsent = { registration: false, contact: false, method: 'verbal' as const, date: '' };
    expect(await db.residents.add(residentDraft({ consent: noConsent }))).toEqual({
      ok: false,
      errors: { consent: 'consent.required' },
    });
    const contactOnly = { ...noConsent, contact: true };
    expect(await db.residents.add(residentDraft({ consent: contactOnly }))).toMatchObject({
      ok: false,
      errors: { consent: 'consent.required' },
    });
  });

  test('consent needs how it was given, and a real day when one is typed', async () => {
    const { db } = await memoryDb();
    const result = await db.residents.add(
      residentDraft({ consent: { registration: true, contact: false, method: '', date: '32/11/2026' } }),
    );
    expect(result).toEqual({
      ok: false,
      errors: { consentMethod: 'consent.method', consentDate: 'date.invalid' },
    });
  });

  test('a typed consent day is kept (dd/mm/yyyy and d/m/yyyy)', async () => {
    const a = await saved(
      residentDraft({
        consent: { registration: true, contact: false, method: 'verbal', date: '20/11/2026' },
      }),
    );
    expect(a.record.consents[0]!.date).toBe('2026-11-20');
    const b = await saved(
      residentDraft({ consent: { registration: true, contact: false, method: 'verbal', date: '2/1/2026' } }),
    );
    expect(b.record.consents[0]!.date).toBe('2026-01-02');
  });

  test('a phone number needs contact consent', async () => {
    const { db } = await memoryDb();
    expect(await db.residents.add(residentDraft({ phone: '0912345678' }))).toEqual({
      ok: false,
      errors: { phone: 'phone.needsConsent' },
    });
  });

  test('a birth date must fall in the birth year', async () => {
    const { db } = await memoryDb();
    expect(await db.residents.add(residentDraft({ birthYear: '1961', birthDate: '05/03/1962' }))).toEqual({
      ok: false,
      errors: { birthDate: 'birthDate.mismatch' },
    });
  });

  test('the typed draft is left exactly as it was when saving fails', async () => {
    const { db } = await memoryDb();
    const draft = residentDraft({ fullName: ' ', phone: '091 234', birthDate: '1/1/1961' });
    const before = structuredClone(draft);
    await db.residents.add(draft);
    expect(draft).toEqual(before);
  });

  test('a full phone storage is reported as such, other storage failures generically', async () => {
    const failing = (err: unknown) =>
      createResidentsRepo({ insert: async () => Promise.reject(err) } as unknown as ResidentCollection, {
        wardCode: '99999',
        actor: ACTOR,
        now: () => NOW,
      });
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(await failing(quota).add(residentDraft())).toEqual({
      ok: false,
      errors: { form: 'storage.full' },
    });
    const wrapped = Object.assign(new Error('Dexie write failed'), { inner: quota });
    expect(await failing(wrapped).add(residentDraft())).toEqual({
      ok: false,
      errors: { form: 'storage.full' },
    });
    expect(await failing(new Error('boom')).add(residentDraft())).toEqual({
      ok: false,
      errors: { form: 'storage.failed' },
    });
  });
});

describe('editing a resident', () => {
  const withContact = residentDraft({
    phone: '0912345678',
    consent: { registration: true, contact: true, method: 'verbal', date: '20/11/2026' },
  });

  test('the form sees the saved resident as typed (dd/mm/yyyy, ticks from live consents)', async () => {
    const { record, db } = await saved({ ...withContact, birthDate: '05/03/1961' });
    expect(db.db.residents.draftOf(record)).toEqual({
      fullName: 'Trần Văn Bình',
      birthYear: '1961',
      birthDate: '05/03/1961',
      sex: 'male',
      groupId: 'tdp-02',
      phone: '0912345678',
      citizenIdLast4: '',
      consent: { registration: true, contact: true, method: 'verbal', date: '' },
    });
  });

  test('withdrawing contact consent keeps the consent as history, dated today; createdAt stays', async () => {
    const { record, db } = await saved(withContact);
    const later = new Date(2026, 10, 25, 10, 0, 0);
    db.setNow(later);
    const draft = db.db.residents.draftOf(record);
    const result = await db.db.residents.update(record.id, {
      ...draft,
      phone: '',
      consent: { ...draft.consent, contact: false },
    });
    expect(result.ok).toBe(true);
    const stored = await db.db.residents.get(record.id);
    expect(stored).toMatchObject({ createdAt: record.createdAt, updatedAt: later.toISOString() });
    expect(stored).not.toHaveProperty('phone');
    expect(stored!.consents).toEqual([
      record.consents[0],
      { ...record.consents[1], withdrawnOn: '2026-11-25' },
    ]);
    expect(db.db.residents.draftOf(stored!).consent.contact).toBe(false);
  });

  test('consent given again is added after the withdrawn one, never replacing it', async () => {
    const { record, db } = await saved(withContact);
    const draft = db.db.residents.draftOf(record);
    await db.db.residents.update(record.id, {
      ...draft,
      phone: '',
      consent: { ...draft.consent, contact: false },
    });
    const again = await db.db.residents.update(record.id, {
      ...draft,
      consent: { registration: true, contact: true, method: 'signed', date: '' },
    });
    expect(
      again.ok && again.record.consents.map((c) => [c.purpose, c.method, c.withdrawnOn ?? null]),
    ).toEqual([
      ['registration', 'verbal', null],
      ['contact', 'verbal', TODAY],
      ['contact', 'signed', null],
    ]);
  });

  test('keeping the phone while withdrawing contact consent is refused and nothing changes', async () => {
    const { record, db } = await saved(withContact);
    const draft = db.db.residents.draftOf(record);
    const result = await db.db.residents.update(record.id, {
      ...draft,
      consent: { ...draft.consent, contact: false },
    });
    expect(result).toEqual({ ok: false, errors: { phone: 'phone.needsConsent' } });
    expect(await db.db.residents.get(record.id)).toEqual(record);
  });

  test('an edit of a resident that is not on the device is refused', async () => {
    const { db } = await memoryDb();
    expect(await db.residents.update('3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b', residentDraft())).toEqual({
      ok: false,
      errors: { form: 'record.missing' },
    });
  });
});

describe('possible duplicates', () => {
  test('same group, same name ignoring accents and spacing, same birth year', async () => {
    const { db } = await memoryDb();
    const first = await db.residents.add(residentDraft({ fullName: 'Nguyễn Văn An', birthYear: '1960' }));
    await db.residents.add(residentDraft({ fullName: 'Nguyễn Văn An', birthYear: '1961' }));
    await db.residents.add(
      residentDraft({ fullName: 'Nguyễn Văn An', birthYear: '1960', groupId: 'tdp-03' }),
    );
    const id = first.ok ? first.record.id : '';
    const probe = { groupId: 'tdp-02', fullName: 'nguyen  van AN', birthYear: '1960' };
    expect((await db.residents.possibleDuplicates(probe)).map((r) => r.id)).toEqual([id]);
    expect(await db.residents.possibleDuplicates(probe, id)).toEqual([]);
    expect(await db.residents.possibleDuplicates({ ...probe, birthYear: '19' })).toEqual([]);
  });
});

describe('on IndexedDB (Dexie storage)', () => {
  test('a saved resident is still there after the database is closed and reopened', async () => {
    const name = `idb${Math.random().toString(36).slice(2)}`;
    const options = {
      storage: getRxStorageDexie(),
      multiInstance: false,
      name,
      wardCode: '99999',
      actor: ACTOR,
    };
    const first = await createDatabase(options);
    expect((await first.residents.add(residentDraft())).ok).toBe(true);
    await first.close();
    const second = await createDatabase(options);
    expect(await second.residents.count()).toBe(1);
    await second.close();
  });
});
