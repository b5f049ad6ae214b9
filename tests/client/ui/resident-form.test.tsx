// @vitest-environment happy-dom
// The add-resident form against a real (in-memory) device database.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppDatabase } from '../../../src/client/db';
import { ResidentForm } from '../../../src/client/ui/resident-form';
import { ResidentList } from '../../../src/client/ui/resident-list';
import { addGroup, descriptionOf, openTestDatabase } from './helpers';

let db: AppDatabase;

beforeEach(async () => {
  db = await openTestDatabase();
  await addGroup(db, 'to-1', 'Tổ 1');
  await addGroup(db, 'to-2', 'Tổ 2');
});

afterEach(async () => {
  cleanup();
  await db.close();
});

const type = (label: string | RegExp, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));

async function renderForm() {
  render(<ResidentForm db={db} />);
  await screen.findByRole('combobox', { name: 'Tổ dân phố' });
}

describe('the add-resident form', () => {
  test('an empty name, a missing sex and a bad phone are explained in Vietnamese and what was typed stays', async () => {
    await renderForm();
    type('Năm sinh', '2099');
    type(/Số điện thoại/, '12345');
    fireEvent.change(screen.getByLabelText('Tổ dân phố'), { target: { value: 'to-2' } });
    save();

    const name = screen.getByLabelText('Họ và tên');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(name)).toContain('Hãy nhập họ và tên');
    const female = screen.getByRole('radio', { name: 'Nữ' });
    expect(female.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(female)).toContain('Hãy chọn Nữ hoặc Nam.');
    const phone = screen.getByLabelText(/Số điện thoại/);
    expect(descriptionOf(phone)).toContain('Số điện thoại không đúng');
    expect(document.activeElement).toBe(name);

    expect((screen.getByLabelText('Năm sinh') as HTMLInputElement).value).toBe('2099');
    expect((phone as HTMLInputElement).value).toBe('12345');
    expect((screen.getByLabelText('Tổ dân phố') as HTMLSelectElement).value).toBe('to-2');
    expect(await db.residents.count()).toBe(0);
  });

  test('a birth year in the future is refused with a Vietnamese message next to the year', async () => {
    await renderForm();
    type('Họ và tên', 'Nguyễn Thị Lan');
    type('Năm sinh', String(new Date().getFullYear() + 1));
    fireEvent.click(screen.getByRole('radio', { name: 'Nữ' }));
    fireEvent.change(screen.getByLabelText('Tổ dân phố'), { target: { value: 'to-1' } });
    save();

    const year = screen.getByLabelText('Năm sinh');
    await waitFor(() => expect(year.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(year)).toContain('Năm sinh không thể ở tương lai.');
    expect(document.activeElement).toBe(year);
    expect((screen.getByLabelText('Họ và tên') as HTMLInputElement).value).toBe('Nguyễn Thị Lan');
    expect((screen.getByRole('radio', { name: 'Nữ' }) as HTMLInputElement).checked).toBe(true);
  });

  test('a valid resident is stored with a normalised name, listed, and the group is kept for the next one', async () => {
    render(
      <>
        <ResidentForm db={db} />
        <ResidentList db={db} sync={null} />
      </>,
    );
    await screen.findByRole('combobox', { name: 'Tổ dân phố' });
    type('Họ và tên', '  Trần   Văn  Bình ');
    type('Năm sinh', '1958');
    fireEvent.click(screen.getByRole('radio', { name: 'Nam' }));
    fireEvent.change(screen.getByLabelText('Tổ dân phố'), { target: { value: 'to-2' } });
    type(/Số điện thoại/, '0912 345 678');
    save();

    expect(await screen.findByText('Đã lưu trên máy: Trần Văn Bình.')).toBeTruthy();
    expect(await db.residents.count()).toBe(1);
    const list = screen.getByRole('region', { name: /Người dân đã ghi/ });
    const row = await within(list).findByText('Trần Văn Bình');
    expect(row.closest('li')?.textContent).toContain('Sinh năm 1958 · Nam · Tổ 2');
    expect((screen.getByLabelText('Họ và tên') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Năm sinh') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText(/Số điện thoại/) as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Tổ dân phố') as HTMLSelectElement).value).toBe('to-2');
  });

  test('without any groups yet the form says the list needs the network', async () => {
    const empty = await openTestDatabase();
    try {
      render(<ResidentForm db={empty} />);
      expect(await screen.findByText('Đang tải danh sách tổ… cần kết nối mạng.')).toBeTruthy();
      expect(screen.queryByRole('combobox', { name: 'Tổ dân phố' })).toBeNull();
    } finally {
      cleanup();
      await empty.close();
    }
  });
});
