import { describe, expect, test } from 'vitest';
import { mergeThreeWay } from '../../src/shared';
import { aResident } from './fixtures';

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
