// @vitest-environment happy-dom
// The officer's "Quyền riêng tư" tab against a fake ward server (the app's own API client runs for real):
// finding a resident opens their card; "see and export" shows every section of the export and saves it as
// JSON; a correction sends only the fields changed, and a refusal is said in Vietnamese with what was
// typed kept; erasure stays disabled until the name typed matches, then sends it and says the counts; the
// withdrawn list opens the erasure; the request log and the audit log (paging, filters, CSV) in words;
// failures said with a retry, a refused session ends it; no serious accessibility problem.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createApiHttp } from '../../../src/client/api';
import { todayIso } from '../../../src/client/ui/i18n';
import { createOfficerApi } from '../../../src/client/ui/officer/officer-api';
import { PrivacyPanel } from '../../../src/client/ui/officer/privacy/privacy-panel';
import type { AuditEntry, ResidentHit, SubjectExport, SubjectRequest } from '../../../src/shared/privacy-api';
import { failure, fakeServer, WARD, type Call, type Reply, type Route } from './fake-server';

const BASE = `/v1/wards/${WARD.code}`;
const LAN = 'a1b2c3d4-0000-4000-8000-000000000001';
const LAN_DUP = 'b1b2c3d4-0000-4000-8000-000000000002';
const BAY = 'c1b2c3d4-0000-4000-8000-000000000003';
const OFFICER_ID = '7c1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e';

const hit = (id: string, fullName: string, extra: Partial<ResidentHit> = {}): ResidentHit => ({
  id,
  fullName,
  birthYear: 1957,
  sex: 'female',
  groupId: 'to-1',
  groupName: 'Tổ dân phố 1',
  registrationConsent: true,
  ...extra,
});

const HITS: ResidentHit[] = [
  hit(LAN, 'Nguyễn Thị Lan'),
  hit(LAN_DUP, 'Nguyen Thi Lan', { mergedInto: LAN }),
  hit(BAY, 'Trần Văn Bảy', {
    birthYear: 1949,
    sex: 'male',
    groupName: 'Tổ dân phố 2',
    registrationConsent: false,
  }),
];

const consent = (purpose: 'registration' | 'contact', extra: object = {}) => ({
  purpose,
  askedBy: 'Lò Văn Pháo',
  date: '2026-01-05',
  method: 'verbal' as const,
  wordingVersion: 'v1',
  ...extra,
});

const STORED = {
  id: LAN,
  wardCode: WARD.code,
  groupId: 'to-1',
  fullName: 'Nguyễn Thị Lan',
  birthYear: 1957,
  birthDate: '1957-04-02',
  sex: 'female',
  phone: '0987654321',
  citizenIdLast4: '1234',
  consents: [consent('registration'), consent('contact')],
  createdAt: '2026-01-05T02:00:00.000Z',
  updatedAt: '2026-02-10T02:00:00.000Z',
};

const request = (
  id: number,
  kind: SubjectRequest['kind'],
  extra: Partial<SubjectRequest> = {},
): SubjectRequest => ({
  id,
  residentId: LAN,
  kind,
  receivedOn: '2026-03-16',
  doneAt: '2026-03-17T03:30:00.000Z',
  handledBy: OFFICER_ID,
  handledByName: 'Trần Văn Minh',
  note: '',
  detail: {},
  ...extra,
});

