// The pure part of the resident-list import: header guessing (accents or not, capitals, NFD, a title
// above), cell parsing (dates, sex words, phones, citizen-ID digits), group names, row → resident or
// errors, and each row's status (new / existing / invalid, repeats inside the file).
import { describe, expect, test } from 'vitest';
import {
  EMPTY_MAPPING,
  buildImportRow,
  classifyRows,
  cleanName,
  excelSerialDate,
  groupResolver,
  guessHeaderRow,
  guessMapping,
  importConsents,
  importProblemMessage,
  importProblemOf,
  missingFields,
  parseBirthCell,
  parseCitizenIdLast4,
  parsePhone,
  parseSex,
  residentImportBodySchema,
  type ImportIdParts,
  type ImportMapping,
  type ImportRowContext,
  type SheetRow,
} from '../../src/shared/resident-import';
import { residentSchema, type ResidentialGroup } from '../../src/shared';

const WARD = '99999';
const GROUPS: ResidentialGroup[] = [
  { id: 'to-1', wardCode: WARD, name: 'Tổ 1', kind: 'to_dan_pho' },
  { id: 'to-2', wardCode: WARD, name: 'Tổ dân phố 2', kind: 'to_dan_pho' },
  { id: 'to-12', wardCode: WARD, name: 'Tổ 12', kind: 'to_dan_pho' },
  { id: 'thon-dong', wardCode: WARD, name: 'Thôn Đông', kind: 'thon' },
];
const NOW = new Date('2026-11-20T03:00:00.000Z');

