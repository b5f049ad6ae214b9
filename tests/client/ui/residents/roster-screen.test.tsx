// @vitest-environment happy-dom
// The roster screen: Vietnamese order, search as you type, group / status / age filters with counts,
// sync marks per row, 25 rows at a time, and the ways to a resident and to a new one.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { memoryKeyValue, type AppDatabase } from '../../../../src/client/db';
import { route } from '../../../../src/client/ui/router';
import { addGroup, addResident, openDb, renderField, ResidentsScreens, syncWithMarks } from './harness';

let db: AppDatabase;

beforeEach(async () => {
  route.value = { name: 'roster' };
  db = await openDb();
  await addGroup(db, 'to-1', 'Tổ 1');
  await addGroup(db, 'to-2', 'Tổ 2');
});

afterEach(async () => {
  cleanup();
  await db.close();
});

const rowNames = () =>
  screen.queryAllByRole('listitem').map((li) => li.querySelector('.resident-name')?.textContent ?? '');
const count = () => document.querySelector('.roster-count')?.textContent;
const search = (text: string) =>
  fireEvent.input(screen.getByRole('searchbox', { name: 'Tìm theo tên' }), { target: { value: text } });

async function seed() {
  const ids = {
    binh: await addResident(db, { fullName: 'Nguyễn Thị Bình', birthYear: '1958' }),
    an: await addResident(db, { fullName: 'Trần Văn An', birthYear: '1990', sex: 'male', groupId: 'to-2' }),
    anh: await addResident(db, { fullName: 'Nguyễn Văn Anh', birthYear: '1975', sex: 'male' }),
    dao: await addResident(db, { fullName: 'Lê Thị Đào', birthYear: '2010' }),
  };
  return ids;
}

