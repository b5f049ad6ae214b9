import { describe, expect, test } from 'vitest';
import { completionSchema, MERGE_POLICIES, mergeThreeWay } from '../../src/shared';
import { aCompletion, aResident, aSession } from './fixtures';

describe('three-way merge of a conflicting record', () => {
  const base = aResident();

  test('keeps the device edit and the server edit when they touch different fields', () => {
    const master = { ...base, phone: '0912345678', updatedAt: '2026-11-21T00:00:00.000Z' };
    const local = { ...base, fullName: 'Nguyễn Thị Hoà', updatedAt: '2026-11-22T00:00:00.000Z' };
    expect(mergeThreeWay({ assumed: base, master, local })).toEqual({
      ...base,
      phone: '0912345678',
      fullName: 'Nguyễn Thị Hoà',
      updatedAt: '2026-11-22T00:00:00.000Z',
      _deleted: false,
    });
  });

  test('the device wins a field both sides changed (it is the later writer in server order)', () => {
    const merged = mergeThreeWay({
      assumed: base,
      master: { ...base, birthYear: 1957 },
      local: { ...base, birthYear: 1959 },
    });
    expect(merged['birthYear']).toBe(1959);
  });

  test('a field the device removed stays removed; one it did not touch keeps the server value', () => {
    const withPhone = { ...base, phone: '0912345678' };
    const local: Record<string, unknown> = { ...withPhone };
    delete local['phone'];
    expect(mergeThreeWay({ assumed: withPhone, master: withPhone, local })).not.toHaveProperty('phone');
    expect(mergeThreeWay({ assumed: base, master: withPhone, local: base })['phone']).toBe('0912345678');
  });

  test('a deletion on either side is kept', () => {
    expect(
      mergeThreeWay({
        assumed: base,
        master: { ...base, _deleted: true },
        local: { ...base, birthYear: 1960 },
      })['_deleted'],
    ).toBe(true);
    expect(
      mergeThreeWay({
        assumed: base,
        master: { ...base, birthYear: 1960 },
        local: { ...base, _deleted: true },
      })['_deleted'],
    ).toBe(true);
  });

  test('without an assumed state the device version wins every field it has', () => {
    const merged = mergeThreeWay({ master: { ...base, birthYear: 1957 }, local: base });
    expect(merged['birthYear']).toBe(base.birthYear);
  });
});

describe('conflict policy per record type', () => {
  const A = '00000000-0000-4000-8000-00000000000a';
  const B = '00000000-0000-4000-8000-00000000000b';
  const C = '00000000-0000-4000-8000-00000000000c';
  const sessions = MERGE_POLICIES.sessions;
  const completions = MERGE_POLICIES.completions;

  test('attendees ticked on two phones offline both count (a plain merge would drop the server ones)', () => {
    const base = aSession({ attendeeIds: [A] });
    const master = { ...base, attendeeIds: [A, B] };
    const local = { ...base, attendeeIds: [A, C] };
    expect(mergeThreeWay({ assumed: base, master, local }, sessions)['attendeeIds']).toEqual([A, B, C]);
    expect(mergeThreeWay({ assumed: base, master, local })['attendeeIds']).toEqual([A, C]);
  });

  test('an attendee removed on one side stays removed, unless the other side is adding them', () => {
    const base = aSession({ attendeeIds: [A, B] });
    const merged = mergeThreeWay(
      { assumed: base, master: { ...base, attendeeIds: [A, B, C] }, local: { ...base, attendeeIds: [A] } },
      sessions,
    );
    expect(merged['attendeeIds']).toEqual([A, C]);
  });

  test('without a base, set fields are the union; skills and trainers merge the same way', () => {
    const skill = (code: string) => ({ catalogue: '5-ky-nang', version: '2024', code });
    const master = aSession({ attendeeIds: [A], skills: [skill('1')], trainers: ['Lan'] });
    const local = aSession({ attendeeIds: [B], skills: [skill('1'), skill('3')], trainers: ['Tư'] });
    const merged = mergeThreeWay({ master, local }, sessions);
    expect(merged['attendeeIds']).toEqual([A, B]);
    expect(merged['skills']).toEqual([skill('1'), skill('3')]);
    expect(merged['trainers']).toEqual(['Lan', 'Tư']);
  });

  test('a VNeID confirmation on the server is not undone by an older deletion or change of kind', () => {
    const base = aCompletion();
    const master = { ...base, verifiedBy: 'Cán bộ Lan', verifiedAt: '2026-11-23T02:00:00.000Z' };
    const deleted = mergeThreeWay({ assumed: base, master, local: { ...base, _deleted: true } }, completions);
    expect(deleted).toMatchObject({ kind: 'vneid', _deleted: false, verifiedBy: 'Cán bộ Lan' });
    expect(mergeThreeWay({ assumed: base, master, local: { ...base, _deleted: true } })['_deleted']).toBe(
      true,
    );

    const { vneid: _gone, ...rest } = base;
    const downgraded = {
      ...rest,
      kind: 'trained',
      skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
    };
    const merged = mergeThreeWay({ assumed: base, master, local: downgraded }, completions);
    expect(merged).toMatchObject({ kind: 'vneid', vneid: base.vneid, _deleted: false });
    expect(merged).not.toHaveProperty('skills');
    const { _deleted, ...record } = merged;
    expect(_deleted).toBe(false);
    expect(completionSchema.safeParse(record).success).toBe(true);
  });

  test('evidence edits still merge, and an officer deletion on the server is kept', () => {
    const base = aCompletion();
    const local = { ...base, vneid: { ...base.vneid!, recordNumber: 'BDHVS-123' } };
    const master = { ...base, verifiedBy: 'Cán bộ Lan' };
    expect(mergeThreeWay({ assumed: base, master, local }, completions)).toMatchObject({
      vneid: { recordNumber: 'BDHVS-123' },
      verifiedBy: 'Cán bộ Lan',
    });
    const erased = mergeThreeWay({ assumed: base, master: { ...base, _deleted: true }, local }, completions);
    expect(erased['_deleted']).toBe(true);
  });
});

describe('an erasure tombstone (docs/privacy.md R4)', () => {
  const tombstone = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    wardCode: '99999',
    groupId: 'tdp-01',
    ...extra,
    erasedAt: '2026-12-01T02:00:00.000Z',
    _deleted: true,
  });

  test('is taken wholesale: nothing of the device edit is kept, whatever its base', () => {
    const base = aResident();
    const master = tombstone(base.id);
    const local = { ...base, fullName: 'Nguyễn Thị Hoà', phone: '0912345678', _deleted: false };
    expect(mergeThreeWay({ assumed: base, master, local })).toEqual(master);
    expect(mergeThreeWay({ master, local })).toEqual(master);
    expect(mergeThreeWay({ assumed: base, master, local: { ...base, _deleted: true } })).toEqual(master);
  });

  test('wins over every collection policy, a VNeID confirmation included', () => {
    const base = aCompletion();
    const master = tombstone(base.id, { residentId: base.residentId });
    const local = { ...base, notes: 'đã xem trên VNeID', _deleted: false };
    for (const policy of Object.values(MERGE_POLICIES)) {
      expect(mergeThreeWay({ assumed: base, master, local }, policy)).toEqual(master);
    }
  });

  test('an ordinary deletion without erasedAt still merges field by field', () => {
    const base = aResident();
    const master = { ...base, _deleted: true };
    const merged = mergeThreeWay({ assumed: base, master, local: { ...base, birthYear: 1960 } });
    expect(merged).toMatchObject({ _deleted: true, birthYear: 1960, fullName: base.fullName });
  });
});
