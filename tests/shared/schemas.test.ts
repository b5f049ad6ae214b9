import { describe, expect, test } from 'vitest';
import { groupSchema, residentSchema, wardSchema, withDeleted } from '../../src/shared';
import { aConsent, aResident } from './fixtures';

function keysOf(input: unknown): string[] {
  const result = residentSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
}

describe('resident schema', () => {
  test('accepts a complete resident', () => {
    expect(
      keysOf(
        aResident({
          phone: '0912345678',
          birthDate: '1958-04-30',
          citizenIdLast4: '4321',
          consents: [aConsent(), aConsent({ purpose: 'contact', method: 'signed' })],
        }),
      ),
    ).toEqual([]);
  });

  test('accepts Vietnamese names in NFC and NFD, emoji and right-to-left marks as plain text', () => {
    expect(keysOf(aResident({ fullName: 'Nguyễn Văn Đức'.normalize('NFD') }))).toEqual([]);
    expect(keysOf(aResident({ fullName: 'Bà Tư 👵 \u200f' + 'x' }))).toEqual([]);
  });

  test.each([
    [{ fullName: '' }, 'fullName:fullName.tooShort'],
    [{ fullName: 'A' }, 'fullName:fullName.tooShort'],
    [{ fullName: 'x'.repeat(101) }, 'fullName:fullName.tooLong'],
    [{ fullName: ' Hoa ' }, 'fullName:fullName.untrimmed'],
    [{ fullName: 'Ho\u0000a' }, 'fullName:text.invalidChars'],
    [{ birthYear: 1899 }, 'birthYear:birthYear.outOfRange'],
    [{ birthYear: 1980.5 }, 'birthYear:birthYear.invalid'],
    [{ birthYear: new Date().getUTCFullYear() + 1 }, 'birthYear:birthYear.future'],
    [{ birthDate: '1958-02-30' }, 'birthDate:date.invalid'],
    [{ birthDate: '1960-01-01' }, 'birthDate:birthDate.mismatch'],
    [{ sex: 'x' as never }, 'sex:sex.required'],
    [{ phone: '12345' }, 'phone:phone.invalid'],
    [{ groupId: '' }, 'groupId:groupId.required'],
    [{ groupId: 'tổ 1' }, 'groupId:groupId.invalid'],
    [{ wardCode: '1234' }, 'wardCode:wardCode.invalid'],
    [{ id: 'not-a-uuid' }, 'id:id.invalid'],
    [{ createdAt: '20/11/2026' }, 'createdAt:instant.invalid'],
  ])('rejects %o with %s', (change, expected) => {
    expect(keysOf(aResident(change))).toContain(expected);
  });

  test('rejects fields it does not know, so nothing unexpected is ever stored', () => {
    expect(keysOf({ ...aResident(), citizenId: '001099012345' })).toHaveLength(1);
  });

  test('the replicated form adds exactly the tombstone flag', () => {
    const schema = withDeleted(residentSchema);
    expect(schema.safeParse({ ...aResident(), _deleted: true }).success).toBe(true);
    expect(schema.safeParse(aResident()).success).toBe(false);
  });
});

describe('ward and group schemas', () => {
  test('a ward is identified by its 5-digit code', () => {
    expect(wardSchema.safeParse({ code: '99999', name: 'Phường Hồng An', provinceCode: '31' }).success).toBe(
      true,
    );
    expect(wardSchema.safeParse({ code: '9999', name: 'Phường Hồng An', provinceCode: '31' }).success).toBe(
      false,
    );
  });

  test('a group has a local id, a ward and a kind', () => {
    const group = { id: 'tdp-01', wardCode: '99999', name: 'Tổ dân phố 1', kind: 'to_dan_pho' };
    expect(groupSchema.safeParse(group).success).toBe(true);
    expect(groupSchema.safeParse({ ...group, kind: 'city' }).success).toBe(false);
  });
});