const EXPORT: SubjectExport = {
  wardCode: WARD.code,
  wardName: 'Phường Hồng An',
  producedAt: '2026-03-18T05:00:00.000Z',
  producedBy: 'Trần Văn Minh',
  records: [
    {
      // The export's record: the stored fields without the ward code, with the group's name.
      ...(({ wardCode: _ward, ...fields }) => fields)(STORED),
      sex: 'female',
      groupName: 'Tổ dân phố 1',
      deleted: false,
      consents: [
        consent('registration'),
        consent('contact', { method: 'signed', withdrawnOn: '2026-03-01' }),
      ],
    },
    {
      id: LAN_DUP,
      fullName: 'Nguyen Thi Lan',
      birthYear: 1957,
      sex: 'female',
      groupId: 'to-1',
      groupName: 'Tổ dân phố 1',
      mergedInto: LAN,
      deleted: true,
      consents: [consent('registration')],
      createdAt: '2026-02-01T02:00:00.000Z',
      updatedAt: '2026-02-01T02:00:00.000Z',
    },
  ],
  completions: [
    {
      id: 'd1b2c3d4-0000-4000-8000-000000000004',
      recordId: LAN,
      kind: 'vneid',
      skills: [{ code: 'K1', name: 'Dùng Zalo gọi video' }],
      vneid: { channel: 'vneid_app', courseName: 'Kỹ năng số cơ bản', issuer: 'Trường Đại học Mở' },
      doneOn: '2026-02-20',
      recordedBy: 'Lò Văn Pháo',
      notes: 'Bà tự mở được ứng dụng',
      deleted: false,
    },
  ],
  sessions: [
    {
      id: 'e1b2c3d4-0000-4000-8000-000000000005',
      heldOn: '2026-02-14',
      place: 'Nhà văn hoá tổ 1',
      skills: [{ code: 'K2', name: 'Thanh toán bằng mã QR' }],
    },
  ],
  merges: [{ fromId: LAN_DUP, intoId: LAN, at: '2026-02-02T03:00:00.000Z', by: 'Trần Văn Minh' }],
  requests: [{ kind: 'rectify', receivedOn: '2026-03-01', doneAt: '2026-03-02T03:00:00.000Z' }],
  visibleTo: [
    { role: 'leader', fullName: 'Đỗ Thị Hoa' },
    { role: 'officer', fullName: 'Trần Văn Minh' },
  ],
};

const entry = (id: number, action: AuditEntry['action'], extra: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: '2026-03-18T03:00:00.000Z',
  wardCode: WARD.code,
  actorId: OFFICER_ID,
  actorName: 'Trần Văn Minh',
  actorRole: 'officer',
  deviceId: null,
  deviceLabel: null,
  action,
  subject: `residents/${LAN}`,
  detail: {},
  ...extra,
});

const invalid = (message: string): Reply => ({
  status: 400,
  body: { error: { code: 'invalid_body', message } },
});

function routes(extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    [`GET ${BASE}/privacy/residents`]: { body: { residents: HITS, more: false } },
    [`GET ${BASE}/privacy/withdrawn`]: { body: { residents: [HITS[2]] } },
    [`GET ${BASE}/records/residents/${LAN}/history`]: {
      body: {
        collection: 'residents',
        id: LAN,
        current: { doc: STORED, deleted: false, seq: 9, receivedAt: '2026-02-10T02:00:01.000Z' },
        history: [],
      },
    },
    [`POST ${BASE}/residents/${LAN}/access`]: {
      status: 201,
      body: { request: request(3, 'access'), export: EXPORT },
    },
    [`POST ${BASE}/residents/${LAN}/erase`]: {
      status: 201,
      body: { request: request(4, 'erase'), erased: { residents: 2, completions: 3 } },
    },
    ...extra,
  };
}

function setup(extra: Record<string, Route> = {}) {
  const server = fakeServer(routes(extra));
  const http = createApiHttp({ fetch: server.fetch, appVersion: 'test', getToken: () => 'officer-token' });
  const sessionOver = vi.fn();
  const api = createOfficerApi(http, sessionOver);
  render(<PrivacyPanel api={api} ward={WARD.code} groups={[]} />);
  return { server, sessionOver };
}

const posts = (calls: Call[], what: string) =>
  calls.filter((c) => c.method === 'POST' && c.path.endsWith(what));

/** Searches for Lan and opens her card. */
async function openLan() {
  fireEvent.input(screen.getByLabelText(/Tìm người dân theo họ tên/), {
    target: { value: ' nguyen thi lan ' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Tìm' }));
  fireEvent.click(await screen.findByRole('button', { name: /^Nguyễn Thị Lan/ }));
  return screen.getByRole('region', { name: 'Nguyễn Thị Lan' });
}

let saved: { href: string; download: string }[];
let blobs: Blob[];
const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };

beforeEach(() => {
  saved = [];
  blobs = [];
  URL.createObjectURL = vi.fn((blob: Blob) => `blob:test/${blobs.push(blob)}`);
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ href: this.getAttribute('href') ?? '', download: this.download });
  });
});
afterEach(() => {
  cleanup();
  URL.createObjectURL = original.create;
  URL.revokeObjectURL = original.revoke;
  vi.restoreAllMocks();
});

