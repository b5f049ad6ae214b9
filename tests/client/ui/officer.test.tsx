// @vitest-environment happy-dom
// The officer's screens: sign-in messages, the people and device list with revocation, and the
// invitation form (validation keeps what was typed; a new code is shown large with its QR code).
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createApiHttp } from '../../../src/client/api';
import { memoryKeyValue } from '../../../src/client/db';
import { createSessionStore, type SessionStore } from '../../../src/client/session';
import { OfficerApp } from '../../../src/client/ui/officer';
import type { PersonView } from '../../../src/shared';
import { DEVICE_ID, failure, fakeServer, OFFICER, VOLUNTEER, WARD, type Route } from './fake-server';

afterEach(cleanup);

const LOGIN: Route = {
  body: { token: 'officer-token', expiresAt: '2099-01-01T00:00:00.000Z', account: OFFICER },
};
const GROUPS: Route = {
  body: {
    documents: [
      { id: 'to-2', wardCode: WARD.code, name: 'Tổ 2', kind: 'to_dan_pho', _deleted: false },
      { id: 'to-1', wardCode: WARD.code, name: 'Tổ 1', kind: 'to_dan_pho', _deleted: false },
      { id: 'to-9', wardCode: WARD.code, name: 'Tổ cũ', kind: 'to_dan_pho', _deleted: true },
    ],
    checkpoint: { seq: 3 },
  },
};
const PERSON: PersonView = {
  account: VOLUNTEER,
  pendingInvitation: null,
  devices: [
    {
      id: DEVICE_ID,
      label: 'Android 11 · SM-A105F',
      status: 'active',
      appVersion: '0.1.0',
      enrolledAt: '2026-11-01T01:00:00.000Z',
      lastSeenAt: new Date(2026, 10, 3, 7, 5).toISOString(),
      lastSyncAt: new Date(2026, 10, 3, 7, 4).toISOString(),
      revokedAt: null,
      unsyncedAtErase: null,
      erasedAt: null,
    },
    {
      id: '4e1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c60',
      label: null,
      status: 'retired',
      appVersion: '0.0.9',
      enrolledAt: '2026-10-01T01:00:00.000Z',
      lastSeenAt: null,
      lastSyncAt: null,
      revokedAt: '2026-10-20T01:00:00.000Z',
      unsyncedAtErase: 4,
      erasedAt: '2026-10-21T01:00:00.000Z',
    },
  ],
};

function officerRoutes(extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    'POST /v1/auth/login': LOGIN,
    'GET /v1/wards': { body: { wards: [WARD] } },
    'GET /v1/wards/99999/people': { body: { people: [PERSON] } },
    'GET /v1/sync/groups/pull': GROUPS,
    ...extra,
  };
}

function renderOfficer(
  routes: Record<string, Route>,
  sessions: SessionStore = createSessionStore(memoryKeyValue()),
) {
  const server = fakeServer(routes);
  const api = (getToken?: () => string | null) =>
    createApiHttp({ fetch: server.fetch, appVersion: 'test', ...(getToken ? { getToken } : {}) });
  render(<OfficerApp sessions={sessions} api={api} onExit={vi.fn()} origin="https://phuong.example" />);
  return { server, sessions };
}

