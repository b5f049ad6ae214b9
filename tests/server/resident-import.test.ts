// POST /v1/wards/:ward/residents/import through the real HTTP server on PGlite: an XLSX workbook built
// here with exceljs (title above the headers, date cells, numbers, rich text) and CSV files (BOM, NFD
// headers, semicolons): the dry run's statuses and errors, the commit (consent required, what devices then
// pull), re-import adding nothing, the officer's mapping and one group for the whole file, who may call
// it, and the limits (file size, rows, old .xls, non-UTF-8 CSV).
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  importProblemOf,
  residentImportResponseSchema,
  type ResidentImportResponse,
} from '../../src/shared/resident-import';
import { residentSchema, type PlainDoc } from '../../src/shared';
import { importResidentId } from '../../src/server/ward/resident-import';
import { vietnamToday } from '../../src/server/ward/coverage';
import { seedWard, type SqlStore } from '../../src/server/store';
import {
  authHeaders,
  createOfficer,
  enrollDevice,
  expectErrorResponse,
  makeResident,
  nextWardCode,
  openTestStore,
  startTestServer,
  type TestServer,
} from '../helpers/server';

let store: SqlStore;
let server: TestServer;

beforeAll(async () => {
  store = await openTestStore();
  server = await startTestServer({ store });
});
afterAll(async () => {
  await server.close();
  await store.close();
});

/** A ward with groups Tổ 1, Tổ 2, Tổ 3 (ids to-1…to-3). */
async function newWard(): Promise<string> {
  const code = nextWardCode();
  await seedWard(
    store,
    { code, name: `Phường nhập ${code}`, provinceCode: '01' },
    [1, 2, 3].map((n) => ({ id: `to-${n}`, wardCode: code, name: `Tổ ${n}`, kind: 'to_dan_pho' as const })),
  );
  return code;
}

async function workbook(rows: Record<number, ExcelJS.CellValue[]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách');
  for (const [n, values] of Object.entries(rows)) sheet.getRow(Number(n)).values = values;
  book.addWorksheet('Ghi chú').getRow(1).values = ['Họ và tên', 'Năm sinh', 'Giới tính'];
  return Buffer.from(await book.xlsx.writeBuffer());
}

const XLSX_ROWS: Record<number, ExcelJS.CellValue[]> = {
  1: ['DANH SÁCH NGƯỜI DÂN THAM GIA "BÌNH DÂN HỌC VỤ SỐ"'],
  2: ['Phường thử, tháng 11/2026'],
  4: ['STT', 'HỌ VÀ TÊN', 'Ngày sinh', 'Giới tính', 'Số điện thoại', 'Tổ dân phố', '4 số cuối CCCD'],
  5: [1, 'Nguyễn Văn An', new Date(Date.UTC(1958, 2, 5)), 'Nam', 912345678, 'Tổ 1', '1234'],
  6: [2, { richText: [{ text: 'Trần Thị ' }, { text: 'Bình', font: { bold: true } }] }, 1962, 'Nữ', null, 1],
  7: [3, 'LÊ VĂN CƯỜNG', '12/13/1970', 'Nam', null, 'Tổ 2'],
  8: [4, 'Phạm Thị Dung', '01/02/1965', 'Nữ', null, 'Tổ 9'],
  9: [5, 'Nguyễn Văn An', '05/03/1958', 'nam', null, 'to 1', '1234'],
  10: [6, 'Hoàng Văn Em', 1980, 'Nam', null, 'Tổ dân phố số 3'],
  12: [null, 'Tổng cộng: 6 người'],
};

function post(ward: string, token: string, body: Record<string, unknown>) {
  return server.app.inject({
    method: 'POST',
    url: `/v1/wards/${ward}/residents/import`,
    headers: authHeaders(token),
    payload: body,
  });
}

function answerOf(res: LightMyRequestResponse): ResidentImportResponse {
  expect(res.statusCode, res.body).toBe(200);
  return residentImportResponseSchema.parse(res.json());
}

const file = (filename: string, bytes: Buffer | string) => ({
  filename,
  contentBase64: Buffer.from(bytes).toString('base64'),
});

