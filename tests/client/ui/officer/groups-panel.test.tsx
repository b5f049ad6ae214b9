// @vitest-environment happy-dom
// The officer's "Tổ dân phố" tab against a fake ward server (the app's own API client runs for real): the
// groups table with the entered figure or the fallback said plainly, inline edit of the name and the
// figure (checked before sending, refusals in Vietnamese, what was typed kept), adding a group, splitting
// (pick residents from the roster), merging (the confirmation says what moves), the ward settings form
// and the denominators import (dry run with Vietnamese row errors, then commit).
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createApiHttp } from '../../../../src/client/api';
import { setLocale } from '../../../../src/client/ui/i18n';
import { createOfficerApi } from '../../../../src/client/ui/officer/officer-api';
import { GroupsPanel } from '../../../../src/client/ui/officer/ward-admin/groups-panel';
import type { ResidentialGroup } from '../../../../src/shared';
import type { DenominatorImportAnswer } from '../../../../src/shared/ward-admin';
import { failure, fakeServer, WARD, type Route } from '../fake-server';

afterEach(async () => {
  cleanup();
  await setLocale('vi');
});

const GROUPS: ResidentialGroup[] = [
  {
    id: 'to-1',
    wardCode: WARD.code,
    name: 'Tổ 1',
    kind: 'to_dan_pho',
    adultPopulation: { count: 412, source: 'Công an phường', asOf: '2026-10-01' },
  },
  { id: 'to-2', wardCode: WARD.code, name: 'Tổ 2', kind: 'to_dan_pho' },
];

const W = `/v1/wards/${WARD.code}`;
const ROSTER = {
  date: '2026-11-23',
  groupId: 'to-1',
  people: [
    { id: '11111111-1111-4111-8111-111111111111', fullName: 'Trần Văn Bình', birthYear: 1960 },
    { id: '22222222-2222-4222-8222-222222222222', fullName: 'Lê Thị An', birthYear: 1975 },
  ].map((p) => ({
    ...p,
    sex: 'female',
    age: 50,
    adult: true,
    status: 'not_reached',
    kFirst: null,
    vFirst: null,
    mergedRecords: 0,
  })),
};
const LOAD = {
  thresholds: { residents: 3000, sessions: 1000, completions: 6000 },
  groups: [
    { groupId: 'to-1', name: 'Tổ 1', residents: 40, sessions: 3, completions: 25, heavy: false, over: [] },
    { groupId: 'to-2', name: 'Tổ 2', residents: 12, sessions: 1, completions: 4, heavy: false, over: [] },
  ],
};
const SETTINGS = { adultAge: 18, targets: [{ year: 2026, indicator: 'V', kind: 'count', value: 300 }] };

const echoGroup: Route = (call) => {
  const id = call.path.split('/')[5]!;
  const group = GROUPS.find((g) => g.id === id)!;
  const body = call.body as Record<string, unknown>;
  const next: Record<string, unknown> = { ...group, ...body };
  if (body['adultPopulation'] === null) delete next['adultPopulation'];
  return { body: { group: next } };
};

function renderPanel(routes: Record<string, Route> = {}) {
  const server = fakeServer({
    [`GET ${W}/settings`]: { body: { settings: SETTINGS } },
    [`PUT ${W}/settings`]: (call) => ({ body: { settings: call.body } }),
    [`GET ${W}/group-load`]: { body: LOAD },
    [`GET ${W}/groups/to-1/roster`]: { body: ROSTER },
    [`PATCH ${W}/groups/to-1`]: echoGroup,
    [`PATCH ${W}/groups/to-2`]: echoGroup,
    [`POST ${W}/groups`]: (call) => ({
      status: 201,
      body: { group: { id: 'tdp-03', wardCode: WARD.code, ...(call.body as object) } },
    }),
    ...routes,
  });
  const http = createApiHttp({ fetch: server.fetch, appVersion: 'test', getToken: () => 'officer-token' });
  const api = createOfficerApi(http, vi.fn());
  const onGroupsChanged = vi.fn();
  render(<GroupsPanel api={api} ward={WARD.code} groups={GROUPS} onGroupsChanged={onGroupsChanged} />);
  return { server, onGroupsChanged };
}

const sent = (server: ReturnType<typeof fakeServer>, method: string, path: string) =>
  server.calls.filter((c) => c.method === method && c.path === path);

const type = (label: string, value: string, root: HTMLElement = document.body) =>
  fireEvent.input(within(root).getByLabelText(label), { target: { value } });

