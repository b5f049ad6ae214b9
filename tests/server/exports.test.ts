// The coverage and not-reached downloads (src/server/http/exports.ts) on PGlite: the XLSX read back with
// exceljs and the CSV parsed back agree cell by cell with the JSON coverage answer of the same date
// (numbers as numbers, diacritics exact, totals = the ward row); the not-reached list is groupRoster's
// not-reached adults with a phone only under a live contact consent; headers; access; bad input.
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  coverageResponseSchema,
  type CoverageResponse,
  type CoverageRowWire,
  type PlainDoc,
} from '../../src/shared';
import { seedWard, type SqlStore } from '../../src/server/store';
import {
  authHeaders,
  createAdmin,
  createOfficer,
  enrollDevice,
  expectErrorResponse,
  makeCompletion,
  makeResident,
  makeSession,
  nextWardCode,
  openTestStore,
  seedTestWard,
  startTestServer,
  type TestServer,
} from '../helpers/server';

const DATE = '2026-11-23';
const WARD_NAME = 'Phường Hồng Thái';

let store: SqlStore;
let server: TestServer;
let ward: string;
let officer: Record<string, string>;

const contact = {
  purpose: 'contact',
  askedBy: 'Trần Văn Tư',
  date: '2026-01-02',
  method: 'verbal',
  wordingVersion: 'v1',
};
const registration = { ...contact, purpose: 'registration' };

/** Residents by a short name, so tests can say who is who. */
const people: Record<string, PlainDoc> = {};

function resident(key: string, groupId: string, overrides: PlainDoc): PlainDoc {
  const doc = makeResident(ward, groupId, overrides);
  people[key] = doc;
  return doc;
}

function trained(r: PlainDoc, date: string): PlainDoc {
  return makeCompletion(ward, String(r['groupId']), {
    residentId: r['id'],
    kind: 'trained',
    date,
    vneid: undefined,
    skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
  });
}

function vneid(r: PlainDoc, date: string): PlainDoc {
  return makeCompletion(ward, String(r['groupId']), { residentId: r['id'], date });
}

async function pushAll(collection: 'residents' | 'sessions' | 'completions', docs: PlainDoc[]) {
  const answer = await server.push(
    ward,
    docs.map((newDocumentState) => ({ newDocumentState })),
    collection,
  );
  expect(answer.quarantined).toEqual([]);
  expect(answer.conflicts).toEqual([]);
}

