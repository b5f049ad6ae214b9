// @vitest-environment happy-dom
// The resident form against a real (in-memory) device database: consent first, Vietnamese messages next
// to each field with the first one focused, what was typed kept, the duplicate warning, drafts, saving.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { memoryKeyValue, type AppDatabase, type KeyValue } from '../../../../src/client/db';
import { route } from '../../../../src/client/ui/router';
import {
  ACTOR,
  addGroup,
  addResident,
  descriptionOf,
  openDb,
  renderField,
  ResidentsScreens,
} from './harness';

let db: AppDatabase;

beforeEach(async () => {
  route.value = { name: 'resident-new' };
  db = await openDb();
  await addGroup(db, 'to-1', 'Tổ 1');
  await addGroup(db, 'to-2', 'Tổ 2');
});

afterEach(async () => {
  cleanup();
  await db.close();
});

const input = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string | RegExp, value: string) => fireEvent.input(input(label), { target: { value } });
/** Disabled itself or inside a disabled fieldset (happy-dom's :disabled ignores fieldsets). */
const disabled = (el: Element) => el.matches(':disabled') || el.closest('fieldset[disabled]') !== null;
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
const agree = () => {
  fireEvent.click(screen.getByRole('checkbox', { name: 'Người dân đã đồng ý' }));
  fireEvent.click(screen.getByRole('radio', { name: 'Nói đồng ý' }));
};

async function openForm(o: { kv?: KeyValue; groupIds?: string[] } = {}) {
  const rendered = renderField(<ResidentsScreens />, { db, ...o });
  await screen.findByRole('heading', { name: /Thêm người dân|Sửa thông tin/ });
  return rendered;
}

async function fillValidPerson() {
  agree();
  type('Họ và tên', '  Trần   Văn  Bình ');
  type('Năm sinh', '1958');
  fireEvent.click(screen.getByRole('radio', { name: 'Nam' }));
}