/** A readable fake id: same parts → same id, like the server's hash. */
function fakeId(parts: ImportIdParts): string {
  const text = JSON.stringify(parts);
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const hex = h.toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex}0000`;
}

function context(overrides: Partial<ImportRowContext> = {}): ImportRowContext {
  return {
    wardCode: WARD,
    resolveGroup: groupResolver(GROUPS),
    ...importConsents({ id: 'a1', fullName: 'Nguyễn Thị Lan' }, '2026-11-20'),
    keepPhones: false,
    now: NOW,
    makeId: fakeId,
    ...overrides,
  };
}

const HEADERS = ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số điện thoại', 'Tổ', '4 số cuối CCCD'];
const MAPPING = guessMapping(HEADERS);
const row = (n: number, ...cells: SheetRow['cells']): SheetRow => ({ row: n, cells: [n - 1, ...cells] });

describe('headers', () => {
  test('the usual Vietnamese headers map to their fields; STT is not used', () => {
    expect(MAPPING).toEqual({
      fullName: 1,
      birthYear: 2,
      birthDate: null,
      sex: 3,
      phone: 4,
      group: 5,
      citizenIdLast4: 6,
    });
  });

  test('without diacritics, in capitals, NFD-decomposed or with notes after the name', () => {
    const nfd = (s: string) => s.normalize('NFD');
    expect(
      guessMapping(['HO VA TEN', nfd('Ngày tháng năm sinh'), nfd('GIỚI TÍNH'), 'SĐT', 'Tổ dân phố', 'cccd']),
    ).toEqual({
      fullName: 0,
      birthYear: null,
      birthDate: 1,
      sex: 2,
      phone: 3,
      group: 4,
      citizenIdLast4: 5,
    });
    expect(guessMapping(['Họ và tên (*)', 'Năm sinh (yyyy)', 'Thôn'])).toMatchObject({
      fullName: 0,
      birthYear: 1,
      group: 2,
    });
  });

  test('the header row is found below a title; none when no row names a full name and another field', () => {
    const rows: SheetRow[] = [
      { row: 1, cells: ['DANH SÁCH NGƯỜI DÂN TỔ 3'] },
      { row: 2, cells: ['Phường Hồng An, ngày 20/11/2026'] },
      { row: 4, cells: HEADERS },
      { row: 5, cells: [1, 'Nguyễn Văn An', 1958, 'Nam'] },
    ];
    expect(guessHeaderRow(rows)?.row).toBe(4);
    expect(guessHeaderRow([{ row: 1, cells: ['a', 'b'] }, rows[3]!])).toBeUndefined();
  });

  test('required fields without a column; the group is not required with one group for the file', () => {
    expect(missingFields(EMPTY_MAPPING, false)).toEqual(['fullName', 'birthYear', 'sex', 'group']);
    expect(missingFields({ ...MAPPING, group: null }, true)).toEqual([]);
    expect(missingFields({ ...MAPPING, birthYear: null, birthDate: 7 }, false)).toEqual([]);
  });
});

describe('cells', () => {
  test('birth: years, dd/mm/yyyy, d/m/yy, ISO, Excel dates and serials, month/year', () => {
    const y = 2026;
    expect(parseBirthCell(1958, y)).toEqual({ year: 1958 });
    expect(parseBirthCell('1958', y)).toEqual({ year: 1958 });
    expect(parseBirthCell('05/03/1958', y)).toEqual({ year: 1958, date: '1958-03-05' });
    expect(parseBirthCell('5-3-1958', y)).toEqual({ year: 1958, date: '1958-03-05' });
    expect(parseBirthCell('5/3/58', y)).toEqual({ year: 1958, date: '1958-03-05' });
    expect(parseBirthCell('1/2/05', y)).toEqual({ year: 2005, date: '2005-02-01' });
    expect(parseBirthCell('1958-03-05', y)).toEqual({ year: 1958, date: '1958-03-05' });
    expect(parseBirthCell('05/03/1958 00:00:00', y)).toEqual({ year: 1958, date: '1958-03-05' });
    expect(parseBirthCell(new Date(Date.UTC(1958, 2, 5)), y)).toEqual({ year: 1958, date: '1958-03-05' });
    expect(parseBirthCell(21249, y)).toEqual({ year: 1958, date: '1958-03-05' });
    expect(excelSerialDate(21249)).toBe('1958-03-05');
    expect(parseBirthCell('03/1958', y)).toEqual({ year: 1958 });
    expect(parseBirthCell('', y)).toBeNull();
    expect(parseBirthCell(null, y)).toBeNull();
    expect(parseBirthCell('31/02/1958', y)).toBe('invalid');
    expect(parseBirthCell('năm mươi tám', y)).toBe('invalid');
    expect(parseBirthCell(1958.5, y)).toBe('invalid');
  });

  test('sex words, with or without accents, any case', () => {
    expect(['Nam', 'NAM', 'nam', 'M', 'male'].map(parseSex)).toEqual(Array(5).fill('male'));
    expect(['Nữ', 'NỮ', 'nu', 'Nữ'.normalize('NFD'), 'F'].map(parseSex)).toEqual(Array(5).fill('female'));
    expect(parseSex('')).toBeNull();
    expect(parseSex('khác')).toBe('invalid');
  });

  test('phones are cleaned like the phone app does, plus the zero Excel drops', () => {
    expect(parsePhone('091 234.56-78')).toBe('0912345678');
    expect(parsePhone(912345678)).toBe('0912345678');
    expect(parsePhone('84912345678')).toBe('0912345678');
    expect(parsePhone('+84 912 345 678')).toBe('+84912345678');
    expect(parsePhone("'0912345678")).toBe('0912345678');
    expect(parsePhone('0912345678 / 0987654321')).toBe('0912345678');
    expect(parsePhone('')).toBeNull();
    expect(parsePhone('không có')).toBe('khôngcó');
  });

  test('citizen ID: 4 digits, or the last 4 of a full number (never kept whole)', () => {
    expect(parseCitizenIdLast4('1234')).toBe('1234');
    expect(parseCitizenIdLast4('001 085 012 345')).toBe('2345');
    expect(parseCitizenIdLast4(1085012345)).toBe('2345');
    expect(parseCitizenIdLast4(123)).toBe('0123');
    expect(parseCitizenIdLast4('123')).toBe('invalid');
    expect(parseCitizenIdLast4('12a4')).toBe('invalid');
    expect(parseCitizenIdLast4(null)).toBeNull();
  });

  test('names: NFC, single spaces; capitals become title case', () => {
    expect(cleanName('  Nguyễn   Văn  An ')).toBe('Nguyễn Văn An');
    expect(cleanName('NGUYỄN VĂN ĐỨC'.normalize('NFD'))).toBe('Nguyễn Văn Đức');
    expect(cleanName('Lê thị Hoa')).toBe('Lê thị Hoa');
  });

  test('groups by name, id, number or name without its kind; unknown and ambiguous are told apart', () => {
    const resolve = groupResolver(GROUPS);
    expect(resolve('Tổ 1')).toEqual({ groupId: 'to-1' });
    expect(resolve('TO 1')).toEqual({ groupId: 'to-1' });
    expect(resolve('1')).toEqual({ groupId: 'to-1' });
    expect(resolve('Tổ dân phố số 01')).toEqual({ groupId: 'to-1' });
    expect(resolve('2')).toEqual({ groupId: 'to-2' });
    expect(resolve('Tổ 2')).toEqual({ groupId: 'to-2' });
    expect(resolve('12')).toEqual({ groupId: 'to-12' });
    expect(resolve('thon dong')).toEqual({ groupId: 'thon-dong' });
    expect(resolve('Đông')).toEqual({ groupId: 'thon-dong' });
    expect(resolve('to-12')).toEqual({ groupId: 'to-12' });
    expect(resolve('Tổ 9')).toEqual({ error: 'unknown' });
    const twice = groupResolver([...GROUPS, { id: 'thon-1', wardCode: WARD, name: 'Thôn 1', kind: 'thon' }]);
    expect(twice('1')).toEqual({ error: 'ambiguous' });
    expect(twice('Thôn 1')).toEqual({ groupId: 'thon-1' });
  });

  test('file problems travel in the error message', () => {
    expect(importProblemOf(importProblemMessage('tooManyRows', 'Too many'))).toBe('tooManyRows');
    expect(importProblemOf('Invalid body: x')).toBeUndefined();
  });
});

describe('rows', () => {
  test('a valid row becomes a resident the shared schema accepts, with the officer’s paper consent', () => {
    const result = buildImportRow(
      row(5, 'NGUYỄN VĂN AN', '05/03/1958', 'Nam', '', 'Tổ 1', ''),
      MAPPING,
      context(),
    );
    expect(result.errors).toEqual([]);
    const resident = result.resident!;
    expect(residentSchema.safeParse(resident).success).toBe(true);
    expect(resident).toMatchObject({
      wardCode: WARD,
      groupId: 'to-1',
      fullName: 'Nguyễn Văn An',
      birthYear: 1958,
      birthDate: '1958-03-05',
      sex: 'male',
      createdAt: NOW.toISOString(),
    });
    expect(resident.consents).toEqual([
      {
        purpose: 'registration',
        askedBy: 'Nguyễn Thị Lan',
        askedById: 'a1',
        date: '2026-11-20',
        method: 'signed',
        wordingVersion: 'v1',
      },
    ]);
    // Same person written differently (NFD, spaces, case) → the same id.
    const again = buildImportRow(
      row(9, ' nguyễn  văn an '.normalize('NFD'), '5/3/1958', 'nam', '', '1', ''),
      MAPPING,
      context(),
    );
    expect(again.resident?.id).toBe(resident.id);
  });

  test('a phone is kept only with contact consent; it is checked either way', () => {
    const cells = row(5, 'Lê Thị Hoa', 1960, 'Nữ', '0912 345 678', 'Tổ 2', '1234');
    const without = buildImportRow(cells, MAPPING, context());
    expect(without.hasPhone).toBe(true);
    expect(without.resident?.phone).toBeUndefined();
    expect(without.resident?.consents.map((c) => c.purpose)).toEqual(['registration']);
    expect(without.resident?.citizenIdLast4).toBe('1234');
    const withPhone = buildImportRow(cells, MAPPING, context({ keepPhones: true }));
    expect(withPhone.resident?.phone).toBe('0912345678');
    expect(withPhone.resident?.consents.map((c) => c.purpose)).toEqual(['registration', 'contact']);
    expect(residentSchema.safeParse(withPhone.resident).success).toBe(true);
    const bad = buildImportRow(row(6, 'Lê Thị Hoa', 1960, 'Nữ', '12345', 'Tổ 2', ''), MAPPING, context());
    expect(bad.resident).toBeUndefined();
    expect(bad.errors).toEqual([{ field: 'phone', key: 'phone.invalid' }]);
  });

  test('each field’s problem is named, with the group as written', () => {
    const result = buildImportRow(row(12, '', 'abc', 'khác', '', 'Tổ 9', '12'), MAPPING, context());
    expect(result.resident).toBeUndefined();
    expect(result.errors).toEqual([
      { field: 'fullName', key: 'fullName.required' },
      { field: 'birthYear', key: 'birthYear.invalid' },
      { field: 'sex', key: 'sex.unknown', value: 'khác' },
      { field: 'group', key: 'group.unknown', value: 'Tổ 9' },
      { field: 'citizenIdLast4', key: 'citizenIdLast4.invalid' },
    ]);
    const future = buildImportRow(row(13, 'Lê Văn Bé', 2030, 'Nam', '', 'Tổ 1', ''), MAPPING, context());
    expect(future.errors).toEqual([{ field: 'birthYear', key: 'birthYear.future' }]);
    const old = buildImportRow(row(14, 'Lê Văn Cụ', 1850, 'Nam', '', 'Tổ 1', ''), MAPPING, context());
    expect(old.errors).toEqual([{ field: 'birthYear', key: 'birthYear.outOfRange' }]);
    const noYear = buildImportRow(row(15, 'Lê Văn Cụ', '', 'Nam', '', 'Tổ 1', ''), MAPPING, context());
    expect(noYear.errors).toEqual([{ field: 'birthYear', key: 'birthYear.required' }]);
  });

  test('a year and a date that disagree; the group for the whole file fills empty group cells', () => {
    const mapping: ImportMapping = { ...EMPTY_MAPPING, fullName: 0, birthYear: 1, birthDate: 2, sex: 3 };
    const mismatch = buildImportRow(
      { row: 3, cells: ['Lê An', 1958, '01/01/1959', 'Nam'] },
      mapping,
      context({ defaultGroupId: 'to-1' }),
    );
    expect(mismatch.errors).toEqual([{ field: 'birthDate', key: 'birthDate.mismatch' }]);
    const noGroup = buildImportRow({ row: 4, cells: ['Lê An', 1958, '', 'Nam'] }, mapping, context());
    expect(noGroup.errors).toEqual([{ field: 'group', key: 'groupId.required' }]);
    const fileGroup = buildImportRow(
      { row: 4, cells: ['Lê An', 1958, '', 'Nam'] },
      mapping,
      context({ defaultGroupId: 'to-12' }),
    );
    expect(fileGroup.resident?.groupId).toBe('to-12');
  });
});

describe('statuses', () => {
  const build = (n: number, name: string, year: number, extra: { date?: string; last4?: string } = {}) =>
    buildImportRow(row(n, name, extra.date ?? year, 'Nữ', '', 'Tổ 1', extra.last4 ?? ''), MAPPING, context());

  test('new, existing by name + year in the group or by id, invalid, and repeats inside the file', () => {
    const results = [
      build(2, 'Nguyễn Thị Hoa', 1958),
      build(3, 'Trần Thị Mai', 1960),
      build(4, 'nguyen thi hoa', 1958), // the same as row 2
      build(5, 'Lê Thị Lan', 1970),
      build(6, 'Lê Thị Lan', 1970, { last4: '1111' }), // not told apart from row 5 (no digits there)
      build(7, 'Phạm Thị Thu', 1965, { date: '01/01/1965' }),
      build(8, 'Phạm Thị Thu', 1965, { date: '02/02/1965' }), // a different person
      buildImportRow(row(9, 'X', 1958, 'Nữ', '', 'Tổ 1', ''), MAPPING, context()),
    ];
    const maiId = results[1]!.resident!.id;
    const views = classifyRows(results, {
      ids: new Set([maiId]),
      byKey: new Map([['to-1|le thi lan|1970', 'c0ffee00-0000-4000-8000-000000000001']]),
    });
    expect(views.map((v) => [v.row, v.status])).toEqual([
      [2, 'new'],
      [3, 'existing'],
      [4, 'invalid'],
      [5, 'existing'],
      [6, 'existing'],
      [7, 'new'],
      [8, 'new'],
      [9, 'invalid'],
    ]);
    expect(views[1]!.id).toBe(maiId);
    expect(views[3]!.id).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(views[2]!.errors).toEqual([{ field: 'row', key: 'row.duplicateInFile', value: '2' }]);
    expect(views[7]!.errors).toEqual([{ field: 'fullName', key: 'fullName.tooShort' }]);
    expect(views[0]).toMatchObject({ fullName: 'Nguyễn Thị Hoa', birthYear: 1958, groupId: 'to-1' });

    const twice = classifyRows(
      [build(2, 'Lê Thị Lan', 1970), build(3, 'Lê Thị Lan', 1970, { last4: '2222' })],
      {
        ids: new Set(),
        byKey: new Map(),
      },
    );
    expect(twice.map((v) => v.status)).toEqual(['new', 'invalid']);
  });
});

test('the body accepts base64 only, and a mapping of known fields to column numbers', () => {
  const body = { filename: 'a.csv', contentBase64: 'YQ==', commit: false };
  expect(residentImportBodySchema.safeParse(body).success).toBe(true);
  expect(residentImportBodySchema.safeParse({ ...body, contentBase64: 'a b' }).success).toBe(false);
  expect(residentImportBodySchema.safeParse({ ...body, mapping: { fullName: 0, phone: null } }).success).toBe(
    true,
  );
  expect(residentImportBodySchema.safeParse({ ...body, mapping: { nickname: 0 } }).success).toBe(false);
  expect(residentImportBodySchema.safeParse({ ...body, mapping: { fullName: -1 } }).success).toBe(false);
});