describe('finding a resident', () => {
  test('the search sends the query trimmed, lists the hits with their badges, and opens the chosen card', async () => {
    const { server } = setup();
    fireEvent.input(screen.getByLabelText(/Tìm người dân theo họ tên/), {
      target: { value: ' nguyen thi lan ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Tìm' }));
    const list = await screen.findByRole('list');
    expect(server.calls[0]!.path).toBe(`${BASE}/privacy/residents?q=nguyen%20thi%20lan`);
    expect(screen.getByText('Tìm thấy 3 hồ sơ. Chọn đúng người để xử lý yêu cầu.')).toBeTruthy();
    const rows = within(list)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(rows).toEqual([
      'Nguyễn Thị LanSinh năm 1957 · Nữ · Tổ dân phố 1',
      'Nguyen Thi LanSinh năm 1957 · Nữ · Tổ dân phố 1Đã gộp vào Nguyễn Thị Lan',
      'Trần Văn BảySinh năm 1949 · Nam · Tổ dân phố 2Đã rút đồng ý',
    ]);

    fireEvent.click(within(list).getAllByRole('button')[0]!);
    const card = screen.getByRole('region', { name: 'Nguyễn Thị Lan' });
    expect(document.activeElement).toBe(within(card).getByRole('heading', { name: 'Nguyễn Thị Lan' }));
    expect(card.textContent).toContain('Sinh năm 1957 · Nữ · Tổ dân phố 1 · mã hồ sơ a1b2c3d4');
    for (const name of ['Xem và xuất dữ liệu', 'Sửa thông tin', 'Xoá dữ liệu']) {
      expect(within(card).getByRole('button', { name })).toBeTruthy();
    }
  });

  test('no match, too many matches, an empty query and a failure are said', async () => {
    let reply: Reply = { body: { residents: [], more: false } };
    setup({ [`GET ${BASE}/privacy/residents`]: () => reply });
    fireEvent.click(screen.getByRole('button', { name: 'Tìm' }));
    expect(screen.getByRole('alert').textContent).toBe('Hãy gõ họ tên, 4 số cuối CCCD hoặc số điện thoại.');

    fireEvent.input(screen.getByLabelText(/Tìm người dân/), { target: { value: 'xyz' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tìm' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Không thấy ai khớp với “xyz”. Hãy thử gõ ít chữ hơn hoặc tìm bằng số điện thoại.',
    );

    reply = { body: { residents: HITS, more: true } };
    fireEvent.click(screen.getByRole('button', { name: 'Tìm' }));
    expect(await screen.findByText(/Có hơn 50 hồ sơ khớp/)).toBeTruthy();

    reply = 'offline';
    fireEvent.click(screen.getByRole('button', { name: 'Tìm' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^Chưa tìm được: /));
    expect((screen.getByLabelText(/Tìm người dân/) as HTMLInputElement).value).toBe('xyz');
  });

  test('a session the server no longer accepts ends the console session', async () => {
    const { sessionOver } = setup({ [`GET ${BASE}/privacy/residents`]: failure(401, 'unauthenticated') });
    fireEvent.input(screen.getByLabelText(/Tìm người dân/), { target: { value: 'lan' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tìm' }));
    await waitFor(() => expect(sessionOver).toHaveBeenCalledTimes(1));
  });
});

describe('see and export', () => {
  test('asks the day and a note, then shows every section of the export, prints, and saves the JSON', async () => {
    const { server } = setup();
    const card = await openLan();
    fireEvent.click(within(card).getByRole('button', { name: 'Xem và xuất dữ liệu' }));
    const dialog = screen.getByRole('dialog', { name: 'Xem và xuất dữ liệu của Nguyễn Thị Lan' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Huỷ' }));
    expect((within(dialog).getByLabelText('Ngày người dân yêu cầu') as HTMLInputElement).value).toBe(
      todayIso(),
    );
    fireEvent.input(within(dialog).getByLabelText('Ngày người dân yêu cầu'), {
      target: { value: '2026-03-16' },
    });
    fireEvent.input(within(dialog).getByLabelText(/Ghi chú/), { target: { value: ' đến trực tiếp ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Xem dữ liệu' }));

    const page = await screen.findByRole('article', { name: 'Dữ liệu cá nhân của Nguyễn Thị Lan' });
    expect(posts(server.calls, '/access')[0]!.body).toEqual({
      receivedOn: '2026-03-16',
      note: 'đến trực tiếp',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(within(page).getByRole('heading', { level: 2 })));
    const text = page.textContent ?? '';
    expect(text).toContain('Phường Hồng An · lập lúc');
    // Both records, with their fields and consents.
    expect(within(page).getByRole('heading', { name: 'Hồ sơ a1b2c3d4' })).toBeTruthy();
    expect(
      within(page).getByRole('heading', { name: 'Hồ sơ b1b2c3d4 (trùng người, đã gộp vào hồ sơ a1b2c3d4)' }),
    ).toBeTruthy();
    for (const fact of ['02/04/1957', '0987654321', '1234', 'Tổ dân phố 1']) expect(text).toContain(fact);
    const consents = within(page).getAllByRole('table', { name: 'Sự đồng ý' })[0]!;
    const rows = [...consents.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(rows).toEqual([
      [
        'Ghi thông tin để hướng dẫn và thống kê',
        'Lò Văn Pháo',
        '05/01/2026',
        'Nói đồng ý',
        'v1',
        'Còn hiệu lực',
      ],
      ['Lưu số điện thoại để liên hệ', 'Lò Văn Pháo', '05/01/2026', 'Ký vào giấy', 'v1', '01/03/2026'],
    ]);
    // Results with skill names, sessions, merges, who can see, earlier requests.
    expect(text).toContain('Đã xác nhận trên VNeID');
    expect(text).toContain(
      'thấy trên: Ứng dụng VNeID · khoá học: Kỹ năng số cơ bản · đơn vị cấp: Trường Đại học Mở',
    );
    expect(text).toContain('Bà tự mở được ứng dụng');
    expect(text).toContain('đã xoá, vẫn đang lưu trong lịch sử');
    expect(text).toContain('Dùng Zalo gọi video');
    expect(text).toContain('Nhà văn hoá tổ 1');
    expect(text).toContain('Thanh toán bằng mã QR');
    expect(text).toContain('Hồ sơ b1b2c3d4 gộp vào hồ sơ a1b2c3d4 lúc');
    expect(text).toContain('Tổ trưởng: Đỗ Thị Hoa');
    expect(text).toContain('Cán bộ phường: Trần Văn Minh');
    expect(text).toContain('Sửa thông tin: yêu cầu ngày 01/03/2026, xử lý lúc');
    // The search and the card are out of the way (and off the printed page).
    expect(screen.queryByRole('region', { name: 'Nguyễn Thị Lan' })).toBeNull();

    // happy-dom has no window.print: stand in for the browser's.
    const print = vi.fn();
    const browserPrint = window.print;
    window.print = print;
    fireEvent.click(within(page).getByRole('button', { name: 'In' }));
    window.print = browserPrint;
    expect(print).toHaveBeenCalledTimes(1);

    fireEvent.click(within(page).getByRole('button', { name: 'Tải tệp JSON' }));
    const filename = `du-lieu-${WARD.code}-a1b2c3d4-2026-03-18.json`;
    expect(saved).toEqual([{ href: 'blob:test/1', download: filename }]);
    expect(JSON.parse(await blobs[0]!.text())).toEqual(EXPORT);
    expect(within(page).getByRole('status').textContent).toBe(`Đã tải tệp ${filename}.`);

    fireEvent.click(within(page).getByRole('button', { name: 'Quay lại' }));
    expect(screen.getByRole('region', { name: 'Nguyễn Thị Lan' })).toBeTruthy();
    expect((screen.getByLabelText(/Tìm người dân/) as HTMLInputElement).value).toBe(' nguyen thi lan ');
  });

  test('a day after today is refused before anything is sent', async () => {
    const { server } = setup();
    const card = await openLan();
    fireEvent.click(within(card).getByRole('button', { name: 'Xem và xuất dữ liệu' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.input(within(dialog).getByLabelText('Ngày người dân yêu cầu'), {
      target: { value: '2999-01-01' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Xem dữ liệu' }));
    expect(within(dialog).getByText('Ngày yêu cầu không thể sau hôm nay.')).toBeTruthy();
    expect(posts(server.calls, '/access')).toEqual([]);
  });
});

describe('correct', () => {
  test('the form holds the current values and sends only the fields changed; a 400 is said in Vietnamese and keeps what was typed', async () => {
    let refuse = true;
    const { server } = setup({
      [`POST ${BASE}/residents/${LAN}/rectify`]: (call) =>
        refuse
          ? invalid('Invalid resident: phone: phone.invalid')
          : {
              status: 201,
              body: {
                request: request(5, 'rectify', { detail: { fields: ['phone', 'citizenIdLast4'] } }),
                resident: {
                  ...STORED,
                  phone: '0912345678',
                  citizenIdLast4: undefined,
                  ...(call.body as object),
                },
              },
            },
    });
    const card = await openLan();
    fireEvent.click(within(card).getByRole('button', { name: 'Sửa thông tin' }));
    const name = (await within(card).findByLabelText('Họ và tên')) as HTMLInputElement;
    const value = (label: string | RegExp) => (within(card).getByLabelText(label) as HTMLInputElement).value;
    expect(name.value).toBe('Nguyễn Thị Lan');
    expect(value('Năm sinh')).toBe('1957');
    expect(value(/Ngày sinh/)).toBe('1957-04-02');
    expect(value('Giới tính')).toBe('female');
    expect(value(/Số điện thoại/)).toBe('0987654321');
    expect(value(/4 số cuối CCCD/)).toBe('1234');

    fireEvent.input(within(card).getByLabelText(/Số điện thoại/), { target: { value: '0912 345 67' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Lưu thay đổi' }));
    const alert = await within(card).findByText(/^Chưa lưu được/);
    expect(alert.textContent).toBe('Chưa lưu được, hãy sửa lại các ô được đánh dấu.');
    expect(within(card).getByText('Số điện thoại không đúng. Ví dụ: 0912345678.')).toBeTruthy();
    expect(
      within(card)
        .getByLabelText(/Số điện thoại/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(value(/Số điện thoại/)).toBe('0912 345 67');
    expect(posts(server.calls, '/rectify')[0]!.body).toEqual({
      receivedOn: todayIso(),
      changes: { phone: '091234567' },
    });

    refuse = false;
    fireEvent.input(within(card).getByLabelText(/Số điện thoại/), { target: { value: '0912 345 678' } });
    fireEvent.input(within(card).getByLabelText(/4 số cuối CCCD/), { target: { value: '' } });
    fireEvent.input(within(card).getByLabelText(/Ghi chú/), { target: { value: 'gọi điện' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Lưu thay đổi' }));
    expect((await within(card).findByRole('status')).textContent).toBe(
      'Đã sửa: Số điện thoại, 4 số cuối CCCD. Điện thoại của tổ sẽ nhận bản sửa ở lần đồng bộ tới.',
    );
    expect(posts(server.calls, '/rectify')[1]!.body).toEqual({
      receivedOn: todayIso(),
      note: 'gọi điện',
      changes: { phone: '0912345678', citizenIdLast4: null },
    });
    expect(within(card).queryByText('Số điện thoại không đúng. Ví dụ: 0912345678.')).toBeNull();
  });

  test('nothing changed is said, not sent; a year that is not 4 digits is refused on the spot', async () => {
    const { server } = setup();
    const card = await openLan();
    fireEvent.click(within(card).getByRole('button', { name: 'Sửa thông tin' }));
    await within(card).findByLabelText('Họ và tên');
    fireEvent.click(within(card).getByRole('button', { name: 'Lưu thay đổi' }));
    expect(within(card).getByRole('alert').textContent).toBe('Chưa có thông tin nào thay đổi.');
    fireEvent.input(within(card).getByLabelText('Năm sinh'), { target: { value: '57' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Lưu thay đổi' }));
    expect(within(card).getByText('Năm sinh gồm 4 chữ số, ví dụ 1958.')).toBeTruthy();
    expect(posts(server.calls, '/rectify')).toEqual([]);
  });
});

describe('erase', () => {
  test('the button stays disabled until the name matches, then sends it and says the counts', async () => {
    const { server } = setup();
    const card = await openLan();
    fireEvent.click(within(card).getByRole('button', { name: 'Xoá dữ liệu' }));
    const dialog = screen.getByRole('dialog', { name: 'Xoá toàn bộ dữ liệu của Nguyễn Thị Lan?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Huỷ' }));
    for (const said of [
      'khỏi máy chủ',
      'lần đồng bộ tới',
      'số liệu độ phủ',
      'Không thể hoàn tác',
      'ghi vào sổ',
    ]) {
      expect(dialog.textContent).toContain(said);
    }
    const confirm = within(dialog).getByRole('button', { name: 'Xoá vĩnh viễn' }) as HTMLButtonElement;
    const nameBox = within(dialog).getByLabelText('Gõ lại họ tên “Nguyễn Thị Lan” để xác nhận');
    expect(confirm.disabled).toBe(true);
    for (const typed of ['Nguyễn Thị', 'nguyen thi lan', 'Nguyễn Thị Lâm']) {
      fireEvent.input(nameBox, { target: { value: typed } });
      expect(confirm.disabled).toBe(true);
    }
    // Typed with combining accents and a stray space: the same name.
    fireEvent.input(nameBox, { target: { value: 'Nguyễn Thị  Lan '.normalize('NFD') } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);

    const done = await within(card).findByRole('status');
    expect(done.textContent).toBe(
      'Đã xoá dữ liệu của Nguyễn Thị Lan: 2 hồ sơ và 3 kết quả. Các điện thoại sẽ xoá ở lần đồng bộ tới.',
    );
    expect(posts(server.calls, '/erase')[0]!.body).toEqual({
      receivedOn: todayIso(),
      confirmName: 'Nguyễn Thị Lan',
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Xoá dữ liệu' })).toBeNull();
    // The person's records leave the hits.
    expect(screen.queryByRole('button', { name: /^Nguy/ })).toBeNull();
    expect(screen.getByRole('button', { name: /^Trần Văn Bảy/ })).toBeTruthy();
  });

  test("the server's refusal of the name is said in the dialog, which stays open", async () => {
    setup({ [`POST ${BASE}/residents/${LAN}/erase`]: invalid('confirmName: privacy.confirmName') });
    const card = await openLan();
    fireEvent.click(within(card).getByRole('button', { name: 'Xoá dữ liệu' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.input(within(dialog).getByLabelText(/Gõ lại họ tên/), { target: { value: 'Nguyễn Thị Lan' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Xoá vĩnh viễn' }));
    expect((await within(dialog).findByText(/^Chưa xoá được/)).textContent).toBe(
      'Chưa xoá được: Họ tên gõ vào chưa khớp với hồ sơ.',
    );
    expect((within(dialog).getByLabelText(/Gõ lại họ tên/) as HTMLInputElement).value).toBe('Nguyễn Thị Lan');
  });

  test('the withdrawn list opens the erasure of the chosen person', async () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Chờ xoá (đã rút đồng ý)' }));
    const section = await screen.findByRole('region', { name: 'Chờ xoá (đã rút đồng ý)' });
    expect(await within(section).findByText('Trần Văn Bảy')).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Xoá dữ liệu của Trần Văn Bảy' }));
    expect(screen.getByRole('dialog', { name: 'Xoá toàn bộ dữ liệu của Trần Văn Bảy?' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Trần Văn Bảy' }).textContent).toContain('Đã rút đồng ý');
  });
});

describe('the logs', () => {
  test('the request log says each request in words, newest first', async () => {
    setup({
      [`GET ${BASE}/subject-requests`]: {
        body: {
          requests: [
            request(1, 'access', { note: 'đến trực tiếp' }),
            request(2, 'rectify', { detail: { fields: ['phone', 'fullName'] } }),
            request(3, 'erase', { residentId: BAY, detail: { residents: 2, completions: 3 } }),
          ],
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Yêu cầu đã xử lý' }));
    const table = await screen.findByRole('table');
    const cells = [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    expect(cells.map((row) => [row[0], row[2], row[3], row[4], row[5], row[6]])).toEqual([
      ['16/03/2026', 'Xoá dữ liệu', 'c1b2c3d4', 'Trần Văn Minh', '', 'Đã xoá 2 hồ sơ, 3 kết quả'],
      ['16/03/2026', 'Sửa thông tin', 'a1b2c3d4', 'Trần Văn Minh', '', 'Đã sửa: Số điện thoại, Họ và tên'],
      [
        '16/03/2026',
        'Xem và xuất dữ liệu',
        'a1b2c3d4',
        'Trần Văn Minh',
        'đến trực tiếp',
        'Đã cung cấp dữ liệu',
      ],
    ]);
    expect(cells[0]![1]).toMatch(/^17\/03\/2026 \d\d:30$/);
  });

  test('an empty request log and a failed one (with a retry) are said', async () => {
    let reply: Reply = failure(500, 'internal');
    setup({ [`GET ${BASE}/subject-requests`]: () => reply });
    fireEvent.click(screen.getByRole('button', { name: 'Yêu cầu đã xử lý' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Chưa tải được sổ yêu cầu: /);
    reply = { body: { requests: [] } };
    fireEvent.click(within(alert).getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByText('Chưa có yêu cầu nào.')).toBeTruthy();
  });

  test('the audit log: entries in words, "Xem thêm" pages back, filters reload, "Tải CSV" takes the filtered log', async () => {
    const first = [
      entry(105, 'request.erase', { detail: { residents: 2, completions: 3 } }),
      entry(104, 'change.sync', {
        actorName: 'Lò Văn Pháo',
        actorRole: 'volunteer',
        deviceLabel: 'Điện thoại Pháo',
        subject: 'residents',
        detail: { rows: 12, written: [LAN, LAN_DUP, BAY, LAN] },
      }),
      entry(103, 'read.audit', { actorName: '', actorRole: '', actorId: null, subject: 'audit.csv' }),
    ];
    const older = [entry(102, 'read.search', { subject: 'residents' })];
    const { server } = setup({
      [`GET ${BASE}/audit`]: (call) => {
        const before = new URL(call.path, 'http://x').searchParams.get('before');
        return before === null
          ? { body: { entries: first, next: '103', retentionDays: 730 } }
          : { body: { entries: older, next: null, retentionDays: 730 } };
      },
      [`GET ${BASE}/audit.csv`]: {
        body: 'csv',
        headers: { 'content-disposition': `attachment; filename="nhat-ky-${WARD.code}-2026-03-18.csv"` },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Nhật ký truy cập' }));
    const section = await screen.findByRole('region', { name: 'Nhật ký truy cập' });
    const table = await within(section).findByRole('table');
    expect(server.calls.at(-1)!.path).toBe(`${BASE}/audit?limit=50`);
    expect(within(section).getByText('Nhật ký được giữ 730 ngày.')).toBeTruthy();
    const rows = () =>
      [...table.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent),
      );
    expect(rows()).toEqual([
      [
        'Trần Văn Minh (Cán bộ phường)',
        '—',
        'Yêu cầu xoá dữ liệu',
        'residents/a1b2c3d4',
        'hồ sơ người dân: 2 · kết quả: 3',
      ],
      [
        'Lò Văn Pháo (Tình nguyện viên)',
        'Điện thoại Pháo',
        'Đồng bộ từ thiết bị',
        'residents',
        'dòng gửi lên: 12 · đã ghi: 4 mục',
      ],
      ['Hệ thống', '—', 'Xuất nhật ký truy cập', 'audit.csv', ''],
    ]);

    fireEvent.click(within(section).getByRole('button', { name: 'Xem thêm' }));
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(server.calls.at(-1)!.path).toBe(`${BASE}/audit?before=103&limit=50`);
    expect(rows()[3]![2]).toBe('Tìm người dân');
    expect(within(section).queryByRole('button', { name: 'Xem thêm' })).toBeNull();
    expect(within(section).getByText('Đã hiện hết nhật ký.')).toBeTruthy();

    fireEvent.change(within(section).getByLabelText('Loại việc'), { target: { value: 'request' } });
    await waitFor(() => expect(server.calls.at(-1)!.path).toBe(`${BASE}/audit?limit=50&action=request`));
    fireEvent.input(within(section).getByLabelText('Từ ngày'), { target: { value: '2026-03-01' } });
    await waitFor(() =>
      expect(server.calls.at(-1)!.path).toBe(`${BASE}/audit?limit=50&action=request&from=2026-03-01`),
    );
    await waitFor(() => expect(within(section).getAllByRole('row')).toHaveLength(4));
    // A range the wrong way round is said and not asked for.
    const calls = server.calls.length;
    fireEvent.input(within(section).getByLabelText('Đến ngày'), { target: { value: '2026-02-01' } });
    expect(within(section).getByText('“Từ ngày” phải trước hoặc bằng “Đến ngày”.')).toBeTruthy();
    expect(server.calls).toHaveLength(calls);
    fireEvent.input(within(section).getByLabelText('Đến ngày'), { target: { value: '2026-03-18' } });
    await waitFor(() => expect(server.calls.at(-1)!.path).toContain('to=2026-03-18'));

    fireEvent.click(within(section).getByRole('button', { name: 'Tải CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(server.calls.at(-1)!.path).toBe(`${BASE}/audit.csv?action=request&from=2026-03-01&to=2026-03-18`);
    expect(server.calls.at(-1)!.headers['authorization']).toBe('Bearer officer-token');
    expect(saved[0]!.download).toBe(`nhat-ky-${WARD.code}-2026-03-18.csv`);
    expect((await within(section).findByText(/^Đã tải tệp/)).textContent).toBe(
      `Đã tải tệp nhat-ky-${WARD.code}-2026-03-18.csv.`,
    );
  });

  test('a failed audit page is said with a retry; an empty log is said', async () => {
    let reply: Reply = 'offline';
    setup({ [`GET ${BASE}/audit`]: () => reply });
    fireEvent.click(screen.getByRole('button', { name: 'Nhật ký truy cập' }));
    const alert = (await screen.findByText(/^Chưa tải được nhật ký: /)).closest(
      '[role="alert"]',
    ) as HTMLElement;
    reply = { body: { entries: [], next: null, retentionDays: 365 } };
    fireEvent.click(within(alert).getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByText('Không có mục nào trong nhật ký.')).toBeTruthy();
    expect(screen.getByText('Nhật ký được giữ 365 ngày.')).toBeTruthy();
  });

  test('the consent wording section shows the printable text', () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'Văn bản đồng ý' }));
    expect(screen.getByRole('heading', { name: 'Văn bản đồng ý', level: 2 })).toBeTruthy();
  });
});

describe('accessibility', () => {
  const seriousProblems = async () => {
    const report = await axe.run(document.body, {
      resultTypes: ['violations'],
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    return report.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
  };

  test('the tab has no serious accessibility problem: search with a card and its form, export, erase dialog, logs', async () => {
    setup({
      [`GET ${BASE}/subject-requests`]: { body: { requests: [request(1, 'access')] } },
      [`GET ${BASE}/audit`]: { body: { entries: [entry(1, 'read.search')], next: '1', retentionDays: 730 } },
    });
    const card = await openLan();
    fireEvent.click(within(card).getByRole('button', { name: 'Sửa thông tin' }));
    await within(card).findByLabelText('Họ và tên');
    expect(await seriousProblems()).toEqual([]);

    fireEvent.click(within(card).getByRole('button', { name: 'Xoá dữ liệu' }));
    expect(await seriousProblems()).toEqual([]);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Huỷ' }));

    fireEvent.click(within(card).getByRole('button', { name: 'Xem và xuất dữ liệu' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Xem dữ liệu' }));
    await screen.findByRole('article');
    expect(await seriousProblems()).toEqual([]);

    for (const tab of ['Chờ xoá (đã rút đồng ý)', 'Yêu cầu đã xử lý', 'Nhật ký truy cập']) {
      fireEvent.click(screen.getByRole('button', { name: tab }));
      await screen.findByRole(tab === 'Chờ xoá (đã rút đồng ý)' ? 'list' : 'table');
      expect(await seriousProblems()).toEqual([]);
    }
  });
});
