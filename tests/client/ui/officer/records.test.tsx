// @vitest-environment happy-dom
// The officer's "Bản ghi" section against a fake ward server (the app's own API client runs for real):
// heavy groups, the put-aside list (reasons in words, data as text only), importing a phone's file with
// the result per outcome, and a record's history with the fields that changed, dates as dd/mm/yyyy HH:mm.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createApiHttp } from '../../../../src/client/api';
import { memoryKeyValue } from '../../../../src/client/db';
import { createSessionStore } from '../../../../src/client/session';
import { formatDateTime } from '../../../../src/client/ui/i18n';
import { OfficerApp } from '../../../../src/client/ui/officer';
import { createRecordsApi } from '../../../../src/client/ui/officer/records-api';
import { RecordsPanel } from '../../../../src/client/ui/officer/records-panel';
import {
  PHONE_COMFORT,
  UNSYNCED_EXPORT_FORMAT,
  type GroupLoadResponse,
  type QuarantineResponse,
  type RecordHistoryResponse,
  type UnsyncedExport,
  type UnsyncedImportResponse,
} from '../../../../src/shared';
import { failure, fakeServer, OFFICER, WARD, type Route } from '../fake-server';

afterEach(cleanup);

const HOA = '5a1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c01';
const NEW = '5a1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c02';
const BAD = '5a1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c03';
const SESSION = '5a1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c04';
const at = (d: number, h: number, m: number) => new Date(2026, 10, d, h, m).toISOString();

const hoa = {
  id: HOA,
  wardCode: WARD.code,
  groupId: 'to-1',
  fullName: 'Nguyễn Thị Hoa',
  birthYear: 1958,
  sex: 'female',
  consents: [],
  createdAt: '2026-11-01T01:00:00.000Z',
  updatedAt: '2026-11-01T01:00:00.000Z',
};

const GROUP_LOAD: GroupLoadResponse = {
  thresholds: { ...PHONE_COMFORT },
  groups: [
    { groupId: 'to-1', name: 'Tổ 1', residents: 120, sessions: 4, completions: 80, heavy: false, over: [] },
    {
      groupId: 'to-2',
      name: 'Tổ 2',
      residents: 6200,
      sessions: 30,
      completions: 100,
      heavy: true,
      over: ['residents'],
    },
  ],
};

const QUARANTINE: QuarantineResponse = {
  total: 2,
  items: [
    {
      collection: 'sessions',
      docId: SESSION,
      reasonCode: 'out_of_scope',
      reason: 'group to-9 is not a residential group of ward 99999',
      receivedAt: at(22, 14, 30),
      summary: { date: '2026-11-20', place: '<b>Nhà văn hoá</b>', groupId: 'to-9', deleted: false },
      document: { id: SESSION, place: '<b>Nhà văn hoá</b>' },
    },
    {
      collection: 'residents',
      docId: BAD,
      reasonCode: 'invalid_document',
      reason: 'fullName.tooShort; weird.thing',
      receivedAt: at(21, 8, 5),
      summary: { name: 'A', birthYear: 1960, deleted: false },
      document: { id: BAD, fullName: 'A' },
    },
  ],
};

const HISTORY: RecordHistoryResponse = {
  collection: 'residents',
  id: HOA,
  current: {
    doc: { ...hoa, fullName: 'Nguyễn Thị Hoà', birthYear: 1959, updatedAt: '2026-11-20T02:00:00.000Z' },
    deleted: true,
    seq: 30,
    receivedAt: at(23, 9, 5),
  },
  history: [
    { doc: hoa, deleted: false, seq: 10, replacedBySeq: 20, replacedAt: at(20, 16, 45) },
    {
      doc: { ...hoa, fullName: 'Nguyễn Thị Hoà', updatedAt: '2026-11-19T02:00:00.000Z' },
      deleted: false,
      seq: 20,
      replacedBySeq: 30,
      replacedAt: at(23, 9, 5),
    },
  ],
};

function exportFile(wardCode = WARD.code): UnsyncedExport {
  return {
    format: UNSYNCED_EXPORT_FORMAT,
    version: 1,
    wardCode,
    deviceId: '3d1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5f',
    account: { id: '2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', fullName: 'Nguyễn Thị Lan', role: 'volunteer' },
    appVersion: '0.1.0',
    exportedAt: at(22, 17, 40),
    records: [
      { collection: 'residents', doc: { ...hoa, id: NEW, fullName: 'Lê Văn Mới', _deleted: false } },
      {
        collection: 'residents',
        doc: { ...hoa, birthYear: 1959, _deleted: false },
        baseState: { ...hoa, _deleted: false },
      },
      { collection: 'residents', doc: { id: BAD, fullName: 'A', _deleted: false } },
    ],
  };
}