describe('the roster', () => {
  test('lists everyone in Vietnamese order with birth year, group, status and sync mark', async () => {
    const ids = await seed();
    const sync = syncWithMarks({ waiting: new Set([ids.an]), quarantined: new Map() });
    renderField(<ResidentsScreens />, { db, sync, groupIds: ['to-1', 'to-2'] });
    await waitFor(() =>
      expect(rowNames()).toEqual(['Trần Văn An', 'Nguyễn Văn Anh', 'Nguyễn Thị Bình', 'Lê Thị Đào']),
    );
    expect(count()).toBe('4 người');
    const an = screen.getByRole('link', { name: /Trần Văn An/ });
    expect(an.textContent).toContain('Sinh năm 1990 · Tổ 2');
    expect(an.textContent).toContain('Chưa tiếp cận');
    expect(an.textContent).toContain('Chờ gửi');
    expect(screen.getByRole('link', { name: /Nguyễn Thị Bình/ }).textContent).toContain('Đã gửi');
    expect(screen.getByRole('link', { name: /Lê Thị Đào/ }).textContent).toContain('Dưới 18 tuổi');
  });

  test('searching ignores accents and case, and the count says how many match', async () => {
    await seed();
    renderField(<ResidentsScreens />, { db });
    await waitFor(() => expect(rowNames()).toHaveLength(4));
    const box = screen.getByRole('searchbox', { name: 'Tìm theo tên' });
    expect(box.getAttribute('type')).toBe('search');
    search('nguyen van a');
    expect(rowNames()).toEqual(['Nguyễn Văn Anh']);
    expect(count()).toBe('1 / 4 người');
    search('NGUYEN');
    expect(rowNames()).toEqual(['Nguyễn Văn Anh', 'Nguyễn Thị Bình']);
    search('dao');
    expect(rowNames()).toEqual(['Lê Thị Đào']);
    search('zzz');
    expect(screen.getByText(/Không tìm thấy ai khớp/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Bỏ tìm kiếm và bộ lọc' }));
    expect(rowNames()).toHaveLength(4);
  });

  test('filters by group (only with several groups), status and age band', async () => {
    const ids = await seed();
    await db.completions.add({
      residentId: ids.binh,
      kind: 'trained',
      date: '01/11/2026',
      skills: [{ catalogue: 'khung-757', version: '1.0', code: '0.1' }],
      vneid: { channel: '', courseName: '', issuer: '', recordNumber: '' },
      notes: '',
    });
    renderField(<ResidentsScreens />, { db, groupIds: ['to-1', 'to-2'] });
    await waitFor(() => expect(rowNames()).toHaveLength(4));
    fireEvent.change(screen.getByRole('combobox', { name: 'Tổ dân phố' }), { target: { value: 'to-2' } });
    expect(rowNames()).toEqual(['Trần Văn An']);
    expect(count()).toBe('1 / 1 người');
    fireEvent.change(screen.getByRole('combobox', { name: 'Tổ dân phố' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Tình trạng' }), { target: { value: 'trained' } });
    await waitFor(() => expect(rowNames()).toEqual(['Nguyễn Thị Bình']));
    fireEvent.change(screen.getByRole('combobox', { name: 'Tình trạng' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Độ tuổi' }), { target: { value: '60+' } });
    expect(rowNames()).toEqual(['Nguyễn Thị Bình']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Độ tuổi' }), { target: { value: 'under18' } });
    expect(rowNames()).toEqual(['Lê Thị Đào']);
  });

  test('a phone with one group shows no group picker', async () => {
    await seed();
    renderField(<ResidentsScreens />, { db, groupIds: ['to-1'] });
    await waitFor(() => expect(rowNames()).toHaveLength(4));
    expect(screen.queryByRole('combobox', { name: 'Tổ dân phố' })).toBeNull();
  });

  test('shows 25 at a time, with "Xem thêm" for the next ones', async () => {
    for (let i = 0; i < 30; i++)
      await addResident(db, { fullName: `Phạm Văn Số${String(i).padStart(2, '0')}`, birthYear: '1970' });
    renderField(<ResidentsScreens />, { db });
    await waitFor(() => expect(rowNames()).toHaveLength(25));
    expect(count()).toBe('30 người');
    expect(screen.getByText('Đang hiện 25 / 30 người.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Xem thêm' }));
    expect(rowNames()).toHaveLength(30);
    expect(screen.queryByRole('button', { name: 'Xem thêm' })).toBeNull();
  });

  test('the search and filters are kept when coming back to the roster', async () => {
    await seed();
    const kv = memoryKeyValue();
    renderField(<ResidentsScreens />, { db, kv });
    await waitFor(() => expect(rowNames()).toHaveLength(4));
    search('binh');
    cleanup();
    renderField(<ResidentsScreens />, { db, kv });
    await waitFor(() => expect(rowNames()).toEqual(['Nguyễn Thị Bình']));
    expect((screen.getByRole('searchbox', { name: 'Tìm theo tên' }) as HTMLInputElement).value).toBe('binh');
  });

  test('a row opens the resident; the big button opens a new one', async () => {
    const ids = await seed();
    renderField(<ResidentsScreens />, { db });
    await waitFor(() => expect(rowNames()).toHaveLength(4));
    const add = screen.getByRole('link', { name: 'Thêm người dân' });
    expect(add.getAttribute('href')).toBe('#/residents/new');
    fireEvent.click(screen.getByRole('link', { name: /Trần Văn An/ }));
    expect(route.value).toEqual({ name: 'resident', id: ids.an });
    expect(await screen.findByRole('heading', { name: 'Trần Văn An' })).toBeTruthy();
  });

  test('an empty phone says how to start', async () => {
    renderField(<ResidentsScreens />, { db });
    expect(await screen.findByText(/Chưa có người dân nào trên máy/)).toBeTruthy();
    expect(count()).toBe('0 người');
    expect(within(screen.getByRole('search')).getByRole('searchbox')).toBeTruthy();
  });
});