async function residentsOf(ward: string, token?: string): Promise<PlainDoc[]> {
  return (await server.pull('residents', ward, 0, 1000, token)).documents.filter(
    (d) => d['_deleted'] !== true,
  );
}

function problemOf(res: LightMyRequestResponse): string | undefined {
  return importProblemOf((res.json() as { error: { message: string } }).error.message);
}

describe('an Excel workbook', () => {
  test('the dry run finds the headers under the title, reads every row and writes nothing', async () => {
    const ward = await newWard();
    const token = await server.officerToken(ward);
    const answer = answerOf(
      await post(ward, token, { ...file('ds.xlsx', await workbook(XLSX_ROWS)), commit: false }),
    );
    expect(answer.headerRow).toBe(4);
    expect(answer.headerFound).toBe(true);
    expect(answer.columns).toEqual([
      'STT',
      'HỌ VÀ TÊN',
      'Ngày sinh',
      'Giới tính',
      'Số điện thoại',
      'Tổ dân phố',
      '4 số cuối CCCD',
    ]);
    expect(answer.mapping).toEqual({
      fullName: 1,
      birthYear: null,
      birthDate: 2,
      sex: 3,
      phone: 4,
      group: 5,
      citizenIdLast4: 6,
    });
    expect(answer.missing).toEqual([]);
    expect(answer.rows.map((r) => [r.row, r.status, r.fullName, r.groupId])).toEqual([
      [5, 'new', 'Nguyễn Văn An', 'to-1'],
      [6, 'new', 'Trần Thị Bình', 'to-1'],
      [7, 'invalid', 'Lê Văn Cường', 'to-2'],
      [8, 'invalid', 'Phạm Thị Dung', undefined],
      [9, 'invalid', 'Nguyễn Văn An', 'to-1'],
      [10, 'new', 'Hoàng Văn Em', 'to-3'],
      [12, 'invalid', 'Tổng cộng: 6 người', undefined],
    ]);
    expect(answer.rows[2]!.errors).toEqual([{ field: 'birthDate', key: 'date.invalid' }]);
    expect(answer.rows[3]!.errors).toEqual([{ field: 'group', key: 'group.unknown', value: 'Tổ 9' }]);
    expect(answer.rows[4]!.errors).toEqual([{ field: 'row', key: 'row.duplicateInFile', value: '5' }]);
    expect(answer.summary).toEqual({ total: 7, new: 3, existing: 0, invalid: 4, written: 0 });
    expect(answer.phones).toBe(1);
    expect(answer.consent).toEqual({
      required: 'registration',
      method: 'signed',
      wordingVersion: 'v1',
      askedBy: `Cán bộ ${ward}`,
      date: vietnamToday(),
    });
    expect(await residentsOf(ward)).toEqual([]);
  });

  test('commit needs the consent tick; it writes the new rows, which a phone of the group pulls; again adds nothing', async () => {
    const ward = await newWard();
    const token = await server.officerToken(ward);
    const body = { ...file('ds.xlsx', await workbook(XLSX_ROWS)), commit: true };

    const refused = await post(ward, token, body);
    expectErrorResponse(refused, 400, 'invalid_body');
    expect(problemOf(refused)).toBe('consentRequired');
    expect(await residentsOf(ward)).toEqual([]);

    const done = answerOf(await post(ward, token, { ...body, consentConfirmed: true }));
    expect(done.summary).toEqual({ total: 7, new: 3, existing: 0, invalid: 4, written: 3 });

    const phone = await enrollDevice(server, token, ward, { role: 'volunteer', groupIds: ['to-1'] });
    const pulled = await residentsOf(ward, phone.deviceToken);
    expect(pulled.map((d) => d['fullName']).sort()).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
    const an = pulled.find((d) => d['fullName'] === 'Nguyễn Văn An')!;
    const { _deleted, ...doc } = an;
    expect(_deleted).toBe(false);
    expect(residentSchema.safeParse(doc).success).toBe(true);
    expect(doc).toMatchObject({
      groupId: 'to-1',
      birthYear: 1958,
      birthDate: '1958-03-05',
      sex: 'male',
      citizenIdLast4: '1234',
      consents: [
        {
          purpose: 'registration',
          askedBy: `Cán bộ ${ward}`,
          date: vietnamToday(),
          method: 'signed',
          wordingVersion: 'v1',
        },
      ],
    });
    // No contact consent confirmed: the phone number is not stored.
    expect(doc['phone']).toBeUndefined();
    expect(doc['id']).toBe(
      importResidentId({
        wardCode: ward,
        groupId: 'to-1',
        nameKey: 'nguyen van an',
        birthYear: 1958,
        birthDate: '1958-03-05',
        citizenIdLast4: '1234',
      }),
    );
    expect((await residentsOf(ward)).map((d) => d['groupId']).sort()).toEqual(['to-1', 'to-1', 'to-3']);

    const again = answerOf(await post(ward, token, { ...body, consentConfirmed: true }));
    // Row 9 repeated row 5 in the file; now that person is in the ward, so it is existing too.
    expect(again.summary).toEqual({ total: 7, new: 0, existing: 4, invalid: 3, written: 0 });
    expect(again.rows.filter((r) => r.status === 'existing').map((r) => r.row)).toEqual([5, 6, 9, 10]);
    expect(await residentsOf(ward)).toHaveLength(3);
  });
});