describe('the groups table', () => {
  test('each group with its entered figure, source and date, or the fallback said plainly', () => {
    renderPanel();
    const table = screen.getByRole('table', { name: 'Danh sách tổ và số người trưởng thành' });
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(first?.textContent).toContain('Tổ 1');
    expect(first?.textContent).toContain('412 người');
    expect(first?.textContent).toContain('Nguồn: Công an phường, ngày 01/10/2026');
    expect(second?.textContent).toContain('chưa nhập — đang dùng số người đã đăng ký');
  });

  test('inline edit sends the new name and figure, then the console reloads its groups', async () => {
    const { server, onGroupsChanged } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Sửa Tổ 2' }));
    const form = screen.getByRole('form', { name: 'Sửa Tổ 2' });
    type('Tên tổ', 'Tổ dân phố 2', form);
    type('Số người trưởng thành', '1.250', form);
    type('Nguồn số liệu', 'Công an phường', form);
    type('Ngày của số liệu', '2026-09-30', form);
    fireEvent.click(within(form).getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu Tổ dân phố 2.');
    expect(sent(server, 'PATCH', `${W}/groups/to-2`).map((c) => c.body)).toEqual([
      {
        name: 'Tổ dân phố 2',
        adultPopulation: { count: 1250, source: 'Công an phường', asOf: '2026-09-30' },
      },
    ]);
    expect(onGroupsChanged).toHaveBeenCalledTimes(1);
  });

  test('a figure without source or date is explained in Vietnamese and nothing is sent', () => {
    const { server } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Sửa Tổ 2' }));
    const form = screen.getByRole('form', { name: 'Sửa Tổ 2' });
    type('Số người trưởng thành', 'mười', form);
    fireEvent.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(within(form).getByText(/Số người phải là số nguyên/)).toBeTruthy();
    expect(within(form).getByText(/Hãy ghi nguồn số liệu/)).toBeTruthy();
    expect(within(form).getByText('Hãy chọn ngày của số liệu.')).toBeTruthy();
    expect(sent(server, 'PATCH', `${W}/groups/to-2`)).toEqual([]);
  });

  test('clearing the entered figure sends null', async () => {
    const { server } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Sửa Tổ 1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Xoá số đã nhập (dùng số người đã đăng ký)' }));
    await screen.findByText('Đã lưu Tổ 1.');
    expect(sent(server, 'PATCH', `${W}/groups/to-1`).map((c) => c.body)).toEqual([{ adultPopulation: null }]);
  });

  test('a name another group has: said in Vietnamese, and the typed name stays', async () => {
    const { onGroupsChanged } = renderPanel({ [`PATCH ${W}/groups/to-2`]: failure(409, 'conflict') });
    fireEvent.click(screen.getByRole('button', { name: 'Sửa Tổ 2' }));
    const form = screen.getByRole('form', { name: 'Sửa Tổ 2' });
    type('Tên tổ', 'Tổ 1', form);
    fireEvent.click(within(form).getByRole('button', { name: 'Lưu' }));
    expect(await within(form).findByText('Đã có tổ khác trùng tên này. Hãy chọn tên khác.')).toBeTruthy();
    expect((within(form).getByLabelText('Tên tổ') as HTMLInputElement).value).toBe('Tổ 1');
    expect(onGroupsChanged).not.toHaveBeenCalled();
  });

  test('"Thêm tổ" creates a group', async () => {
    const { server, onGroupsChanged } = renderPanel();
    const section = screen.getByRole('region', { name: 'Thêm tổ' });
    type('Tên tổ', 'Thôn Đông', section);
    fireEvent.change(within(section).getByLabelText('Loại'), { target: { value: 'thon' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Thêm tổ' }));
    await screen.findByText('Đã thêm Thôn Đông.');
    expect(sent(server, 'POST', `${W}/groups`).map((c) => c.body)).toEqual([
      { name: 'Thôn Đông', kind: 'thon' },
    ]);
    expect(onGroupsChanged).toHaveBeenCalledTimes(1);
  });
});

describe('split and merge', () => {
  test('"Tách tổ": the chosen residents go to the new group', async () => {
    const { server, onGroupsChanged } = renderPanel({
      [`POST ${W}/groups/to-1/split`]: {
        body: {
          group: { id: 'tdp-03', wardCode: WARD.code, name: 'Tổ 1B', kind: 'to_dan_pho' },
          moved: { residents: 1, completions: 2 },
          accounts: 1,
          skipped: [],
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Tách tổ Tổ 1' }));
    const dialog = screen.getByRole('dialog', { name: 'Tách tổ Tổ 1' });
    const person = await within(dialog).findByRole('checkbox', { name: 'Lê Thị An, sinh năm 1975' });
    // Nobody chosen yet: said, nothing sent.
    type('Tên tổ mới', 'Tổ 1B', dialog);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Tách tổ' }));
    expect(within(dialog).getByText('Hãy chọn ít nhất một người.')).toBeTruthy();
    fireEvent.click(person);
    expect(within(dialog).getByText('Đã chọn 1 người.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Tách tổ' }));
    await screen.findByText('Đã tách 1 người sang Tổ 1B.');
    expect(sent(server, 'POST', `${W}/groups/to-1/split`).map((c) => c.body)).toEqual([
      { name: 'Tổ 1B', kind: 'to_dan_pho', residentIds: [ROSTER.people[1]!.id] },
    ]);
    expect(onGroupsChanged).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('"Gộp vào tổ khác": the confirmation says what moves, then the merge is sent', async () => {
    const { server, onGroupsChanged } = renderPanel({
      [`POST ${W}/groups/to-2/merge`]: {
        body: {
          fromId: 'to-2',
          into: GROUPS[0],
          moved: { residents: 12, completions: 4, sessions: 1 },
          accounts: 1,
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Gộp vào tổ khác: Tổ 2' }));
    const dialog = screen.getByRole('dialog', { name: 'Gộp Tổ 2 vào tổ khác' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gộp tổ' }));
    expect(within(dialog).getByText('Hãy chọn tổ để gộp vào.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Gộp vào tổ'), { target: { value: 'to-1' } });
    expect(
      await within(dialog).findByText(
        'Sẽ chuyển sang Tổ 1: 12 người dân, 4 kết quả học và 1 buổi học của Tổ 2.',
      ),
    ).toBeTruthy();
    expect(
      within(dialog).getByText(/Tổ 2 sẽ không còn trong danh sách tổ; lịch sử vẫn được giữ/),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gộp tổ' }));
    await screen.findByText(/Đã gộp Tổ 2 vào Tổ 1/);
    expect(sent(server, 'POST', `${W}/groups/to-2/merge`).map((c) => c.body)).toEqual([{ intoId: 'to-1' }]);
    expect(onGroupsChanged).toHaveBeenCalledTimes(1);
  });

  test('a failed merge keeps the dialog open with the choice, and says why', async () => {
    renderPanel({ [`POST ${W}/groups/to-2/merge`]: 'offline' });
    fireEvent.click(screen.getByRole('button', { name: 'Gộp vào tổ khác: Tổ 2' }));
    const dialog = screen.getByRole('dialog', { name: 'Gộp Tổ 2 vào tổ khác' });
    fireEvent.change(within(dialog).getByLabelText('Gộp vào tổ'), { target: { value: 'to-1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Gộp tổ' }));
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).not.toBe(''));
    expect((within(dialog).getByLabelText('Gộp vào tổ') as HTMLInputElement).value).toBe('to-1');
  });
});

describe('ward settings', () => {
  test('shows the stored targets and the defaults, saves a new target', async () => {
    const { server } = renderPanel();
    const section = screen.getByRole('region', { name: 'Cài đặt tính tỉ lệ' });
    const age = await within(section).findByLabelText('Tuổi trưởng thành (đủ bao nhiêu tuổi thì tính)');
    expect((age as HTMLInputElement).value).toBe('18');
    expect((within(section).getByLabelText('Chỉ tiêu V năm 2026') as HTMLInputElement).value).toBe('300');
    const k2026 = within(section).getByLabelText('Cách đặt chỉ tiêu K năm 2026') as HTMLSelectElement;
    expect(k2026.selectedOptions[0]?.textContent).toBe('Chỉ tiêu chung (100 %)');
    const k2025 = within(section).getByLabelText('Cách đặt chỉ tiêu K năm 2025') as HTMLSelectElement;
    expect(k2025.selectedOptions[0]?.textContent).toBe('Chỉ tiêu chung (80 %)');

    fireEvent.change(k2026, { target: { value: 'percent' } });
    type('Chỉ tiêu K năm 2026', '120', section);
    fireEvent.click(within(section).getByRole('button', { name: 'Lưu cài đặt' }));
    expect(within(section).getByText('Chỉ tiêu phần trăm không được quá 100.')).toBeTruthy();
    expect(sent(server, 'PUT', `${W}/settings`)).toEqual([]);

    type('Chỉ tiêu K năm 2026', '90', section);
    fireEvent.input(age, { target: { value: '16' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Lưu cài đặt' }));
    await within(section).findByText(/Đã lưu cài đặt/);
    expect(sent(server, 'PUT', `${W}/settings`).map((c) => c.body)).toEqual([
      {
        adultAge: 16,
        targets: [
          { year: 2026, indicator: 'K', kind: 'percent', value: 90 },
          { year: 2026, indicator: 'V', kind: 'count', value: 300 },
        ],
      },
    ]);
  });

  test('settings that could not load can be asked for again', async () => {
    let calls = 0;
    renderPanel({
      [`GET ${W}/settings`]: () => (++calls === 1 ? 'offline' : { body: { settings: SETTINGS } }),
    });
    const section = screen.getByRole('region', { name: 'Cài đặt tính tỉ lệ' });
    fireEvent.click(await within(section).findByRole('button', { name: 'Thử lại' }));
    expect(await within(section).findByLabelText('Chỉ tiêu V năm 2026')).toBeTruthy();
    expect(calls).toBe(2);
  });

  test('an adult age out of range is refused before sending', async () => {
    const { server } = renderPanel();
    const section = screen.getByRole('region', { name: 'Cài đặt tính tỉ lệ' });
    const age = await within(section).findByLabelText('Tuổi trưởng thành (đủ bao nhiêu tuổi thì tính)');
    fireEvent.input(age, { target: { value: '40' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Lưu cài đặt' }));
    expect(
      within(section).getAllByText('Tuổi trưởng thành phải là số nguyên từ 14 đến 30.').length,
    ).toBeGreaterThan(0);
    expect(sent(server, 'PUT', `${W}/settings`)).toEqual([]);
    expect((age as HTMLInputElement).value).toBe('40');
  });
});

describe('importing the adult population', () => {
  const DRY: DenominatorImportAnswer = {
    committed: false,
    written: 0,
    problems: [],
    counts: { update: 1, unchanged: 0, error: 1 },
    rows: [
      {
        line: 2,
        groupText: 'Tổ 2',
        groupId: 'to-2',
        groupName: 'Tổ 2',
        adultPopulation: { count: 215, source: 'Công an phường', asOf: '2026-09-30' },
        status: 'update',
        errors: [],
      },
      { line: 3, groupText: 'Tổ 9', status: 'error', errors: ['group.unknown', 'date.invalid'] },
    ],
  };

  test('dry run with Vietnamese row errors, then commit', async () => {
    const { server, onGroupsChanged } = renderPanel({
      [`POST ${W}/denominators/import`]: (call) =>
        (call.body as { commit: boolean }).commit
          ? { body: { ...DRY, committed: true, written: 1 } }
          : { body: DRY },
    });
    const section = screen.getByRole('region', { name: 'Nhập số người trưởng thành từ tệp Excel' });
    const csv = 'Tổ,Số người từ 18 tuổi,Nguồn,Ngày\nTổ 2,215,Công an phường,30/09/2026\n';
    const file = new File([csv], 'dan-so.csv', { type: 'text/csv' });
    fireEvent.change(within(section).getByLabelText('Chọn tệp'), { target: { files: [file] } });
    expect(await within(section).findByText('1 tổ sẽ cập nhật, 0 tổ không đổi, 1 dòng có lỗi.')).toBeTruthy();
    const table = within(section).getByRole('table', { name: 'Xem trước từng dòng của tệp' });
    expect(
      within(table).getByText('Lỗi: Không có tổ này trong phường; Ngày không đúng (ngày/tháng/năm)'),
    ).toBeTruthy();
    expect(within(table).getByText('215 — Công an phường, 30/09/2026')).toBeTruthy();
    const [dry] = sent(server, 'POST', `${W}/denominators/import`);
    expect(dry?.body).toEqual({
      filename: 'dan-so.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
      commit: false,
    });
    expect(onGroupsChanged).not.toHaveBeenCalled();

    fireEvent.click(within(section).getByRole('button', { name: 'Ghi số liệu cho 1 tổ' }));
    await within(section).findByText('Đã ghi số liệu cho 1 tổ.');
    expect(
      sent(server, 'POST', `${W}/denominators/import`).map((c) => (c.body as { commit: boolean }).commit),
    ).toEqual([false, true]);
    expect(onGroupsChanged).toHaveBeenCalledTimes(1);
  });

  test('a file the server cannot read: the problem in Vietnamese, no write button', async () => {
    renderPanel({
      [`POST ${W}/denominators/import`]: {
        body: {
          ...DRY,
          rows: [],
          counts: { update: 0, unchanged: 0, error: 0 },
          problems: ['columns.count'],
        },
      },
    });
    const section = screen.getByRole('region', { name: 'Nhập số người trưởng thành từ tệp Excel' });
    const file = new File(['Tổ\nTổ 1\n'], 'dan-so.csv', { type: 'text/csv' });
    fireEvent.change(within(section).getByLabelText('Chọn tệp'), { target: { files: [file] } });
    expect(await within(section).findByText('Không thấy cột "Số người từ 18 tuổi".')).toBeTruthy();
    expect(
      (within(section).getByRole('button', { name: 'Ghi số liệu cho 0 tổ' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });
});

test('the tab with an open dialog has no serious accessibility problem', async () => {
  renderPanel();
  await screen.findByLabelText('Tuổi trưởng thành (đủ bao nhiêu tuổi thì tính)');
  fireEvent.click(screen.getByRole('button', { name: 'Sửa Tổ 1' }));
  const report = await axe.run(document.body, {
    resultTypes: ['violations'],
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  const serious = report.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
