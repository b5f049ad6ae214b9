// @vitest-environment happy-dom
// The officer's "Đổi tổ phụ trách" on a leader's or volunteer's card, against a fake ward server (the
// app's own API client runs for real): a checkbox per group with the current ones ticked, "Lưu" sends the
// new groups, the card shows them with a note on what the phone will do; "Huỷ" and an unchanged choice
// send nothing; none ticked and the server's refusals are said in Vietnamese, in the dialog.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createApiHttp } from '../../../../src/client/api';
import { setLocale } from '../../../../src/client/ui/i18n';
import { createOfficerApi } from '../../../../src/client/ui/officer/officer-api';
import { PeopleList } from '../../../../src/client/ui/officer/people-list';
import type { PersonView, ResidentialGroup } from '../../../../src/shared';
import { failure, fakeServer, OFFICER, VOLUNTEER, WARD, type Route } from '../fake-server';

afterEach(async () => {
  cleanup();
  await setLocale('vi');
});

const GROUPS: ResidentialGroup[] = [
  { id: 'to-1', wardCode: WARD.code, name: 'Tổ 1', kind: 'to_dan_pho' },
  { id: 'to-2', wardCode: WARD.code, name: 'Tổ 2', kind: 'to_dan_pho' },
  { id: 'to-3', wardCode: WARD.code, name: 'Tổ 3', kind: 'to_dan_pho' },
];

const LEADER: PersonView = {
  account: {
    id: '6a1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c61',
    fullName: 'Lê Văn Tổ Trưởng',
    role: 'leader',
    wardCode: WARD.code,
    groupIds: ['to-2', 'to-3'],
  },
  devices: [],
  pendingInvitation: null,
};
const VOLUNTEER_PERSON: PersonView = { account: VOLUNTEER, devices: [], pendingInvitation: null };
const OFFICER_PERSON: PersonView = { account: OFFICER, devices: [], pendingInvitation: null };

const PEOPLE = `/v1/wards/${WARD.code}/people`;
const groupsPath = (id: string) => `/v1/wards/${WARD.code}/people/${id}/groups`;

/** The server's answer to a change: the account with the groups it was sent. */
const accepting: Route = (call) => {
  const id = call.path.split('/')[5]!;
  const person = [VOLUNTEER_PERSON, LEADER].find((p) => p.account.id === id)!;
  const { groupIds } = call.body as { groupIds: string[] };
  return { body: { account: { ...person.account, groupIds } } };
};

function renderList(routes: Record<string, Route> = {}) {
  const server = fakeServer({
    [`GET ${PEOPLE}`]: { body: { people: [OFFICER_PERSON, LEADER, VOLUNTEER_PERSON] } },
    [`POST ${groupsPath(VOLUNTEER.id)}`]: accepting,
    [`POST ${groupsPath(LEADER.account.id)}`]: accepting,
    ...routes,
  });
  const http = createApiHttp({ fetch: server.fetch, appVersion: 'test', getToken: () => 'officer-token' });
  const api = createOfficerApi(http, vi.fn());
  render(
    <PeopleList api={api} ward={WARD.code} groups={GROUPS} version={0} origin="https://phuong.example" />,
  );
  return server;
}

const card = async (name: string) => (await screen.findByRole('heading', { name })).closest('li')!;

async function openDialog(name: string) {
  fireEvent.click(within(await card(name)).getByRole('button', { name: 'Đổi tổ phụ trách' }));
  return screen.getByRole('dialog', { name: `Đổi tổ phụ trách của ${name}` });
}

const box = (dialog: HTMLElement, group: string) =>
  within(dialog).getByRole('checkbox', { name: group }) as HTMLInputElement;

const posts = (server: ReturnType<typeof fakeServer>) => server.calls.filter((c) => c.method === 'POST');