async function signIn(username = 'canbo.hongan', password = 'hongan-demo-2026') {
  fireEvent.input(await screen.findByLabelText('Tên đăng nhập'), { target: { value: username } });
  fireEvent.input(screen.getByLabelText('Mật khẩu'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
}

/** The console opens on the overview; the people list is one tab away. */
async function toPeople() {
  fireEvent.click(await screen.findByRole('button', { name: 'Người làm việc' }));
}

describe('signing in', () => {
  test('a wrong password says so in Vietnamese and keeps the username', async () => {
    renderOfficer({ 'POST /v1/auth/login': failure(401, 'invalid_credentials') });
    await signIn('canbo.hongan', 'wrong-password');
    expect(await screen.findByText('Tên đăng nhập hoặc mật khẩu không đúng.')).toBeTruthy();
    expect((screen.getByLabelText('Tên đăng nhập') as HTMLInputElement).value).toBe('canbo.hongan');
  });

  test('too many attempts say how many seconds to wait', async () => {
    renderOfficer({ 'POST /v1/auth/login': failure(429, 'rate_limited', { 'retry-after': '900' }) });
    await signIn();
    expect(await screen.findByText('Thử lại sau 900 giây.')).toBeTruthy();
  });

  test('an expired session sends the officer back to sign in with a message', async () => {
    const { sessions } = renderOfficer(
      officerRoutes({ 'GET /v1/wards/99999/people': failure(401, 'session_expired') }),
    );
    await signIn();
    expect(await screen.findByText('Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Đăng nhập' })).toBeTruthy();
    await waitFor(async () => expect(await sessions.loadOfficer()).toBeNull());
  });

  test('signing out tells the server and forgets the token', async () => {
    const { server, sessions } = renderOfficer(officerRoutes({ 'POST /v1/auth/logout': {} }));
    await signIn();
    fireEvent.click(await screen.findByRole('button', { name: 'Đăng xuất' }));
    expect(await screen.findByRole('button', { name: 'Đăng nhập' })).toBeTruthy();
    const logout = server.calls.find((c) => c.path === '/v1/auth/logout');
    expect(logout?.headers['authorization']).toBe('Bearer officer-token');
    expect(await sessions.loadOfficer()).toBeNull();
  });
});

describe('people and devices', () => {
  test('each device shows its status, version, last contact and the unsynced count at erasure', async () => {
    renderOfficer(officerRoutes());
    await signIn();
    await toPeople();
    const person = (await screen.findByRole('heading', { name: 'Nguyễn Thị Lan' })).closest('li')!;
    const text = person.textContent ?? '';
    expect(text).toContain('Tình nguyện viên');
    expect(text).toContain('Tổ: Tổ 1');
    expect(text).toContain('Đang hoạt động');
    expect(text).toContain('Phiên bản ứng dụng: 0.1.0');
    expect(text).toContain('Liên lạc lần cuối: 03/11/2026 07:05');
    expect(text).toContain('Đồng bộ lần cuối: 03/11/2026 07:04');
    expect(text).toContain('Đã thu hồi');
    expect(text).toContain('4 bản ghi chưa đồng bộ khi xoá');
    expect(screen.getByText('Trần Văn Minh')).toBeTruthy();
    expect(screen.getByText('Phường Hồng An')).toBeTruthy();
  });

  test('withdrawing a device asks first, then sends the retire request', async () => {
    const { server } = renderOfficer(
      officerRoutes({ [`POST /v1/wards/99999/devices/${DEVICE_ID}/revoke`]: {} }),
    );
    await signIn();
    await toPeople();
    fireEvent.click(await screen.findByRole('button', { name: 'Thu hồi (người này nghỉ)' }));
    const dialog = screen.getByRole('dialog', { name: 'Thu hồi thiết bị của Nguyễn Thị Lan?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Thu hồi' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const revoke = server.calls.find((c) => c.path.endsWith('/revoke'));
    expect(revoke?.body).toEqual({ mode: 'retire' });
  });

  test('reporting a device lost can be cancelled', async () => {
    const { server } = renderOfficer(officerRoutes());
    await signIn();
    await toPeople();
    fireEvent.click(await screen.findByRole('button', { name: 'Báo mất / bị đánh cắp' }));
    fireEvent.click(screen.getByRole('button', { name: 'Huỷ' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.calls.some((c) => c.path.endsWith('/revoke'))).toBe(false);
  });
});

describe('inviting', () => {
  async function openInvite(routes: Record<string, Route>) {
    const rendered = renderOfficer(routes);
    await signIn();
    fireEvent.click(await screen.findByRole('button', { name: 'Mời người mới' }));
    await screen.findByRole('checkbox', { name: 'Tổ 1' });
    return rendered;
  }

  test('without a group the form explains it, keeps what was typed and sends nothing', async () => {
    const { server } = await openInvite(officerRoutes());
    fireEvent.input(screen.getByLabelText('Họ và tên'), { target: { value: 'Lê Văn Tám' } });
    fireEvent.input(screen.getByLabelText(/Số điện thoại/), { target: { value: '0912 345 678' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Tổ trưởng' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tạo mã mời' }));

    expect(await screen.findByText('Hãy chọn ít nhất một tổ dân phố.')).toBeTruthy();
    expect((screen.getByLabelText('Họ và tên') as HTMLInputElement).value).toBe('Lê Văn Tám');
    expect((screen.getByLabelText(/Số điện thoại/) as HTMLInputElement).value).toBe('0912 345 678');
    expect((screen.getByRole('radio', { name: 'Tổ trưởng' }) as HTMLInputElement).checked).toBe(true);
    expect(server.calls.some((c) => c.path.endsWith('/invitations'))).toBe(false);
    expect(screen.queryByRole('checkbox', { name: 'Tổ cũ' })).toBeNull();
  });

  test('a server error keeps the form as typed', async () => {
    await openInvite(officerRoutes({ 'POST /v1/wards/99999/invitations': 'offline' }));
    fireEvent.input(screen.getByLabelText('Họ và tên'), { target: { value: 'Lê Văn Tám' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Tổ 2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tạo mã mời' }));
    expect(await screen.findByText(/Không liên lạc được với máy chủ/)).toBeTruthy();
    expect((screen.getByLabelText('Họ và tên') as HTMLInputElement).value).toBe('Lê Văn Tám');
    expect((screen.getByRole('checkbox', { name: 'Tổ 2' }) as HTMLInputElement).checked).toBe(true);
  });

  test('the new code is shown as XXXX-XXXX with a QR code of the enrollment link and its expiry', async () => {
    const invited = {
      person: { ...VOLUNTEER, fullName: 'Lê Văn Tám', role: 'leader', groupIds: ['to-2'] },
      code: 'ABCDEF23',
      expiresAt: new Date(2026, 10, 10, 9, 30).toISOString(),
    };
    const { server } = await openInvite(
      officerRoutes({ 'POST /v1/wards/99999/invitations': { status: 201, body: invited } }),
    );
    fireEvent.input(screen.getByLabelText('Họ và tên'), { target: { value: '  Lê   Văn Tám ' } });
    fireEvent.input(screen.getByLabelText(/Số điện thoại/), { target: { value: '0912 345 678' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Tổ trưởng' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Tổ 2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tạo mã mời' }));

    expect(await screen.findByText('ABCD-EF23')).toBeTruthy();
    const qr = (await screen.findByRole('img', {
      name: 'Mã QR để kích hoạt ứng dụng cho Lê Văn Tám',
    })) as HTMLImageElement;
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByText('Hết hạn: 10/11/2026 09:30')).toBeTruthy();
    const sent = server.calls.find((c) => c.path.endsWith('/invitations'));
    expect(sent?.body).toEqual({
      fullName: 'Lê Văn Tám',
      phone: '0912345678',
      role: 'leader',
      groupIds: ['to-2'],
    });
    expect(sent?.headers['authorization']).toBe('Bearer officer-token');

    fireEvent.click(screen.getByRole('button', { name: 'Xong' }));
    expect(await screen.findByRole('heading', { name: 'Người làm việc của phường' })).toBeTruthy();
    expect(screen.queryByText('ABCD-EF23')).toBeNull();
  });
});

test('an administrator sees the wards and the create-ward form checks its fields before sending', async () => {
  const admin = { ...OFFICER, role: 'admin' as const, wardCode: null, fullName: 'Quản trị' };
  const { server } = renderOfficer({
    'POST /v1/auth/login': { body: { ...(LOGIN as { body: object }).body, account: admin } },
    'GET /v1/wards': { body: { wards: [WARD] } },
  });
  await signIn('admin', 'a-long-password');
  expect(await screen.findByText('99999 · Phường Hồng An (mã tỉnh 31)')).toBeTruthy();
  fireEvent.input(screen.getByLabelText('Mã phường (5 chữ số)'), { target: { value: '123' } });
  fireEvent.click(screen.getByRole('button', { name: 'Tạo phường' }));
  expect(await screen.findByText('Mã phường phải gồm 5 chữ số.')).toBeTruthy();
  expect(screen.getByText('Hãy nhập ít nhất một tổ.')).toBeTruthy();
  expect(server.calls.some((c) => c.path === '/v1/admin/wards')).toBe(false);
});

test('a one-time password must be replaced before the console opens, without typing it again', async () => {
  const { server } = renderOfficer(
    officerRoutes({
      'POST /v1/auth/login': { body: { ...(LOGIN as { body: object }).body, mustChangePassword: true } },
      'POST /v1/auth/password': { body: { account: OFFICER, mustChangePassword: false } },
    }),
  );
  await signIn('canbo.hongan', 'one-time-pass-123');
  expect(await screen.findByRole('heading', { name: 'Đổi mật khẩu' })).toBeTruthy();
  fireEvent.input(screen.getByLabelText('Mật khẩu mới (ít nhất 10 ký tự)'), { target: { value: 'short' } });
  fireEvent.click(screen.getByRole('button', { name: 'Lưu mật khẩu mới' }));
  expect(await screen.findByText('Mật khẩu phải có ít nhất 10 ký tự.')).toBeTruthy();

  fireEvent.input(screen.getByLabelText('Mật khẩu mới (ít nhất 10 ký tự)'), {
    target: { value: 'my-own-password-1' },
  });
  fireEvent.input(screen.getByLabelText('Nhập lại mật khẩu mới'), { target: { value: 'my-own-password-1' } });
  fireEvent.click(screen.getByRole('button', { name: 'Lưu mật khẩu mới' }));
  await toPeople();
  expect(await screen.findByRole('heading', { name: 'Người làm việc của phường' })).toBeTruthy();
  expect(server.calls.find((c) => c.path === '/v1/auth/password')?.body).toEqual({
    currentPassword: 'one-time-pass-123',
    newPassword: 'my-own-password-1',
  });
});

test('a new code for someone already invited is shown like a first invitation', async () => {
  const invited = { person: VOLUNTEER, code: 'HJKMNP45', expiresAt: '2026-11-10T02:30:00.000Z' };
  const { server } = renderOfficer(
    officerRoutes({
      [`POST /v1/wards/99999/people/${VOLUNTEER.id}/invitations`]: { status: 201, body: invited },
    }),
  );
  await signIn();
  await toPeople();
  fireEvent.click(await screen.findByRole('button', { name: 'Cấp mã mời mới' }));
  expect(await screen.findByText('HJKM-NP45')).toBeTruthy();
  expect(server.calls.find((c) => c.path.endsWith(`${VOLUNTEER.id}/invitations`))?.body).toEqual({});
});