describe('a CSV file', () => {
  const nfd = (s: string) => s.normalize('NFD');
  const CSV = [
    `${nfd('Họ và tên')};${nfd('Năm sinh')};${nfd('GIỚI TÍNH')};SĐT;Ghi chú`,
    'Đỗ Thị Giang;1975;Nữ;0987 654 321;',
    '"Vũ Văn Hải";1949;Nam;;"có ; dấu chấm phẩy"',
    '',
    'Ngô Thị Ích;19x5;Nữ;;',
  ].join('\r\n');
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]);

  test('UTF-8 with a BOM and NFD headers; one group for the whole file; phones kept with contact consent', async () => {
    const ward = await newWard();
    const token = await server.officerToken(ward);
    const dry = answerOf(await post(ward, token, { ...file('ds.csv', bytes), commit: false }));
    expect(dry.columns[0]).toBe(nfd('Họ và tên').normalize('NFC'));
    expect(dry.mapping).toMatchObject({ fullName: 0, birthYear: 1, sex: 2, phone: 3, group: null });
    expect(dry.missing).toEqual(['group']);
    expect(dry.rows).toEqual([]);

    const withGroup = { ...file('ds.csv', bytes), groupId: 'to-2' };
    const checked = answerOf(await post(ward, token, { ...withGroup, commit: false }));
    expect(checked.missing).toEqual([]);
    expect(checked.rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'new'],
      [3, 'new'],
      [5, 'invalid'],
    ]);
    expect(checked.rows[2]!.errors).toEqual([{ field: 'birthYear', key: 'birthYear.invalid' }]);

    const done = answerOf(
      await post(ward, token, {
        ...withGroup,
        commit: true,
        consentConfirmed: true,
        contactConsentConfirmed: true,
      }),
    );
    expect(done.summary.written).toBe(2);
    const giang = (await residentsOf(ward)).find((d) => d['fullName'] === 'Đỗ Thị Giang')!;
    expect(giang['groupId']).toBe('to-2');
    expect(giang['phone']).toBe('0987654321');
    expect((giang['consents'] as { purpose: string }[]).map((c) => c.purpose)).toEqual([
      'registration',
      'contact',
    ]);
  });

  test("the officer's mapping wins over the guess; a column the file lacks is refused", async () => {
    const ward = await newWard();
    const token = await server.officerToken(ward);
    const mapping = { fullName: 0, birthYear: 1, sex: 2, phone: null };
    const answer = answerOf(
      await post(ward, token, { ...file('ds.csv', bytes), mapping, groupId: 'to-1', commit: false }),
    );
    expect(answer.mapping).toEqual({ ...mapping, birthDate: null, group: null, citizenIdLast4: null });
    expect(answer.phones).toBe(0);
    const wrong = await post(ward, token, {
      ...file('ds.csv', bytes),
      mapping: { fullName: 9 },
      commit: false,
    });
    expectErrorResponse(wrong, 400, 'invalid_body');
  });

  test('a resident a phone already registered (same name and birth year in the group) is existing', async () => {
    const ward = await newWard();
    const token = await server.officerToken(ward);
    await server.push(ward, [
      { newDocumentState: makeResident(ward, 'to-2', { fullName: 'Do Thi GIANG', birthYear: 1975 }) },
    ]);
    const answer = answerOf(
      await post(ward, token, { ...file('ds.csv', bytes), groupId: 'to-2', commit: false }),
    );
    expect(answer.rows.map((r) => r.status)).toEqual(['existing', 'new', 'invalid']);
  });

  test('a CSV that is not UTF-8 and an old .xls are refused with what to do', async () => {
    const ward = await newWard();
    const token = await server.officerToken(ward);
    const latin = Buffer.from([0x48, 0x6f, 0x20, 0x74, 0xea, 0x6e, 0x3b, 0x4e, 0x61, 0x6d, 0x0a]);
    const notUtf8 = await post(ward, token, { ...file('ds.csv', latin), commit: false });
    expectErrorResponse(notUtf8, 400, 'invalid_body');
    expect(problemOf(notUtf8)).toBe('notUtf8');
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const old = await post(ward, token, { ...file('ds.xls', xls), commit: false });
    expectErrorResponse(old, 400, 'invalid_body');
    expect(problemOf(old)).toBe('oldExcel');
    const broken = await post(ward, token, { ...file('ds.xlsx', 'PK not really a zip'), commit: false });
    expect(problemOf(broken)).toBe('unreadable');
  });
});

