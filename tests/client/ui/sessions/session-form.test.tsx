// @vitest-environment happy-dom
// The session form against a real (in-memory) device database: Vietnamese validation next to each
// field, what was typed kept, the attendee picker, quick-add of a new resident, drafts, and saving.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppDatabase, KeyValue } from '../../../../src/client/db';
import { route } from '../../../../src/client/ui/router';
import { SessionEditScreen } from '../../../../src/client/ui/sessions/session-edit-screen';
import { SessionListScreen } from '../../../../src/client/ui/sessions/session-list-screen';
import { descriptionOf } from '../helpers';
import { ACTOR, addGroup, addResident, openDb, renderField } from './field-harness';

let db: AppDatabase;

/** The part of FieldApp that picks the sessions screen from the address. */
function Screens() {
  const r = route.value;
  if (r.name === 'session') return <SessionEditScreen id={r.id} />;
  if (r.name === 'sessions') return <SessionListScreen />;
  return <SessionEditScreen />;
}

beforeEach(async () => {
  route.value = { name: 'session-new' };
  db = await openDb();
  await addGroup(db, 'to-1', 'Tổ 1');
  await addGroup(db, 'to-2', 'Tổ 2');
});

afterEach(async () => {
  cleanup();
  await db.close();
});

const field = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string | RegExp, value: string) => fireEvent.input(field(label), { target: { value } });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Lưu buổi hướng dẫn' }));

async function openNewForm(kv?: KeyValue) {
  const rendered = renderField(<Screens />, { db, ...(kv ? { kv } : {}) });
  await screen.findByRole('combobox', { name: 'Tổ dân phố' });
  return rendered;
}