beforeAll(async () => {
  store = await openTestStore();
  server = await startTestServer({ store });
  ward = nextWardCode();
  await seedWard(store, { code: ward, name: WARD_NAME, provinceCode: '01' }, [
    {
      id: 'to-1',
      wardCode: ward,
      name: 'Tổ dân phố 1',
      kind: 'to_dan_pho',
      adultPopulation: { count: 10, source: 'Công an phường', asOf: '2026-10-01' },
    },
    { id: 'to-2', wardCode: ward, name: 'Tổ dân phố 2', kind: 'to_dan_pho' },
    {
      id: 'to-3',
      wardCode: ward,
      name: 'Tổ dân phố 3',
      kind: 'to_dan_pho',
      adultPopulation: { count: 1, source: 'Số liệu cũ', asOf: '2025-01-01' },
    },
  ]);
  await store.setWardSettings(ward, {
    adultAge: 18,
    targets: [
      { year: 2026, indicator: 'K', kind: 'percent', value: 90 },
      { year: 2026, indicator: 'V', kind: 'count', value: 5 },
    ],
  });
  officer = authHeaders(await server.officerToken(ward));
  const withPhone = (phone: string) => ({ phone, consents: [registration, contact] });

  const group1 = [
    resident('hoa', 'to-1', { fullName: 'Nguyễn Thị Hoa', birthYear: 1980, ...withPhone('0912345678') }),
    resident('minh', 'to-1', { fullName: 'Trần Văn Minh', birthYear: 1975, sex: 'male' }),
    resident('lan', 'to-1', { fullName: 'Lê Thị Lan', birthYear: 1990, ...withPhone('0987654321') }),
    resident('tuan', 'to-1', { fullName: 'Phạm Văn Tuấn', birthYear: 2010, sex: 'male' }),
    resident('an', 'to-1', { fullName: 'Vũ Thị Ân', birthYear: 1985, ...withPhone('+84911222333') }),
  ];
  const group2 = [
    resident('dung', 'to-2', { fullName: 'Hoàng Văn Dũng', birthYear: 1950, sex: 'male' }),
    resident('yen', 'to-2', { fullName: 'Đặng Thị Yến', birthYear: 2000 }),
    resident('quang', 'to-2', { fullName: 'Bùi Văn Quang', birthYear: 1966, sex: 'male' }),
  ];
  const group3 = [
    resident('thu', 'to-3', { fullName: 'Ngô Thị Thu', birthYear: 1970 }),
    resident('son', 'to-3', { fullName: 'Lý Văn Sơn', birthYear: 1972, sex: 'male' }),
  ];
  await pushAll('residents', [...group1, ...group2, ...group3]);
  await pushAll('completions', [
    trained(people['lan']!, '2026-03-01'),
    // After the reporting date: Ân is still not reached on it.
    trained(people['an']!, '2026-12-01'),
    vneid(people['dung']!, '2026-05-01'),
    vneid(people['thu']!, '2026-05-02'),
    vneid(people['son']!, '2026-05-03'),
  ]);
  await pushAll('sessions', [
    makeSession(ward, 'to-2', { date: '2026-06-01', attendeeIds: [people['yen']!['id']] }),
  ]);
  // A phone kept after the contact consent was withdrawn: no device would send it (the schema refuses),
  // so it is written straight into the store, to prove the list still leaves the number out.
  const binh = makeResident(ward, 'to-1', {
    fullName: 'Đỗ Văn Bình',
    birthYear: 1960,
    sex: 'male',
    phone: '0901000111',
    consents: [registration, { ...contact, withdrawnOn: '2026-06-01' }],
  });
  people['binh'] = binh;
  const { _deleted, ...binhDoc } = binh;
  await store.syncWrite('residents', ward, (tx) =>
    tx.write([{ id: String(binh['id']), groupId: 'to-1', doc: binhDoc, deleted: false }]),
  );
});

afterAll(async () => {
  await server.close();
  await store.close();
});

function get(url: string, headers: Record<string, string> = officer) {
  return server.app.inject({ method: 'GET', url, headers });
}

async function coverageJson(date = DATE): Promise<CoverageResponse> {
  const res = await get(`/v1/wards/${ward}/coverage?date=${date}`);
  expect(res.statusCode).toBe(200);
  return coverageResponseSchema.parse(res.json());
}

async function readXlsx(res: LightMyRequestResponse): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0]!;
}

/** A row's values from column 1 to `width`, empty cells as null. */
function rowValues(sheet: ExcelJS.Worksheet, row: number, width: number): unknown[] {
  return Array.from({ length: width }, (_, i) => sheet.getCell(row, i + 1).value ?? null);
}

const HEADER = [
  'Tổ dân phố',
  'Mẫu số (người từ 18 tuổi)',
  'Nguồn mẫu số',
  'Số người có kỹ năng số cơ bản (K)',
  'Tỷ lệ K (%)',
  'Chỉ tiêu K',
  'Còn thiếu K (người)',
  'Số người đã xác nhận trên VNeID (V)',
  'Tỷ lệ V (%)',
  'Chỉ tiêu V',
  'Còn thiếu V (người)',
  'Ghi chú',
];
const SOURCE = {
  entered: 'Số liệu nhập',
  registered: 'Số người đã đăng ký',
  mixed: 'Số liệu nhập và số người đã đăng ký',
};

/** The figures of a row as the JSON answer gives them, in header order (without the note). */
function expectedFigures(label: string, row: CoverageRowWire): unknown[] {
  return [
    label,
    row.denominator,
    SOURCE[row.denominatorSource],
    row.K.count,
    row.K.percent,
    row.K.targetCount,
    row.K.gap,
    row.V.count,
    row.V.percent,
    row.V.targetCount,
    row.V.gap,
  ];
}

