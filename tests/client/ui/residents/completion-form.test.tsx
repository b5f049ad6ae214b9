// @vitest-environment happy-dom
// The result form against a real (in-memory) device database: kind, date, skills from the catalogue
// file, the VNeID evidence as seen (never a photo), Vietnamese messages, drafts, and saving.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { memoryKeyValue, type AppDatabase, type KeyValue } from '../../../../src/client/db';
import { route } from '../../../../src/client/ui/router';
import type { Completion } from '../../../../src/shared';
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
let residentId: string;

beforeEach(async () => {
  db = await openDb();
  await addGroup(db, 'to-1', 'Tổ 1');
  residentId = await addResident(db, { fullName: 'Hoàng Văn Nam', birthYear: '1955', sex: 'male' });
  route.value = { name: 'completion-new', residentId };
});

afterEach(async () => {
  cleanup();
  await db.close();
});

const input = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string | RegExp, value: string) => fireEvent.input(input(label), { target: { value } });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Lưu kết quả' }));
const choose = (name: string) => fireEvent.click(screen.getByRole('radio', { name }));

async function openForm(o: { kv?: KeyValue; catalogues?: null } = {}) {
  const rendered = renderField(<ResidentsScreens />, { db, ...o });
  await screen.findByRole('heading', { name: 'Ghi nhận kết quả: Hoàng Văn Nam' });
  return rendered;
}

function completions(): Promise<Completion[]> {
  return new Promise((resolve) => {
    const stop = db.completions.watchAll((list) => {
      queueMicrotask(() => stop());
      resolve(list);
    });
  });
}

describe('the result form', () => {
  test('a result must be chosen; the date defaults to today as dd/mm/yyyy', async () => {
    await openForm();
    expect(input('Ngày').value).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    save();
    const trained = screen.getByRole('radio', { name: 'Đã được hướng dẫn' });
    await waitFor(() => expect(trained.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(trained)).toContain('Hãy chọn kết quả cần ghi nhận.');
    expect(document.activeElement).toBe(trained);
  });

  test('trained needs at least one skill, chosen from the catalogue file, and a real date', async () => {
    await openForm();
    choose('Đã được hướng dẫn');
    type('Ngày', '31/02/2026');
    save();
    const date = input('Ngày');
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(date)).toContain('Ngày không hợp lệ.');
    const firstSkill = screen.getAllByRole('checkbox')[0]!;
    expect(descriptionOf(firstSkill)).toMatch(/Hãy chọn ít nhất một kỹ năng/);
    expect(document.activeElement).toBe(date);

    type('Ngày', '20/11/2026');
    fireEvent.click(screen.getByRole('checkbox', { name: '0.1 Sử dụng thiết bị' }));
    save();
    await waitFor(() => expect(route.value).toEqual({ name: 'resident', id: residentId }));
    const [saved] = await completions();
    expect(saved).toMatchObject({
      residentId,
      kind: 'trained',
      date: '2026-11-20',
      skills: [{ catalogue: 'khung-757', version: '1.0', code: '0.1' }],
      recordedBy: ACTOR.name,
    });
  });

  test('a VNeID confirmation needs the course name and issuing unit as shown; there is no photo field', async () => {
    await openForm();
    choose('Đã xác nhận trên VNeID');
    const vneid = screen.getByRole('group', { name: 'Thông tin xác nhận trên VNeID' });
    expect(within(vneid).getByText('Không chụp ảnh CCCD hay màn hình VNeID.')).toBeTruthy();
    expect(document.querySelector('input[type="file"]')).toBeNull();
    for (const channel of [
      'Ứng dụng VNeID',
      'Chứng nhận trên nền tảng binhdanhocvuso.gov.vn',
      'Giấy chứng nhận',
      'Người dân cho biết',
    ]) {
      expect(screen.getByRole('radio', { name: channel })).toBeTruthy();
    }
    save();
    const app = screen.getByRole('radio', { name: 'Ứng dụng VNeID' });
    await waitFor(() => expect(app.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(app)).toContain('Hãy chọn nơi bạn đã xem xác nhận.');

    choose('Ứng dụng VNeID');
    type(/Số hiệu chứng nhận/, 'BDHVS-0042');
    save();
    const course = input(/Tên khoá học/);
    await waitFor(() => expect(course.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(course)).toContain('Hãy ghi tên khoá học đúng như hiển thị.');
    expect(descriptionOf(input(/Đơn vị cấp/))).toContain('Hãy ghi đơn vị cấp đúng như hiển thị.');
    expect(document.activeElement).toBe(course);
    expect(input(/Số hiệu chứng nhận/).value).toBe('BDHVS-0042');

    type(/Tên khoá học/, 'Phổ cập kỹ năng số cơ bản');
    type(/Đơn vị cấp/, 'Bộ Khoa học và Công nghệ');
    save();
    await waitFor(() => expect(route.value).toEqual({ name: 'resident', id: residentId }));
    const [saved] = await completions();
    expect(saved?.vneid).toEqual({
      channel: 'vneid_app',
      courseName: 'Phổ cập kỹ năng số cơ bản',
      issuer: 'Bộ Khoa học và Công nghệ',
      recordNumber: 'BDHVS-0042',
    });
    expect(saved?.skills).toBeUndefined();
    expect(await screen.findByText(/Khoá học: Phổ cập kỹ năng số cơ bản/)).toBeTruthy();
  });

  test("the resident's word alone is enough, without course or issuer", async () => {
    await openForm();
    choose('Đã xác nhận trên VNeID');
    choose('Người dân cho biết');
    expect(screen.getByText(/tên khoá học và đơn vị cấp có thể để trống/)).toBeTruthy();
    save();
    await waitFor(() => expect(route.value.name).toBe('resident'));
    const [saved] = await completions();
    expect(saved?.vneid).toEqual({ channel: 'resident_word' });
  });

  test('the draft comes back after leaving the form', async () => {
    const kv = memoryKeyValue();
    await openForm({ kv });
    choose('Đã xác nhận trên VNeID');
    choose('Giấy chứng nhận');
    type(/Tên khoá học/, 'Kỹ năng số');
    cleanup();
    await openForm({ kv });
    expect(await screen.findByText('Đã mở lại thông tin đang nhập dở.')).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Giấy chứng nhận' }) as HTMLInputElement).checked).toBe(true);
    expect(input(/Tên khoá học/).value).toBe('Kỹ năng số');
  });

  test('without the catalogue file the skills part says it is not loaded yet', async () => {
    await openForm({ catalogues: null });
    choose('Đã hoàn thành khoá học');
    expect(screen.getByText(/Chưa tải được danh mục kỹ năng/)).toBeTruthy();
  });
});
