// @vitest-environment happy-dom
// The officer's resident-list import screen against a fake ward server (the app's own API client runs for
// real): the file goes as base64 for a dry run, the guessed mapping is shown and can be changed (which
// checks again), row errors read in Vietnamese, the consent tick gates the import, and nothing chosen is
// lost when the server fails.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, test } from 'vitest';
import { createApiHttp } from '../../../../src/client/api';
import { createOfficerApi } from '../../../../src/client/ui/officer/officer-api';
import {
  ImportResidents,
  columnLetter,
} from '../../../../src/client/ui/officer/residents-admin/import-residents';
import { IMPORT_MAX_BYTES, type ResidentImportResponse } from '../../../../src/shared/resident-import';
import { fakeServer, WARD, type Call, type Route } from '../fake-server';

afterEach(cleanup);

const PATH = `/v1/wards/${WARD.code}/residents/import`;
const CSV = 'Họ và tên,Năm sinh,Giới tính,Tổ\nNguyễn Văn An,1958,Nam,Tổ 1\n';
const GROUPS = [
  { id: 'to-1', wardCode: WARD.code, name: 'Tổ 1', kind: 'to_dan_pho' as const },
  { id: 'to-2', wardCode: WARD.code, name: 'Tổ 2', kind: 'to_dan_pho' as const },
];

function dryRun(overrides: Partial<ResidentImportResponse> = {}): ResidentImportResponse {
  return {
    columns: ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số điện thoại', 'Tổ', ''],
    headerRow: 4,
    headerFound: true,
    mapping: { fullName: 1, birthYear: 2, birthDate: null, sex: 3, group: 5, phone: 4, citizenIdLast4: null },
    missing: [],
    rows: [
      { row: 5, status: 'new', fullName: 'Nguyễn Văn An', groupId: 'to-1', errors: [] },
      { row: 6, status: 'new', fullName: 'Trần Thị Bình', groupId: 'to-1', errors: [] },
      { row: 7, status: 'existing', fullName: 'Lê Văn Cường', groupId: 'to-2', errors: [] },
      {
        row: 12,
        status: 'invalid',
        fullName: 'Phạm Thị Dung',
        errors: [{ field: 'birthYear', key: 'birthYear.invalid' }],
      },
      {
        row: 15,
        status: 'invalid',
        fullName: 'Hoàng Văn Em',
        errors: [
          { field: 'group', key: 'group.unknown', value: 'Tổ 9' },
          { field: 'sex', key: 'sex.required' },
        ],
      },
      { row: 16, status: 'invalid', errors: [{ field: 'row', key: 'row.duplicateInFile', value: '5' }] },
    ],
    summary: { total: 6, new: 2, existing: 1, invalid: 3, written: 0 },
    consent: {
      required: 'registration',
      method: 'signed',
      wordingVersion: 'v1',
      askedBy: 'Trần Văn Minh',
      date: '2026-11-20',
    },
    phones: 1,
    ...overrides,
  };
}

const committed = () => ({ ...dryRun(), summary: { ...dryRun().summary, written: 2 } });

function renderScreen(route: Route = (call) => ({ body: answerFor(call) })) {
  const server = fakeServer({ [`POST ${PATH}`]: route });
  const http = createApiHttp({ fetch: server.fetch, appVersion: 'test', getToken: () => 'officer-token' });
  const api = createOfficerApi(http, () => undefined);
  render(<ImportResidents api={api} ward={WARD.code} groups={GROUPS} />);
  return server;
}

function answerFor(call: Call): ResidentImportResponse {
  return (call.body as { commit: boolean }).commit ? committed() : dryRun();
}

function chooseFile(content: BlobPart = CSV, name = 'danh-sach.csv') {
  const input = screen.getByLabelText('Chọn tệp danh sách (Excel hoặc CSV)');
  fireEvent.change(input, { target: { files: [new File([content], name, { type: 'text/csv' })] } });
}

const posts = (server: ReturnType<typeof fakeServer>) =>
  server.calls.filter((c) => c.method === 'POST').map((c) => c.body as Record<string, unknown>);