function expectedTable(coverage: CoverageResponse): unknown[][] {
  return [
    ...coverage.groups.map((g) => expectedFigures(g.groupName, g)),
    expectedFigures('Toàn phường', coverage.ward),
  ];
}

describe('coverage.xlsx', () => {
  test('every cell of the table equals the JSON coverage answer of the same date', async () => {
    const coverage = await coverageJson();
    const res = await get(`/v1/wards/${ward}/coverage.xlsx?date=${DATE}`);
    expect(res.statusCode).toBe(200);
    const sheet = await readXlsx(res);
    expect(sheet.name).toBe('Độ phủ');

    // Title lines 1–3, row 4 empty, header on row 5.
    expect(sheet.getCell('A1').value).toBe(
      `KẾT QUẢ PHONG TRÀO BÌNH DÂN HỌC VỤ SỐ — ${WARD_NAME} (mã ${ward})`,
    );
    expect(sheet.getCell('A2').value).toBe('Số liệu tính đến ngày 23/11/2026');
    expect(String(sheet.getCell('A3').value)).toContain('Người từ 18 tuổi trở lên');
    expect(String(sheet.getCell('A3').value)).toContain('K 90 %, V 5 người');
    expect(rowValues(sheet, 4, 12)).toEqual(Array(12).fill(null));
    expect(rowValues(sheet, 5, 12)).toEqual(HEADER);
    expect(sheet.getCell('A5').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });

    const expected = expectedTable(coverage);
    expect(sheet.rowCount).toBe(5 + expected.length);
    expected.forEach((figures, i) => {
      const row = 6 + i;
      expect(rowValues(sheet, row, 11), `row ${row}`).toEqual(figures);
      for (const col of [5, 9]) {
        const cell = sheet.getCell(row, col);
        expect(cell.numFmt).toBe('0.0');
        if (cell.value !== null) expect(typeof cell.value).toBe('number');
      }
    });
    // The totals row is the ward row, bold, and its counts are the groups' sums.
    const last = 5 + expected.length;
    expect(sheet.getCell(last, 1).value).toBe('Toàn phường');
    expect(sheet.getCell(last, 1).font?.bold).toBe(true);
    expect(sheet.getCell(last, 4).value).toBe(coverage.groups.reduce((n, g) => n + g.K.count, 0));
    expect(sheet.getCell(last, 8).value).toBe(coverage.groups.reduce((n, g) => n + g.V.count, 0));
  });

  test('the figures are what the ward holds: entered and registered denominators, stale one flagged', async () => {
    const res = await get(`/v1/wards/${ward}/coverage.xlsx?date=${DATE}`);
    const sheet = await readXlsx(res);
    // Tổ 1: entered 10 adults; K = Lan (Ân trained only after the date); 90 % target = 9 people.
    expect(rowValues(sheet, 6, 12)).toEqual([
      'Tổ dân phố 1',
      10,
      'Số liệu nhập',
      1,
      10,
      9,
      8,
      0,
      0,
      null,
      null,
      'Mẫu số theo Công an phường, ngày 01/10/2026',
    ]);
    // Tổ 2: no entered figure, 3 registered adults; Dũng (VNeID) and Yến (session) count for K.
    expect(rowValues(sheet, 7, 12)).toEqual([
      'Tổ dân phố 2',
      3,
      'Số người đã đăng ký',
      2,
      66.7,
      3,
      1,
      1,
      33.3,
      null,
      null,
      'Chưa nhập số người từ 18 tuổi: tạm dùng số người đã đăng ký',
    ]);
    // Tổ 3: an old figure of 1 against 2 confirmed: 200 %, shown and flagged, never capped.
    expect(rowValues(sheet, 8, 5)).toEqual(['Tổ dân phố 3', 1, 'Số liệu nhập', 2, 200]);
    expect(String(sheet.getCell(8, 12).value)).toContain('Trên 100 %: mẫu số cần cập nhật');
    // The ward: sums over sums; the V target is a count of 5 people for the whole ward.
    expect(rowValues(sheet, 9, 11)).toEqual([
      'Toàn phường',
      14,
      'Số liệu nhập và số người đã đăng ký',
      5,
      35.7,
      13,
      8,
      3,
      21.4,
      5,
      2,
    ]);
  });

  test('answers as a file attachment that is never cached', async () => {
    const res = await get(`/v1/wards/${ward}/coverage.xlsx?date=${DATE}`);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="do-phu-${ward}-${DATE}.xlsx"; filename*=UTF-8''do-phu-${ward}-${DATE}.xlsx`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  test("another date gives that date's figures", async () => {
    const coverage = await coverageJson('2026-04-01');
    const sheet = await readXlsx(await get(`/v1/wards/${ward}/coverage.xlsx?date=2026-04-01`));
    expect(sheet.getCell('A2').value).toBe('Số liệu tính đến ngày 01/04/2026');
    expectedTable(coverage).forEach((figures, i) => {
      expect(rowValues(sheet, 6 + i, 11)).toEqual(figures);
    });
    // Before May nobody was confirmed on VNeID.
    expect(sheet.getCell(6 + coverage.groups.length, 8).value).toBe(0);
  });
});

describe('coverage.csv', () => {
  test('UTF-8 with a BOM and CRLF, parsing back to the same table as the JSON answer', async () => {
    const coverage = await coverageJson();
    const res = await get(`/v1/wards/${ward}/coverage.csv?date=${DATE}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`filename="do-phu-${ward}-${DATE}.csv"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.rawPayload.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${HEADER.join(',')}`);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');

    const parsed = Papa.parse<unknown[]>(text.slice(1), { dynamicTyping: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(HEADER);
    const expected = expectedTable(coverage);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => expect(row.slice(0, 11)).toEqual(expected[i]));
    expect(String(rows[2]![11])).toContain('Trên 100 %: mẫu số cần cập nhật');
  });
});