describe('changing the groups of a leader or volunteer', () => {
  test('only leaders and volunteers have the button', async () => {
    renderList();
    expect(
      within(await card('Lê Văn Tổ Trưởng')).getByRole('button', { name: 'Đổi tổ phụ trách' }),
    ).toBeTruthy();
    expect(
      within(await card('Nguyễn Thị Lan')).getByRole('button', { name: 'Đổi tổ phụ trách' }),
    ).toBeTruthy();
    expect(
      within(await card('Trần Văn Minh')).queryByRole('button', { name: 'Đổi tổ phụ trách' }),
    ).toBeNull();
  });

  test('a checkbox per group, the current ones ticked; "Lưu" sends the new groups and the card shows them with a note', async () => {
    const server = renderList();
    const dialog = await openDialog('Lê Văn Tổ Trưởng');
    expect(GROUPS.map((g) => [g.name, box(dialog, g.name).checked])).toEqual([
      ['Tổ 1', false],
      ['Tổ 2', true],
      ['Tổ 3', true],
    ]);
    fireEvent.click(box(dialog, 'Tổ 1'));
    fireEvent.click(box(dialog, 'Tổ 3'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const [post] = posts(server);
    expect(post?.path).toBe(groupsPath(LEADER.account.id));
    expect(post?.body).toEqual({ groupIds: ['to-1', 'to-2'] });
    expect(post?.headers['authorization']).toBe('Bearer officer-token');

    const leader = await card('Lê Văn Tổ Trưởng');
    expect(leader.textContent).toContain('Tổ: Tổ 1, Tổ 2');
    const note = within(leader).getByRole('status');
    expect(note.textContent).toBe(
      'Đã đổi tổ. Ở lần đồng bộ tới, điện thoại của người này sẽ nhận hồ sơ của tổ mới và xoá hồ sơ của các tổ không còn phụ trách. Những bản ghi của các tổ đó chưa gửi lên máy chủ vẫn ở lại trên điện thoại và được báo là cần xem lại.',
    );
    // Only that card says so; the others keep their groups.
    expect(within(await card('Nguyễn Thị Lan')).getByRole('status').textContent).toBe('');
    expect((await card('Nguyễn Thị Lan')).textContent).toContain('Tổ: Tổ 1');
  });

  test('with no group ticked it says "Chọn ít nhất một tổ." and sends nothing', async () => {
    const server = renderList();
    const dialog = await openDialog('Nguyễn Thị Lan');
    fireEvent.click(box(dialog, 'Tổ 1'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Chọn ít nhất một tổ.');
    expect(posts(server)).toEqual([]);
    // Ticking a group clears the message; saving then works.
    fireEvent.click(box(dialog, 'Tổ 3'));
    expect(within(dialog).getByRole('alert').textContent).toBe('');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(posts(server)).toHaveLength(1));
    expect(posts(server)[0]?.body).toEqual({ groupIds: ['to-3'] });
  });

  test('"Huỷ", or saving the same groups, closes the dialog without sending anything or a note', async () => {
    const server = renderList();
    let dialog = await openDialog('Lê Văn Tổ Trưởng');
    fireEvent.click(box(dialog, 'Tổ 1'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Huỷ' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    dialog = await openDialog('Lê Văn Tổ Trưởng');
    expect(box(dialog, 'Tổ 1').checked).toBe(false); // the cancelled choice is forgotten
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(posts(server)).toEqual([]);
    expect(within(await card('Lê Văn Tổ Trưởng')).getByRole('status').textContent).toBe('');
  });

  test("the server's refusals are said in Vietnamese in the dialog, which keeps the choice for another try", async () => {
    let attempt = 0;
    const replies: Route[] = [
      'offline',
      failure(400, 'invalid_body'),
      failure(404, 'not_found'),
      failure(403, 'forbidden'),
    ];
    renderList({
      [`POST ${groupsPath(VOLUNTEER.id)}`]: (call) => {
        const reply = replies[attempt++];
        return typeof reply === 'function' || reply === undefined ? accepting(call) : reply;
      },
    });
    const dialog = await openDialog('Nguyễn Thị Lan');
    fireEvent.click(box(dialog, 'Tổ 2'));
    const expected = [
      'Không liên lạc được với máy chủ. Hãy kiểm tra mạng rồi thử lại.',
      'Có tổ đã chọn không còn trong phường. Hãy tải lại trang rồi chọn lại.',
      'Không tìm thấy người này trong phường nữa. Hãy bấm "Tải lại".',
      'Bạn không có quyền làm việc này.',
    ];
    for (const message of expected) {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
      await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toBe(message));
      expect(box(dialog, 'Tổ 2').checked).toBe(true);
    }
    // The fifth try goes through.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await card('Nguyễn Thị Lan')).textContent).toContain('Tổ: Tổ 1, Tổ 2');
  });

  test('in English too', async () => {
    await setLocale('en');
    renderList();
    fireEvent.click(within(await card('Nguyễn Thị Lan')).getByRole('button', { name: 'Change groups' }));
    const dialog = screen.getByRole('dialog', { name: 'Change the groups of Nguyễn Thị Lan' });
    fireEvent.click(box(dialog, 'Tổ 1'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Choose at least one group.');
  });

  test('the open dialog has no serious accessibility problem', async () => {
    renderList();
    const dialog = await openDialog('Lê Văn Tổ Trưởng');
    fireEvent.click(box(dialog, 'Tổ 2'));
    fireEvent.click(box(dialog, 'Tổ 3'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lưu' }));
    const report = await axe.run(document.body, {
      resultTypes: ['violations'],
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    const serious = report.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