describe('the dry run', () => {
  test('sends the file as base64, shows the guessed columns, the counts and each row error in words', async () => {
    const server = renderScreen();
    chooseFile();
    expect(await screen.findByText('Người mới, sẽ được nhập: 2')).toBeTruthy();
    expect(posts(server)).toEqual([
      {
        filename: 'danh-sach.csv',
        contentBase64: Buffer.from(CSV, 'utf8').toString('base64'),
        commit: false,
      },
    ]);
    expect(server.calls[0]!.headers['authorization']).toBe('Bearer officer-token');
    expect(screen.getByText('Đã có trong phường, bỏ qua: 1')).toBeTruthy();
    expect(screen.getByText('Dòng có lỗi, không nhập: 3')).toBeTruthy();
    expect((screen.getByLabelText('Họ và tên') as HTMLSelectElement).value).toBe('1');
    expect((screen.getByLabelText('Ngày sinh') as HTMLSelectElement).value).toBe('');
    const options = [...(screen.getByLabelText('4 số cuối CCCD') as HTMLSelectElement).options];
    expect(options.map((o) => o.text)).toContain('Cột B: Họ và tên');
    expect(options.map((o) => o.text)).toContain('Cột G');
    expect(options[0]!.text).toBe('Không dùng');

    const table = screen.getByRole('table', { name: 'Các dòng có lỗi' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'Dòng 12Phạm Thị DungNăm sinh không hợp lệ',
      "Dòng 15Hoàng Văn Emkhông có tổ 'Tổ 9' trong phường; Thiếu giới tính",
      'Dòng 16(không có tên)trùng với dòng 5 trong tệp',
    ]);
    expect(screen.getByRole('button', { name: 'Nhập 2 người mới' })).toBeTruthy();
  });

  test('changing a column or the group for the whole list checks again with the choice', async () => {
    const server = renderScreen();
    chooseFile();
    await screen.findByText('Người mới, sẽ được nhập: 2');
    fireEvent.change(screen.getByLabelText('Số điện thoại'), { target: { value: '' } });
    await waitFor(() => expect(posts(server)).toHaveLength(2));
    expect(posts(server)[1]!['mapping']).toEqual({ ...dryRun().mapping, phone: null });
    await waitFor(() => expect(screen.queryByText('Đang kiểm tra từng dòng…')).toBeNull());

    fireEvent.change(screen.getByLabelText('Tổ cho các dòng không ghi tổ'), { target: { value: 'to-2' } });
    await waitFor(() => expect(posts(server)).toHaveLength(3));
    expect(posts(server)[2]).toMatchObject({
      groupId: 'to-2',
      mapping: { ...dryRun().mapping, phone: null },
    });

    fireEvent.change(screen.getByLabelText('Dòng tiêu đề trong tệp'), { target: { value: '2' } });
    await waitFor(() => expect(posts(server)).toHaveLength(4));
    expect(posts(server)[3]).toMatchObject({ headerRow: 2, groupId: 'to-2' });
    expect(posts(server)[3]!['mapping']).toBeUndefined();
  });

  test('required columns not found: says which, and offers no import', async () => {
    renderScreen({
      body: dryRun({
        headerFound: false,
        mapping: {
          fullName: null,
          birthYear: null,
          birthDate: null,
          sex: 3,
          group: null,
          phone: null,
          citizenIdLast4: null,
        },
        missing: ['fullName', 'birthYear', 'group'],
        rows: [],
        summary: { total: 6, new: 0, existing: 0, invalid: 0, written: 0 },
      }),
    });
    chooseFile();
    expect(
      await screen.findByText(
        'Hãy chọn cột cho: Họ và tên, Năm sinh hoặc ngày sinh, Tổ dân phố (hoặc chọn một tổ cho cả danh sách).',
      ),
    ).toBeTruthy();
    expect(screen.getByText(/Không nhận ra dòng tiêu đề/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Nhập \d+ người mới/ })).toBeNull();
    expect(screen.getByLabelText('Tổ cho cả danh sách')).toBeTruthy();
  });

  test('a file over 10 MB is refused here; a file the server cannot read is explained, and can be checked again', async () => {
    let attempts = 0;
    const server = renderScreen(() =>
      ++attempts === 1
        ? {
            status: 400,
            body: { error: { code: 'invalid_body', message: '[import:notUtf8] The CSV file is not UTF-8.' } },
          }
        : { body: dryRun() },
    );
    chooseFile(new Uint8Array(IMPORT_MAX_BYTES + 1), 'to-qua.xlsx');
    expect(await screen.findByText(/Tệp quá lớn \(10\.0 MB, tối đa 10 MB\)/)).toBeTruthy();
    expect(posts(server)).toHaveLength(0);

    chooseFile();
    expect(
      await screen.findByText(
        'Tệp CSV bị sai bảng mã chữ tiếng Việt. Hãy mở bằng Excel, lưu lại kiểu "CSV UTF-8" rồi chọn lại tệp.',
      ),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Kiểm tra lại' }));
    expect(await screen.findByText('Người mới, sẽ được nhập: 2')).toBeTruthy();
  });
});