const IMPORTED: UnsyncedImportResponse = {
  wardCode: WARD.code,
  counts: { added: 1, updated: 0, merged: 1, unchanged: 0, quarantined: 1, erased: 0 },
  results: [
    { index: 0, collection: 'residents', id: NEW, outcome: 'added' },
    { index: 1, collection: 'residents', id: HOA, outcome: 'merged' },
    {
      index: 2,
      collection: 'residents',
      id: BAD,
      outcome: 'quarantined',
      reason: { code: 'invalid_document', message: 'fullName.tooShort' },
    },
  ],
};

const BASE = `/v1/wards/${WARD.code}`;

function routes(extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    [`GET ${BASE}/group-load`]: { body: GROUP_LOAD },
    [`GET ${BASE}/quarantine`]: { body: QUARANTINE },
    [`GET ${BASE}/records/residents/${HOA}/history`]: { body: HISTORY },
    [`POST ${BASE}/unsynced-import`]: { body: IMPORTED },
    ...extra,
  };
}

function renderPanel(extra: Record<string, Route> = {}) {
  const server = fakeServer(routes(extra));
  const http = createApiHttp({ fetch: server.fetch, appVersion: 'test', getToken: () => 'officer-token' });
  const api = createRecordsApi(http, (call) => call);
  const groups = [
    { id: 'to-1', wardCode: WARD.code, name: 'Tổ 1', kind: 'to_dan_pho' as const },
    { id: 'to-2', wardCode: WARD.code, name: 'Tổ 2', kind: 'to_dan_pho' as const },
  ];
  render(<RecordsPanel api={api} ward={WARD.code} groups={groups} />);
  return server;
}

function chooseFile(content: string, name = 'bdhvs-chua-dong-bo-99999-2026-11-22.json') {
  const input = screen.getByLabelText('Chọn tệp bản ghi chưa gửi');
  const file = new File([content], name, { type: 'application/json' });
  fireEvent.change(input, { target: { files: [file] } });
}

describe('heavy groups', () => {
  test('only the groups above the phone-comfort threshold are listed, with the count that is too high', async () => {
    renderPanel();
    const heavy = await screen.findByText('Tổ 2: quá nhiều dữ liệu cho điện thoại giá rẻ');
    const row = heavy.closest('li')!;
    expect(row.textContent).toContain('6.200 người dân (nên không quá 5.000)');
    expect(screen.queryByText(/Tổ 1: quá nhiều/)).toBeNull();
    expect(screen.getByText(/Nên tách tổ/)).toBeTruthy();
  });

  test('with no heavy group it says so', async () => {
    renderPanel({
      [`GET ${BASE}/group-load`]: { body: { ...GROUP_LOAD, groups: [GROUP_LOAD.groups[0]] } },
    });
    expect(await screen.findByText('Chưa có tổ nào quá nhiều dữ liệu cho điện thoại.')).toBeTruthy();
  });
});

describe('the put-aside records', () => {
  test('each is described in words with its reason and time; its data is text, shown only on request', async () => {
    renderPanel();
    const session = await screen.findByText('Buổi hướng dẫn: Ngày 20/11/2026 tại <b>Nhà văn hoá</b>');
    const sessionRow = session.closest('li')!;
    expect(sessionRow.querySelector('b')).toBeNull();
    expect(sessionRow.textContent).toContain('Bản ghi thuộc tổ hoặc phường khác');
    expect(sessionRow.textContent).toContain('Nhận lúc 22/11/2026 14:30');
    const raw = within(sessionRow).getByText('Xem dữ liệu gốc').closest('details')!;
    expect(raw.open).toBe(false);

    const resident = screen.getByText('Người dân: A, sinh năm 1960').closest('li')!;
    expect(resident.textContent).toContain('Thông tin chưa hợp lệ:');
    expect(resident.textContent).toContain('Chi tiết: weird.thing');
    expect(resident.textContent).toContain('Nhận lúc 21/11/2026 08:05');
    // Newest first.
    const rows = screen
      .getByRole('heading', { name: 'Bản ghi bị để riêng' })
      .closest('section')!
      .querySelectorAll('li.record-row');
    expect([...rows].map((r) => r.querySelector('.record-what')!.textContent)).toEqual([
      'Buổi hướng dẫn: Ngày 20/11/2026 tại <b>Nhà văn hoá</b>',
      'Người dân: A, sinh năm 1960',
    ]);
  });

  test('an empty list says so', async () => {
    renderPanel({ [`GET ${BASE}/quarantine`]: { body: { items: [], total: 0 } } });
    expect(await screen.findByText('Không có bản ghi nào bị để riêng.')).toBeTruthy();
  });
});