describe('limits', () => {
  test('a file over 10 MB, or with more than 20,000 rows, is refused with a clear error', async () => {
    const ward = await newWard();
    const token = await server.officerToken(ward);
    const big = await post(ward, token, {
      ...file('ds.csv', Buffer.alloc(IMPORT_MAX_BYTES + 1, 0x41)),
      commit: false,
    });
    expectErrorResponse(big, 413, 'payload_too_large');
    expect(problemOf(big)).toBe('tooLarge');

    const lines = ['Họ và tên,Năm sinh,Giới tính,Tổ'];
    for (let i = 0; i <= IMPORT_MAX_ROWS; i++) lines.push(`Người ${i},1970,Nam,Tổ 1`);
    const many = await post(ward, token, { ...file('ds.csv', lines.join('\n')), commit: false });
    expectErrorResponse(many, 413, 'payload_too_large');
    expect(problemOf(many)).toBe('tooManyRows');
    expect((many.json() as { error: { message: string } }).error.message).toContain('20000');
  });

  test('a body above the route limit is refused unread', async () => {
    const ward = await newWard();
    const res = await server.app.inject({
      method: 'POST',
      url: `/v1/wards/${ward}/residents/import`,
      headers: { ...authHeaders(await server.officerToken(ward)), 'content-type': 'application/json' },
      payload: JSON.stringify({
        filename: 'a.csv',
        contentBase64: 'A'.repeat(16 * 1024 * 1024),
        commit: false,
      }),
    });
    expectErrorResponse(res, 413, 'payload_too_large');
  });
});

describe('who may import', () => {
  test("another ward's officer, a volunteer's phone and nobody signed in are refused", async () => {
    const ward = await newWard();
    const other = await newWard();
    const token = await server.officerToken(ward);
    const body = { ...file('ds.xlsx', await workbook(XLSX_ROWS)), commit: true, consentConfirmed: true };

    const otherOfficer = await createOfficer(store, other);
    expectErrorResponse(await post(ward, otherOfficer.token, body), 403, 'forbidden');
    const phone = await enrollDevice(server, token, ward, { role: 'volunteer', groupIds: ['to-1'] });
    expectErrorResponse(await post(ward, phone.deviceToken, body), 403, 'forbidden');
    const anonymous = await server.app.inject({
      method: 'POST',
      url: `/v1/wards/${ward}/residents/import`,
      payload: body,
    });
    expect(anonymous.statusCode).toBe(401);
    expect(await residentsOf(ward)).toEqual([]);
  });
});