describe('the session form', () => {
  test('missing place, format, skills and trainers are explained in Vietnamese and what was typed stays', async () => {
    await openNewForm();
    expect(field('Người hướng dẫn 1').value).toBe(ACTOR.name);
    fireEvent.click(screen.getByRole('button', { name: 'Bỏ người hướng dẫn 1' }));
    type(/Ghi chú/, 'Mang theo điện thoại');
    save();

    const place = field('Địa điểm');
    await waitFor(() => expect(place.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(place)).toContain('Hãy nhập địa điểm.');
    expect(document.activeElement).toBe(place);
    const format = screen.getByRole('radio', { name: 'Lớp học tại nhà văn hoá' });
    expect(descriptionOf(format)).toContain('Hãy chọn hình thức của buổi hướng dẫn.');
    const firstSkill = screen.getAllByRole('checkbox')[0]!;
    expect(descriptionOf(firstSkill)).toContain('Hãy chọn ít nhất một kỹ năng.');
    const addTrainer = screen.getByRole('button', { name: '+ Thêm người hướng dẫn' });
    expect(descriptionOf(addTrainer)).toContain('Hãy ghi tên ít nhất một người hướng dẫn.');
    expect(screen.getByText('Chưa lưu. Hãy sửa các ô được đánh dấu.')).toBeTruthy();

    expect(field(/Ghi chú/).value).toBe('Mang theo điện thoại');
    expect((screen.getByLabelText('Tổ dân phố') as HTMLSelectElement).value).toBe('to-1');
  });

  test('an impossible date is refused next to the date and the other boxes keep their values', async () => {
    await openNewForm();
    type('Ngày', '31/02/2026');
    type('Địa điểm', 'Nhà văn hoá tổ 1');
    fireEvent.click(screen.getByRole('radio', { name: 'Hướng dẫn tại nhà' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '3 Thanh toán trực tuyến' }));
    save();

    const date = field('Ngày');
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(date)).toContain('Ngày không hợp lệ.');
    expect(document.activeElement).toBe(date);
    expect(date.value).toBe('31/02/2026');
    expect(field('Địa điểm').value).toBe('Nhà văn hoá tổ 1');
    expect((screen.getByRole('radio', { name: 'Hướng dẫn tại nhà' }) as HTMLInputElement).checked).toBe(true);
    expect(
      (screen.getByRole('checkbox', { name: '3 Thanh toán trực tuyến' }) as HTMLInputElement).checked,
    ).toBe(true);
  });

  test('a complete session is saved, opens on its own page, and is listed with its attendees', async () => {
    const hoa = await addResident(db, { fullName: 'Nguyễn Thị Hoa', birthYear: '1958', groupId: 'to-1' });
    await openNewForm();
    type('Ngày', '20/11/2026');
    type('Địa điểm', 'Nhà văn hoá tổ 1');
    fireEvent.click(screen.getByRole('radio', { name: 'Lớp học tại nhà văn hoá' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '1 Sử dụng dịch vụ công trực tuyến' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: /Nguyễn Thị Hoa/ }));
    save();

    await screen.findByRole('heading', { name: 'Buổi hướng dẫn ngày 20/11/2026' });
    expect(route.value.name).toBe('session');
    expect(screen.getByText('Đã lưu trên máy.')).toBeTruthy();
    const id = route.value.name === 'session' ? route.value.id : '';
    const stored = await db.sessions.get(id);
    expect(stored).toMatchObject({
      date: '2026-11-20',
      place: 'Nhà văn hoá tổ 1',
      format: 'class',
      groupId: 'to-1',
      trainers: [ACTOR.name],
      attendeeIds: [hoa],
      skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
    });

    fireEvent.click(screen.getByRole('link', { name: /Về danh sách buổi hướng dẫn/ }));
    const row = await screen.findByRole('link', { name: /Nhà văn hoá tổ 1/ });
    expect(row.textContent).toContain('20/11/2026');
    expect(row.textContent).toContain('1 người tham dự');
    expect(row.textContent).toContain('1 kỹ năng');
  });

  test('an existing session opens in the same form and an edit is saved', async () => {
    const saved = await db.sessions.add({
      date: '21/11/2026',
      place: 'Nhà bà Hoa',
      format: 'home_visit',
      groupId: 'to-1',
      skills: [{ catalogue: 'khung-757', version: '1.0', code: '0.1' }],
      trainers: ['Trần Văn Tư'],
      attendeeIds: [],
      notes: '',
    });
    if (!saved.ok) throw new Error('session refused');
    route.value = { name: 'session', id: saved.record.id };
    renderField(<Screens />, { db });

    await screen.findByRole('heading', { name: 'Buổi hướng dẫn ngày 21/11/2026' });
    await waitFor(() => expect(field('Địa điểm').value).toBe('Nhà bà Hoa'));
    expect((screen.getByRole('checkbox', { name: '0.1 Sử dụng thiết bị' }) as HTMLInputElement).checked).toBe(
      true,
    );
    type('Địa điểm', 'Nhà bà Hoa, số 12 ngõ 3');
    save();

    await screen.findByText('Đã lưu trên máy.');
    expect((await db.sessions.get(saved.record.id))?.place).toBe('Nhà bà Hoa, số 12 ngõ 3');
  });

  test('what was typed comes back after the screen is left and reopened', async () => {
    const { kv, unmount } = await openNewForm();
    type('Địa điểm', 'Sân nhà văn hoá');
    fireEvent.click(screen.getByRole('radio', { name: 'Trực tuyến' }));
    unmount();

    await openNewForm(kv);
    await waitFor(() => expect(field('Địa điểm').value).toBe('Sân nhà văn hoá'));
    expect((screen.getByRole('radio', { name: 'Trực tuyến' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('Đã mở lại phần bạn nhập dở lần trước.')).toBeTruthy();
  });
});

describe('attendees', () => {
  test('search ignores accents, lists in Vietnamese order, and ticked people move to the top', async () => {
    await addResident(db, { fullName: 'Nguyễn Văn Bình', birthYear: '1960', sex: 'male', groupId: 'to-1' });
    await addResident(db, { fullName: 'Trần Văn Đức', birthYear: '1955', sex: 'male', groupId: 'to-1' });
    await addResident(db, { fullName: 'Lê Thị Ánh', birthYear: '1970', groupId: 'to-2' });
    await openNewForm();
    const results = await screen.findByRole('list', { name: 'Chọn người đã dự' });
    await waitFor(() => expect(within(results).getAllByRole('checkbox')).toHaveLength(3));
    const names = within(results)
      .getAllByRole('checkbox')
      .map((box) => box.closest('label')?.textContent ?? '');
    expect(names[0]).toContain('Lê Thị Ánh');
    expect(names[0]).toContain('sinh năm 1970 · Tổ 2');
    expect(names[1]).toContain('Nguyễn Văn Bình');
    expect(names[2]).toContain('Trần Văn Đức');

    type('Tìm người theo tên', 'duc');
    await waitFor(() => expect(within(results).getAllByRole('checkbox')).toHaveLength(1));
    fireEvent.click(screen.getByRole('checkbox', { name: /Trần Văn Đức/ }));
    expect(screen.getByText('Đã chọn 1 người')).toBeTruthy();
    const ticked = screen.getByRole('checkbox', { name: /Trần Văn Đức/ }) as HTMLInputElement;
    expect(ticked.checked).toBe(true);

    type('Tìm người theo tên', 'ÁNH');
    fireEvent.click(await screen.findByRole('checkbox', { name: /Lê Thị Ánh/ }));
    expect(screen.getByText('Đã chọn 2 người')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: /Trần Văn Đức/ }));
    expect(screen.getByText('Đã chọn 1 người')).toBeTruthy();
  });

  test('quick-add refuses a person without consent, then adds and ticks them, keeping the session draft', async () => {
    await openNewForm();
    type('Địa điểm', 'Nhà văn hoá tổ 1');
    fireEvent.click(screen.getByRole('button', { name: '+ Thêm người mới chưa có trong danh sách' }));
    const box = screen.getByRole('group', { name: 'Thêm người mới vào buổi này' });
    expect(document.activeElement).toBe(within(box).getByLabelText('Họ và tên'));
    fireEvent.input(within(box).getByLabelText('Họ và tên'), { target: { value: 'Phạm Thị Mai' } });
    fireEvent.input(within(box).getByLabelText('Năm sinh'), { target: { value: '1962' } });
    fireEvent.click(within(box).getByRole('radio', { name: 'Nữ' }));
    expect(box.textContent).toContain('Ông/bà đồng ý để Tổ công nghệ số cộng đồng ghi họ tên');
    fireEvent.click(within(box).getByRole('button', { name: 'Thêm và đánh dấu có tham dự' }));

    const consent = within(box).getByRole('checkbox', { name: 'Người dân đã đồng ý' });
    await waitFor(() => expect(consent.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(consent)).toContain('Cần người dân đồng ý trước khi ghi thông tin của họ.');
    expect(document.activeElement).toBe(consent);
    expect(await db.residents.count()).toBe(0);
    expect((within(box).getByLabelText('Họ và tên') as HTMLInputElement).value).toBe('Phạm Thị Mai');

    fireEvent.click(consent);
    fireEvent.click(within(box).getByRole('radio', { name: 'Nói đồng ý' }));
    fireEvent.click(within(box).getByRole('button', { name: 'Thêm và đánh dấu có tham dự' }));

    await screen.findByText('Đã thêm Phạm Thị Mai và đánh dấu có tham dự.');
    expect(screen.getByText('Đã chọn 1 người')).toBeTruthy();
    await waitFor(() =>
      expect((screen.getByRole('checkbox', { name: /Phạm Thị Mai/ }) as HTMLInputElement).checked).toBe(true),
    );
    const [mai] = await new Promise<{ groupId: string; fullName: string }[]>((resolve) => {
      const stop = db.residents.watchAll(
        (list) => list.length > 0 && (resolve(list), queueMicrotask(() => stop())),
      );
    });
    expect(mai).toMatchObject({ fullName: 'Phạm Thị Mai', groupId: 'to-1' });
    expect(field('Địa điểm').value).toBe('Nhà văn hoá tổ 1');
  });

  test('quick-add offers the person already on the phone instead of a second record', async () => {
    const hoa = await addResident(db, { fullName: 'Nguyễn Thị Hoa', birthYear: '1958', groupId: 'to-1' });
    await openNewForm();
    fireEvent.click(screen.getByRole('button', { name: '+ Thêm người mới chưa có trong danh sách' }));
    const box = screen.getByRole('group', { name: 'Thêm người mới vào buổi này' });
    fireEvent.input(within(box).getByLabelText('Họ và tên'), { target: { value: 'Nguyen Thi Hoa' } });
    fireEvent.input(within(box).getByLabelText('Năm sinh'), { target: { value: '1958' } });
    fireEvent.click(within(box).getByRole('button', { name: 'Thêm và đánh dấu có tham dự' }));

    fireEvent.click(await screen.findByRole('button', { name: 'Chọn Nguyễn Thị Hoa, sinh năm 1958' }));
    expect(screen.getByText('Đã chọn 1 người')).toBeTruthy();
    expect(await db.residents.count()).toBe(1);
    expect((screen.getByRole('checkbox', { name: /Nguyễn Thị Hoa/ }) as HTMLInputElement).checked).toBe(true);
    expect(hoa).toBeTruthy();
  });
});
