// The completions repository on RxDB memory storage: the resident's group, evidence for a VNeID
// confirmation, tombstones.
import { afterEach, describe, expect, test } from 'vitest';
import { emptyCompletionDraft, type CompletionDraft } from '../../../src/client/db';
import { ACTOR, closeAll, firstWatched, memoryDb, NOW, residentDraft, SKILL, type TestDb } from './helpers';

afterEach(closeAll);

async function withResident(): Promise<{ t: TestDb; residentId: string }> {
  const t = await memoryDb();
  const added = await t.db.residents.add(residentDraft({ groupId: 'tdp-03' }));
  if (!added.ok) throw new Error(JSON.stringify(added.errors));
  return { t, residentId: added.record.id };
}

const vneid = (residentId: string, v: Partial<CompletionDraft['vneid']> = {}): CompletionDraft => ({
  ...emptyCompletionDraft(residentId),
  kind: 'vneid',
  date: '22/11/2026',
  vneid: { channel: 'vneid_app', courseName: '', issuer: '', recordNumber: '', ...v },
});

describe('completions', () => {
  test('a training completion is saved under the resident group, recorded by the actor', async () => {
    const { t, residentId } = await withResident();
    const result = await t.db.completions.add({
      ...emptyCompletionDraft(residentId),
      kind: 'trained',
      date: '5/11/2026',
      skills: [SKILL],
    });
    expect(result).toEqual({
      ok: true,
      record: {
        id: expect.any(String),
        wardCode: '99999',
        groupId: 'tdp-03',
        residentId,
        kind: 'trained',
        date: '2026-11-05',
        skills: [SKILL],
        recordedBy: ACTOR.name,
        recordedById: ACTOR.id,
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      },
    });
  });

  test('trained and passed need skills; the kind must be chosen', async () => {
    const { t, residentId } = await withResident();
    const base = { ...emptyCompletionDraft(residentId), date: '22/11/2026' };
    expect(await t.db.completions.add({ ...base, kind: 'passed' })).toEqual({
      ok: false,
      errors: { skills: 'skills.required' },
    });
    expect(await t.db.completions.add({ ...base, skills: [SKILL] })).toEqual({
      ok: false,
      errors: { kind: 'completionKind.required' },
    });
  });

  test('a VNeID confirmation needs the course and issuer as shown', async () => {
    const { t, residentId } = await withResident();
    expect(await t.db.completions.add(vneid(residentId))).toEqual({
      ok: false,
      errors: { 'vneid.courseName': 'vneid.courseName.required', 'vneid.issuer': 'vneid.issuer.required' },
    });
    expect(await t.db.completions.add(vneid(residentId, { channel: '' }))).toEqual({
      ok: false,
      errors: { 'vneid.channel': 'vneid.channel' },
    });
    const shown = await t.db.completions.add(
      vneid(residentId, { courseName: ' Phổ cập  kỹ năng số ', issuer: 'Bộ KH&CN', recordNumber: ' ' }),
    );
    expect(shown.ok && shown.record.vneid).toEqual({
      channel: 'vneid_app',
      courseName: 'Phổ cập kỹ năng số',
      issuer: 'Bộ KH&CN',
    });
    expect(shown.ok && shown.record).not.toHaveProperty('skills');
  });

  test("the resident's word is enough without course and issuer", async () => {
    const { t, residentId } = await withResident();
    const result = await t.db.completions.add(vneid(residentId, { channel: 'resident_word' }));
    expect(result.ok && result.record.vneid).toEqual({ channel: 'resident_word' });
  });

  test('a completion for a resident not on the device is refused', async () => {
    const { db } = await memoryDb();
    const draft = {
      ...emptyCompletionDraft('3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b'),
      kind: 'trained' as const,
    };
    expect(await db.completions.add(draft)).toEqual({ ok: false, errors: { form: 'record.missing' } });
    expect(await db.completions.add(emptyCompletionDraft(''))).toEqual({
      ok: false,
      errors: { form: 'record.missing' },
    });
  });

  test('a removed completion leaves the live list but stays on the device as a tombstone', async () => {
    const { t, residentId } = await withResident();
    const kept = await t.db.completions.add(
      vneid(residentId, { channel: 'resident_word', recordNumber: '' }),
    );
    const removed = await t.db.completions.add({
      ...vneid(residentId, { channel: 'paper', courseName: 'Khoá 1', issuer: 'UBND' }),
      date: '23/11/2026',
    });
    if (!kept.ok || !removed.ok) throw new Error('not saved');
    const both = await firstWatched(t.db.completions.watchAll, (l) => l.length === 2);
    expect(both.map((c) => c.id)).toEqual([removed.record.id, kept.record.id]);
    await t.db.completions.remove(removed.record.id);
    const live = await firstWatched(t.db.completions.watchAll, (l) => l.length === 1);
    expect(live.map((c) => c.id)).toEqual([kept.record.id]);
    const stored = await t.db.rx.completions.storageInstance.findDocumentsById([removed.record.id], true);
    expect(stored[0]).toMatchObject({ id: removed.record.id, _deleted: true });
  });
});