describe('the import', () => {
  test('needs the consent tick; sends the same choices with commit; shows what was added', async () => {
    const server = renderScreen();
    chooseFile();
    fireEvent.click(await screen.findByRole('button', { name: 'Nhập 2 người mới' }));
    expect(
      await screen.findByText('Hãy đánh dấu ô xác nhận người dân đã đồng ý trước khi nhập.'),
    ).toBeTruthy();
    expect(posts(server)).toHaveLength(1);
    expect(
      screen.getByText('Máy ghi: đồng ý bằng văn bản, người hỏi Trần Văn Minh, ngày 20/11/2026.'),
    ).toBeTruthy();

    fireEvent.click(
      screen.getByLabelText('Những người trong danh sách đã đồng ý cho đăng ký (phiếu giấy lưu tại phường)'),
    );
    fireEvent.click(screen.getByLabelText(/Họ cũng đồng ý cho lưu số điện thoại để liên hệ \(1 người/));
    fireEvent.click(screen.getByRole('button', { name: 'Nhập 2 người mới' }));
    expect(
      await screen.findByText(
        'Đã nhập 2 người mới vào phường. Điện thoại của các tổ sẽ nhận danh sách khi đồng bộ.',
      ),
    ).toBeTruthy();
    expect(posts(server)[1]).toEqual({
      ...posts(server)[0],
      commit: true,
      consentConfirmed: true,
      contactConsentConfirmed: true,
    });
    expect(screen.queryByRole('button', { name: 'Nhập 2 người mới' })).toBeNull();
  });

  test('a failed import keeps the file, the choices and the tick; trying again works', async () => {
    let commits = 0;
    const server = renderScreen((call) =>
      (call.body as { commit: boolean }).commit && ++commits === 1 ? 'offline' : { body: answerFor(call) },
    );
    chooseFile();
    await screen.findByText('Người mới, sẽ được nhập: 2');
    fireEvent.change(screen.getByLabelText('Số điện thoại'), { target: { value: '' } });
    await waitFor(() => expect(posts(server)).toHaveLength(2));
    await waitFor(() => expect(screen.queryByText('Đang kiểm tra từng dòng…')).toBeNull());
    const tick = screen.getByLabelText(
      'Những người trong danh sách đã đồng ý cho đăng ký (phiếu giấy lưu tại phường)',
    ) as HTMLInputElement;
    fireEvent.click(tick);
    fireEvent.click(screen.getByRole('button', { name: 'Nhập 2 người mới' }));
    expect(
      await screen.findByText('Không liên lạc được với máy chủ. Hãy kiểm tra mạng rồi thử lại.'),
    ).toBeTruthy();
    expect(tick.checked).toBe(true);
    expect((screen.getByLabelText('Số điện thoại') as HTMLSelectElement).value).toBe('');
    expect(screen.getByText('Tệp đang xem: danh-sach.csv')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Nhập 2 người mới' }));
    expect(await screen.findByText(/Đã nhập 2 người mới vào phường/)).toBeTruthy();
    const last = posts(server).at(-1)!;
    expect(last).toMatchObject({ commit: true, consentConfirmed: true, mapping: { phone: null } });
    expect(last['contactConsentConfirmed']).toBeUndefined();
  });
});

test('column letters go on after Z like Excel', () => {
  expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
});

test('the screen with a dry run shown has no serious accessibility problem', async () => {
  renderScreen();
  chooseFile();
  await screen.findByText('Người mới, sẽ được nhập: 2');
  const report = await axe.run(document.body, {
    resultTypes: ['violations'],
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  const serious = report.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