describe('not-reached lists', () => {
  const NOT_REACHED_HEADER = ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số điện thoại'];

  async function expectedList(groupId: string) {
    const roster = await store.groupRoster(ward, groupId, DATE);
    return roster.filter((p) => p.adult && p.status === 'not_reached');
  }

  test("XLSX: the group's adults not reached on the date, phone only with a live contact consent", async () => {
    const res = await get(`/v1/wards/${ward}/groups/to-1/not-reached.xlsx?date=${DATE}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="chua-tiep-can-${ward}-to-1-${DATE}.xlsx"; ` +
        `filename*=UTF-8''chua-tiep-can-${ward}-to-1-${DATE}.xlsx`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    const sheet = await readXlsx(res);
    expect(sheet.name).toBe('Chưa tiếp cận');
    expect(String(sheet.getCell('A1').value)).toContain('Tổ dân phố 1');
    expect(sheet.getCell('A2').value).toBe('Số liệu tính đến ngày 23/11/2026');
    expect(rowValues(sheet, 5, 5)).toEqual(NOT_REACHED_HEADER);

    const expected = await expectedList('to-1');
    const ids = expected.map((p) => p.id);
    // Who: not Lan (trained), not Tuấn (16), Ân (trained only after the date) yes.
    expect(new Set(ids)).toEqual(new Set(['hoa', 'minh', 'an', 'binh'].map((k) => String(people[k]!['id']))));
    expect(sheet.rowCount).toBe(5 + expected.length);
    const byName = new Map<string, unknown[]>();
    expected.forEach((p, i) => {
      const values = rowValues(sheet, 6 + i, 5);
      expect(values.slice(0, 4)).toEqual([
        i + 1,
        p.doc['fullName'],
        p.doc['birthYear'],
        p.doc['sex'] === 'female' ? 'Nữ' : 'Nam',
      ]);
      byName.set(String(p.doc['fullName']), values);
    });
    expect(byName.get('Nguyễn Thị Hoa')![4]).toBe('0912345678');
    expect(byName.get('Vũ Thị Ân')![4]).toBe('+84911222333');
    expect(byName.get('Trần Văn Minh')![4]).toBeNull();
    // Bình's number is stored, but he withdrew consent to be contacted.
    expect(byName.get('Đỗ Văn Bình')![4]).toBeNull();
  });

  test('CSV: the same list, BOM first', async () => {
    const res = await get(`/v1/wards/${ward}/groups/to-1/not-reached.csv?date=${DATE}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = res.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).not.toContain('0901000111');
    const parsed = Papa.parse<unknown[]>(text.slice(1), { skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(NOT_REACHED_HEADER);
    const expected = await expectedList('to-1');
    expect(rows.map((r) => r[1])).toEqual(expected.map((p) => p.doc['fullName']));
    const phones = Object.fromEntries(rows.map((r) => [r[1], r[4]]));
    expect(phones).toEqual({
      'Nguyễn Thị Hoa': '0912345678',
      'Vũ Thị Ân': '+84911222333',
      'Trần Văn Minh': '',
      'Đỗ Văn Bình': '',
    });
  });

  test('a group where everyone is reached gives the header and no rows', async () => {
    const res = await get(`/v1/wards/${ward}/groups/to-3/not-reached.csv?date=${DATE}`);
    expect(res.statusCode).toBe(200);
    const rows = Papa.parse<unknown[]>(res.rawPayload.toString('utf8').slice(1), {
      skipEmptyLines: true,
    }).data;
    expect(rows).toEqual([NOT_REACHED_HEADER]);
  });

  test('an unknown or malformed group is 404', async () => {
    expectErrorResponse(
      await get(`/v1/wards/${ward}/groups/to-9/not-reached.xlsx?date=${DATE}`),
      404,
      'not_found',
    );
    expectErrorResponse(
      await get(`/v1/wards/${ward}/groups/t%20o/not-reached.csv?date=${DATE}`),
      404,
      'not_found',
    );
  });
});

describe('access and input', () => {
  const paths = () => [
    `/v1/wards/${ward}/coverage.xlsx?date=${DATE}`,
    `/v1/wards/${ward}/coverage.csv?date=${DATE}`,
    `/v1/wards/${ward}/groups/to-1/not-reached.xlsx?date=${DATE}`,
    `/v1/wards/${ward}/groups/to-1/not-reached.csv?date=${DATE}`,
  ];

  test('an administrator may download any ward', async () => {
    const admin = authHeaders((await createAdmin(store)).token);
    for (const path of paths()) expect((await get(path, admin)).statusCode, path).toBe(200);
  });

  test("no token 401; another ward's officer, a volunteer and a leader 403", async () => {
    const other = await seedTestWard(store);
    const otherOfficer = authHeaders((await createOfficer(store, other)).token);
    const token = await server.officerToken(ward);
    const volunteer = await enrollDevice(server, token, ward, { role: 'volunteer', groupIds: ['to-1'] });
    const leader = await enrollDevice(server, token, ward, { role: 'leader', groupIds: ['to-1'] });
    for (const path of paths()) {
      expectErrorResponse(await get(path, {}), 401, 'unauthenticated');
      expectErrorResponse(await get(path, otherOfficer), 403, 'forbidden');
      expectErrorResponse(await get(path, authHeaders(volunteer.deviceToken)), 403, 'forbidden');
      expectErrorResponse(await get(path, authHeaders(leader.deviceToken)), 403, 'forbidden');
    }
  });

  test('a bad date or an unknown query parameter is 400', async () => {
    for (const path of paths()) {
      const base = path.split('?')[0]!;
      expectErrorResponse(await get(`${base}?date=2026-02-30`), 400, 'bad_request');
      expectErrorResponse(await get(`${base}?date=23/11/2026`), 400, 'bad_request');
      expectErrorResponse(await get(`${base}?date=${DATE}&ward=1`), 400, 'bad_request');
    }
  });

  test('a malformed ward code is 400; an unknown ward is 404 for an administrator', async () => {
    expectErrorResponse(await get(`/v1/wards/12/coverage.xlsx?date=${DATE}`), 400, 'bad_request');
    const admin = authHeaders((await createAdmin(store)).token);
    const unknown = nextWardCode();
    expectErrorResponse(await get(`/v1/wards/${unknown}/coverage.csv?date=${DATE}`, admin), 404, 'not_found');
    expectErrorResponse(
      await get(`/v1/wards/${unknown}/groups/to-1/not-reached.csv?date=${DATE}`, admin),
      404,
      'not_found',
    );
  });
});