describe('importing a file of records not yet sent', () => {
  test('shows whose file it is, imports it, and gives the result per outcome and per record', async () => {
    const server = renderPanel();
    const file = exportFile();
    chooseFile(JSON.stringify(file));
    expect(
      await screen.findByText('Tệp của Nguyễn Thị Lan, tạo lúc 22/11/2026 17:40, có 3 bản ghi.'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Nhập 3 bản ghi vào máy chủ' }));

    expect(await screen.findByText('Đã nhập xong tệp. Kết quả:')).toBeTruthy();
    expect(screen.getByText('Thêm mới: 1')).toBeTruthy();
    expect(screen.getByText('Gộp với bản trên máy chủ: 1')).toBeTruthy();
    expect(screen.getByText('Máy chủ đã có, không đổi: 0')).toBeTruthy();
    expect(screen.getByText('Để riêng, cần xem lại: 1')).toBeTruthy();
    const call = server.calls.find((c) => c.method === 'POST');
    expect(call?.path).toBe(`${BASE}/unsynced-import`);
    expect(call?.body).toEqual(file);
    expect(call?.headers['authorization']).toBe('Bearer officer-token');

    // Record by record, put aside first, each with its history a tap away.
    const result = screen.getByText('Đã nhập xong tệp. Kết quả:').closest('.import-result')!;
    const rows = [...result.querySelectorAll('li.record-row')];
    expect(rows.map((r) => r.querySelector('.record-what')!.textContent)).toEqual([
      'Người dân: A',
      'Người dân: Nguyễn Thị Hoa, sinh năm 1959',
      'Người dân: Lê Văn Mới, sinh năm 1958',
    ]);
    expect(rows[0]!.textContent).toContain('Hãy nhập');
    // The put-aside list is fetched again after the import.
    await waitFor(() => expect(server.calls.filter((c) => c.path.endsWith('/quarantine'))).toHaveLength(2));

    fireEvent.click(within(rows[1] as HTMLElement).getByRole('button', { name: 'Xem lịch sử' }));
    expect(await screen.findByText('Người dân: Nguyễn Thị Hoà, sinh năm 1959 (đã xoá)')).toBeTruthy();
  });

  test('a file that is not ours, or of another ward, is refused before anything is sent', async () => {
    const server = renderPanel();
    chooseFile('{"hello": "world"}', 'anh.json');
    expect(await screen.findByText('Tệp này không phải tệp bản ghi chưa gửi của ứng dụng.')).toBeTruthy();
    chooseFile('not json at all');
    expect(await screen.findByText('Tệp này không phải tệp bản ghi chưa gửi của ứng dụng.')).toBeTruthy();
    chooseFile(JSON.stringify(exportFile('12345')));
    expect(await screen.findByText('Tệp này là của phường 12345, không phải phường của bạn.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Nhập \d+ bản ghi/ })).toBeNull();
    expect(server.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  test('a refusal by the server is shown and the file can be sent again', async () => {
    let attempts = 0;
    renderPanel({
      [`POST ${BASE}/unsynced-import`]: () => (++attempts === 1 ? 'offline' : { body: IMPORTED }),
    });
    chooseFile(JSON.stringify(exportFile()));
    fireEvent.click(await screen.findByRole('button', { name: 'Nhập 3 bản ghi vào máy chủ' }));
    expect(
      await screen.findByText('Không liên lạc được với máy chủ. Hãy kiểm tra mạng rồi thử lại.'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Nhập 3 bản ghi vào máy chủ' }));
    expect(await screen.findByText('Thêm mới: 1')).toBeTruthy();
  });
});

describe("a record's history", () => {
  test('opened from the put-aside list it shows every version newest first with what changed', async () => {
    renderPanel({
      [`GET ${BASE}/quarantine`]: {
        body: { total: 1, items: [{ ...QUARANTINE.items[1]!, docId: HOA }] },
      },
    });
    const row = (await screen.findByText('Người dân: A, sinh năm 1960')).closest('li')!;
    fireEvent.click(within(row).getByRole('button', { name: 'Xem lịch sử' }));
    const title = await screen.findByText('Người dân: Nguyễn Thị Hoà, sinh năm 1959 (đã xoá)');
    const timeline = title.closest('.record-timeline')!;
    const versions = [...timeline.querySelectorAll('li.record-version')];
    expect(versions.map((v) => v.querySelector('.record-what')!.textContent)).toEqual([
      'Bản hiện tại, ghi lúc 23/11/2026 09:05',
      'Bản cũ thứ 2, bị thay lúc 23/11/2026 09:05',
      'Bản cũ thứ 1, bị thay lúc 20/11/2026 16:45',
    ]);
    const changes = (v: Element) => [...v.querySelectorAll('.record-changes li')].map((li) => li.textContent);
    expect(changes(versions[0]!)).toEqual([
      'Trạng thái: Đang dùng → Đã xoá',
      'Năm sinh: 1958 → 1959',
      `Sửa lúc: ${formatDateTime('2026-11-19T02:00:00.000Z')} → ${formatDateTime('2026-11-20T02:00:00.000Z')}`,
    ]);
    expect(changes(versions[1]!)[0]).toBe('Họ và tên: Nguyễn Thị Hoa → Nguyễn Thị Hoà');
    expect(versions[2]!.textContent).toContain('Bản đầu tiên máy chủ nhận.');
    expect(screen.getByLabelText('Mã bản ghi')).toHaveProperty('value', HOA);
  });

  test('typed by hand: a malformed id is explained, an unknown one is not found', async () => {
    const server = renderPanel({
      [`GET ${BASE}/records/sessions/${SESSION}/history`]: failure(404, 'not_found'),
    });
    fireEvent.input(screen.getByLabelText('Mã bản ghi'), { target: { value: 'abc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Xem lịch sử' }));
    expect(await screen.findByText(/Mã bản ghi chưa đúng/)).toBeTruthy();
    expect(server.calls.some((c) => c.path.includes('/records/'))).toBe(false);

    fireEvent.change(screen.getByLabelText('Loại bản ghi'), { target: { value: 'sessions' } });
    fireEvent.input(screen.getByLabelText('Mã bản ghi'), { target: { value: ` ${SESSION} ` } });
    fireEvent.click(screen.getByRole('button', { name: 'Xem lịch sử' }));
    expect(await screen.findByText('Máy chủ không có bản ghi này trong phường.')).toBeTruthy();
  });
});

test('the whole section, after an import and with a history open, has no serious accessibility problem', async () => {
  renderPanel();
  chooseFile(JSON.stringify(exportFile()));
  fireEvent.click(await screen.findByRole('button', { name: 'Nhập 3 bản ghi vào máy chủ' }));
  const result = (await screen.findByText('Đã nhập xong tệp. Kết quả:')).closest('.import-result')!;
  fireEvent.click(within(result as HTMLElement).getAllByRole('button', { name: 'Xem lịch sử' })[1]!);
  await screen.findByText('Bản hiện tại, ghi lúc 23/11/2026 09:05');
  const report = await axe.run(document.body, {
    resultTypes: ['violations'],
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  const serious = report.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

describe('in the officer console', () => {
  test('the "Bản ghi" tab opens the section', async () => {
    const server = fakeServer({
      'POST /v1/auth/login': {
        body: { token: 'officer-token', expiresAt: '2099-01-01T00:00:00.000Z', account: OFFICER },
      },
      'GET /v1/wards': { body: { wards: [WARD] } },
      [`GET ${BASE}/people`]: { body: { people: [] } },
      'GET /v1/sync/groups/pull': { body: { documents: [], checkpoint: { seq: 0 } } },
      ...routes(),
    });
    const api = (getToken?: () => string | null) =>
      createApiHttp({ fetch: server.fetch, appVersion: 'test', ...(getToken ? { getToken } : {}) });
    render(
      <OfficerApp
        sessions={createSessionStore(memoryKeyValue())}
        api={api}
        onExit={vi.fn()}
        origin="https://phuong.example"
      />,
    );
    fireEvent.input(await screen.findByLabelText('Tên đăng nhập'), { target: { value: 'canbo.hongan' } });
    fireEvent.input(screen.getByLabelText('Mật khẩu'), { target: { value: 'hongan-demo-2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Bản ghi' }));
    expect(await screen.findByRole('heading', { name: 'Bản ghi bị để riêng' })).toBeTruthy();
    expect(await screen.findByText('Tổ 2: quá nhiều dữ liệu cho điện thoại giá rẻ')).toBeTruthy();
    const quarantine = server.calls.find((c) => c.path === `${BASE}/quarantine`);
    expect(quarantine?.headers['authorization']).toBe('Bearer officer-token');
  });
});