describe('the resident form', () => {
  test('opens on consent: the wording is shown and nothing personal can be typed before the tick', async () => {
    await openForm();
    expect(screen.getByText(/Ông\/bà đồng ý để Tổ công nghệ số cộng đồng ghi họ tên/)).toBeTruthy();
    expect(screen.getByText(`Người hỏi: ${ACTOR.name}`)).toBeTruthy();
    expect(disabled(input('Họ và tên'))).toBe(true);
    expect(disabled(screen.getByRole('radio', { name: 'Nữ' }))).toBe(true);
    expect(screen.getByText(/đánh dấu “Người dân đã đồng ý” trước khi ghi thông tin/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Người dân đã đồng ý' }));
    expect(disabled(input('Họ và tên'))).toBe(false);
    expect(input('Ngày đồng ý').value).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });

  test('saving without consent is refused in Vietnamese with the focus on the tick box', async () => {
    await openForm();
    save();
    const tick = screen.getByRole('checkbox', { name: 'Người dân đã đồng ý' });
    await waitFor(() => expect(tick.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(tick)).toMatch(/Cần .*đồng ý trước khi ghi thông tin/);
    expect(document.activeElement).toBe(tick);
    expect(await db.residents.count()).toBe(0);
  });

  test('a missing name and a bad birth year are explained next to each field, and what was typed stays', async () => {
    await openForm();
    agree();
    type('Năm sinh', '19x8');
    type(/Ngày sinh/, '05/03/1958');
    fireEvent.click(screen.getByRole('radio', { name: 'Nữ' }));
    type(/4 số cuối CCCD/, '1234');
    save();

    const name = input('Họ và tên');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(name)).toContain('Hãy nhập họ và tên.');
    expect(descriptionOf(input('Năm sinh'))).toContain('Năm sinh gồm 4 chữ số, ví dụ 1958.');
    expect(document.activeElement).toBe(name);
    expect(screen.getByText('Chưa lưu. Hãy sửa các ô được đánh dấu.')).toBeTruthy();

    expect(input('Năm sinh').value).toBe('19x8');
    expect(input(/Ngày sinh/).value).toBe('05/03/1958');
    expect(input(/4 số cuối CCCD/).value).toBe('1234');
    expect((screen.getByRole('radio', { name: 'Nữ' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Người dân đã đồng ý' }) as HTMLInputElement).checked).toBe(
      true,
    );
    expect(await db.residents.count()).toBe(0);

    type('Họ và tên', 'Lê Thị Hoa');
    expect(name.getAttribute('aria-invalid')).toBeNull();
  });

  test('a consent method must be chosen', async () => {
    await openForm();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Người dân đã đồng ý' }));
    type('Họ và tên', 'Lê Thị Hoa');
    type('Năm sinh', '1958');
    fireEvent.click(screen.getByRole('radio', { name: 'Nữ' }));
    save();
    const verbal = screen.getByRole('radio', { name: 'Nói đồng ý' });
    await waitFor(() => expect(verbal.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(verbal)).toMatch(/Hãy chọn cách người dân đồng ý/);
    expect(document.activeElement).toBe(verbal);
  });

  test('a phone number needs the contact consent, whose wording is beside it', async () => {
    await openForm();
    await fillValidPerson();
    type('Số điện thoại', '0912 345 678');
    save();

    const phone = input('Số điện thoại');
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(phone)).toContain('Muốn lưu số điện thoại, người dân phải đồng ý');
    expect(document.activeElement).toBe(phone);
    expect(phone.value).toBe('0912 345 678');
    const contact = screen.getByRole('group', { name: /Số điện thoại/ });
    expect(within(contact).getByText(/lưu số điện thoại của ông\/bà để liên hệ/)).toBeTruthy();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Người dân đồng ý cho lưu số điện thoại' }));
    save();
    await waitFor(() => expect(route.value.name).toBe('resident'));
    const saved = await db.residents.get((route.value as { id: string }).id);
    expect(saved?.phone).toBe('0912345678');
    expect(saved?.consents.map((c) => c.purpose).sort()).toEqual(['contact', 'registration']);
  });

  test('a valid resident is saved with consent asked by the volunteer, and its page replaces the form', async () => {
    await openForm();
    await fillValidPerson();
    expect((screen.getByRole('combobox', { name: 'Tổ dân phố' }) as HTMLSelectElement).value).toBe('to-1');
    save();

    await waitFor(() => expect(route.value.name).toBe('resident'));
    const id = (route.value as { id: string }).id;
    expect(window.location.hash).toBe(`#/residents/${id}`);
    const saved = await db.residents.get(id);
    expect(saved).toMatchObject({ fullName: 'Trần Văn Bình', birthYear: 1958, sex: 'male', groupId: 'to-1' });
    expect(saved?.consents).toMatchObject([
      { purpose: 'registration', askedBy: ACTOR.name, method: 'verbal' },
    ]);
    expect(await screen.findByRole('heading', { name: 'Trần Văn Bình' })).toBeTruthy();
  });

  test('with several groups none is chosen for the volunteer, and a missing group is explained', async () => {
    await openForm({ groupIds: ['to-1', 'to-2'] });
    await fillValidPerson();
    const group = screen.getByRole('combobox', { name: 'Tổ dân phố' }) as HTMLSelectElement;
    expect(group.value).toBe('');
    save();
    await waitFor(() => expect(group.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(group)).toContain('Hãy chọn tổ dân phố.');
  });
});

describe('possible duplicates', () => {
  test('the same name (any accents), year and group warns with a link, and saves only after "save anyway"', async () => {
    const existing = await addResident(db, { fullName: 'Nguyễn Văn An', birthYear: '1960', sex: 'male' });
    await openForm();
    agree();
    type('Họ và tên', 'nguyen van an');
    type('Năm sinh', '1960');
    fireEvent.click(screen.getByRole('radio', { name: 'Nam' }));

    const warning = await screen.findByRole('region', { name: /Có thể người này đã được ghi/ });
    const link = within(warning).getByRole('link', { name: /Nguyễn Văn An, sinh năm 1960 · Tổ 1/ });
    expect(link.getAttribute('href')).toBe(`#/residents/${existing}`);

    save();
    await waitFor(() => expect(document.activeElement).toBe(warning));
    expect(await db.residents.count()).toBe(1);
    expect(route.value.name).toBe('resident-new');

    fireEvent.click(within(warning).getByRole('button', { name: 'Vẫn lưu người mới' }));
    await waitFor(() => expect(route.value.name).toBe('resident'));
    expect(await db.residents.count()).toBe(2);
    expect((route.value as { id: string }).id).not.toBe(existing);
  });

  test('no warning for a namesake born another year or in another group', async () => {
    await addResident(db, { fullName: 'Nguyễn Văn An', birthYear: '1960', groupId: 'to-2' });
    await addResident(db, { fullName: 'Nguyễn Văn An', birthYear: '1961' });
    await openForm();
    agree();
    type('Họ và tên', 'Nguyễn Văn An');
    type('Năm sinh', '1960');
    fireEvent.click(screen.getByRole('radio', { name: 'Nam' }));
    save();
    await waitFor(() => expect(route.value.name).toBe('resident'));
    expect(screen.queryByRole('region', { name: /Có thể người này đã được ghi/ })).toBeNull();
  });
});

describe('drafts and edits', () => {
  test('what was typed comes back after leaving the form, until it is discarded', async () => {
    const kv = memoryKeyValue();
    await openForm({ kv });
    agree();
    type('Họ và tên', 'Phạm Thị Mai');
    type('Năm sinh', '1949');
    cleanup();

    await openForm({ kv });
    expect(await screen.findByText('Đã mở lại thông tin đang nhập dở.')).toBeTruthy();
    expect(input('Họ và tên').value).toBe('Phạm Thị Mai');
    expect(input('Năm sinh').value).toBe('1949');
    expect((screen.getByRole('radio', { name: 'Nói đồng ý' }) as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Bỏ bản nháp, nhập lại từ đầu' }));
    expect(input('Họ và tên').value).toBe('');
    expect((screen.getByRole('checkbox', { name: 'Người dân đã đồng ý' }) as HTMLInputElement).checked).toBe(
      false,
    );
  });

  test('an edit starts from the saved record, keeps the consent on record, and saves the change', async () => {
    const id = await addResident(db, { fullName: 'Võ Thị Sáu', birthYear: '1950', birthDate: '02/01/1950' });
    route.value = { name: 'resident-edit', id };
    await openForm();
    expect(screen.getByRole('heading', { name: 'Sửa thông tin: Võ Thị Sáu' })).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Người dân đã đồng ý' })).toBeNull();
    expect(screen.getByText(/Người dân đã đồng ý cho ghi thông tin/)).toBeTruthy();
    expect(input(/Ngày sinh/).value).toBe('02/01/1950');
    type('Họ và tên', 'Võ Thị Sáu Em');
    save();
    await waitFor(() => expect(route.value).toEqual({ name: 'resident', id }));
    expect((await db.residents.get(id))?.fullName).toBe('Võ Thị Sáu Em');
  });

  test('an address of a resident not on the phone says so', async () => {
    route.value = { name: 'resident-edit', id: '00000000-0000-4000-8000-000000000000' };
    renderField(<ResidentsScreens />, { db });
    expect(await screen.findByText(/Không tìm thấy người dân này trên máy/)).toBeTruthy();
  });
});
