import { describe, expect, test } from 'vitest';
import { canonicalJson, fingerprint, sameSyncState, syncState } from '../../src/shared';
import { aResident } from './fixtures';

describe('canonical form of a replicated document', () => {
  test('key order does not change the canonical form or the fingerprint', () => {
    const a = { b: 1, a: { y: 2, x: [1, { d: 1, c: 2 }] } };
    const b = { a: { x: [1, { c: 2, d: 1 }], y: 2 }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(fingerprint(a)).toBe(fingerprint(b));
  });

  test('storage metadata is not part of the replicated state', () => {
    const doc = aResident();
    const stored = { ...doc, _rev: '3-abc', _meta: { lwt: 1 }, _attachments: {}, _deleted: false };
    expect(sameSyncState(doc, stored)).toBe(true);
    expect(syncState(stored)).toEqual({ ...doc, _deleted: false });
  });

  test('a missing tombstone flag means not deleted, and deletion changes the state', () => {
    const doc = aResident();
    expect(sameSyncState(doc, { ...doc, _deleted: false })).toBe(true);
    expect(sameSyncState(doc, { ...doc, _deleted: true })).toBe(false);
  });

  test('any field change changes the fingerprint', () => {
    const doc = aResident();
    expect(fingerprint(doc)).not.toBe(fingerprint({ ...doc, birthYear: 1959 }));
    expect(fingerprint(doc)).not.toBe(fingerprint({ ...doc, fullName: 'Nguyễn Thị Hoà' }));
  });

  test('undefined fields are the same as absent ones', () => {
    expect(sameSyncState(aResident(), { ...aResident(), phone: undefined })).toBe(true);
  });
});
