// @vitest-environment happy-dom
// Consent withdrawn (docs/privacy.md C2) in the session form and the tally: a resident whose registration
// consent is withdrawn is not offered as an attendee nor by quick-add; one already ticked on a saved
// session shows why and can be unticked; the tally stops counting them at once.
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppDatabase } from '../../../../src/client/db';
import { formatDay, todayIso } from '../../../../src/client/ui/i18n';
import { route } from '../../../../src/client/ui/router';
import { SessionEditScreen } from '../../../../src/client/ui/sessions/session-edit-screen';
import { TallyScreen } from '../../../../src/client/ui/tally/tally-screen';
import { addGroup, addResident, fakeSync, openDb, renderField } from './field-harness';

const BADGE = 'Đã rút đồng ý — không xử lý tiếp';

let db: AppDatabase;

beforeEach(async () => {
  db = await openDb();
  await addGroup(db, 'to-1', 'Tổ 1');
});

afterEach(async () => {
  cleanup();
  await db.close();
});

/** The officer's withdrawal arriving by pull: every live registration consent gets withdrawnOn. */
async function withdraw(id: string) {
  const doc = await db.rx.residents.findOne(id).exec();
  await doc!.incrementalPatch({
    consents: doc!.consents.map((c) =>
      c.purpose === 'registration' && c.withdrawnOn === undefined ? { ...c, withdrawnOn: '2026-11-15' } : c,
    ),
  });
}

function Screen() {
  const r = route.value;
  return r.name === 'session' ? <SessionEditScreen id={r.id} /> : <SessionEditScreen />;
}

const search = (text: string) =>
  fireEvent.input(screen.getByLabelText('Tìm người theo tên'), { target: { value: text } });

describe('the attendee picker', () => {
  test('does not offer a resident whose consent is withdrawn', async () => {
    const hoa = await addResident(db, { fullName: 'Nguyễn Thị Hoa', birthYear: '1958', groupId: 'to-1' });
    await addResident(db, { fullName: 'Nguyễn Thị Hồng', birthYear: '1960', groupId: 'to-1' });
    await withdraw(hoa);
    route.value = { name: 'session-new' };
    renderField(<Screen />, { db });
    await screen.findByRole('checkbox', { name: /Nguyễn Thị Hồng/ });
    expect(screen.queryByRole('checkbox', { name: /Nguyễn Thị Hoa/ })).toBeNull();
    search('hoa');
    expect(screen.getByText(/Không thấy ai tên như vậy/)).toBeTruthy();
  });

  test('a withdrawn resident already on a saved session is shown as such and can be unticked', async () => {
    const hoa = await addResident(db, { fullName: 'Nguyễn Thị Hoa', birthYear: '1958', groupId: 'to-1' });
    const saved = await db.sessions.add({
      date: formatDay(todayIso()),
      place: 'Nhà văn hoá tổ 1',
      format: 'class',
      groupId: 'to-1',
      skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
      trainers: ['Trần Văn Tư'],
      attendeeIds: [hoa],
      notes: '',
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    await withdraw(hoa);
    route.value = { name: 'session', id: saved.record.id };
    renderField(<Screen />, { db });
    const tick = (await screen.findByRole('checkbox', { name: /Nguyễn Thị Hoa/ })) as HTMLInputElement;
    expect(tick.checked).toBe(true);
    expect(tick.closest('label')?.textContent).toContain(BADGE);
    fireEvent.click(tick);
    expect(screen.getByText('Đã chọn 0 người')).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: /Nguyễn Thị Hoa/ })).toBeNull(); // not offered back
  });
});

describe('quick-add', () => {
  test('does not offer a withdrawn namesake to tick; the new person is added instead', async () => {
    const hoa = await addResident(db, { fullName: 'Nguyễn Thị Hoa', birthYear: '1958', groupId: 'to-1' });
    await withdraw(hoa);
    route.value = { name: 'session-new' };
    renderField(<Screen />, { db });
    fireEvent.click(await screen.findByRole('button', { name: '+ Thêm người mới chưa có trong danh sách' }));
    const box = screen.getByRole('group', { name: 'Thêm người mới vào buổi này' });
    fireEvent.input(within(box).getByLabelText('Họ và tên'), { target: { value: 'Nguyen Thi Hoa' } });
    fireEvent.input(within(box).getByLabelText('Năm sinh'), { target: { value: '1958' } });
    fireEvent.click(within(box).getByRole('radio', { name: 'Nữ' }));
    fireEvent.click(within(box).getByRole('checkbox', { name: 'Người dân đã đồng ý' }));
    fireEvent.click(within(box).getByRole('radio', { name: 'Nói đồng ý' }));
    fireEvent.click(within(box).getByRole('button', { name: 'Thêm và đánh dấu có tham dự' }));

    await screen.findByText('Đã thêm Nguyen Thi Hoa và đánh dấu có tham dự.');
    expect(screen.queryByRole('button', { name: /Chọn Nguyễn Thị Hoa/ })).toBeNull();
    expect(await db.residents.count()).toBe(2);
    expect(screen.getByText('Đã chọn 1 người')).toBeTruthy();
  });
});

describe('the tally', () => {
  test('stops counting a resident as soon as their consent is withdrawn', async () => {
    await addGroup(db, 'to-2', 'Tổ 2');
    const an = await addResident(db, { fullName: 'Trần Thị An', birthYear: '1958', groupId: 'to-2' });
    await addResident(db, { fullName: 'Lê Thị Hà', birthYear: '1980', groupId: 'to-2' });
    renderField(<TallyScreen />, { db, sync: fakeSync().controller, groupIds: ['to-2'] });
    await screen.findByText('Người trưởng thành đã đăng ký: 2');
    const notReached = () => screen.getByRole('region', { name: /^Chưa tiếp cận/ });
    expect(within(notReached()).getAllByRole('link')).toHaveLength(2);

    await withdraw(an);
    await screen.findByText('Người trưởng thành đã đăng ký: 1');
    expect(
      within(notReached())
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([expect.stringContaining('Lê Thị Hà')]);
  });
});
