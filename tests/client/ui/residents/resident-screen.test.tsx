// @vitest-environment happy-dom
// A resident's page: details with dd/mm/yyyy dates, consents, status, sessions attended, results, the
// sync mark with the server's reason when it was put aside, and the ways on.
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppDatabase } from '../../../../src/client/db';
import { route } from '../../../../src/client/ui/router';
import {
  ACTOR,
  addGroup,
  addResident,
  openDb,
  renderField,
  ResidentsScreens,
  syncWithMarks,
} from './harness';

let db: AppDatabase;
let id: string;

beforeEach(async () => {
  db = await openDb();
  await addGroup(db, 'to-1', 'Tổ 1');
  id = await addResident(db, {
    fullName: 'Đỗ Thị Hằng',
    birthYear: '1952',
    birthDate: '7/3/1952',
    phone: '0912345678',
    consent: { registration: true, contact: true, method: 'signed', date: '01/11/2026' },
  });
  route.value = { name: 'resident', id };
});

afterEach(async () => {
  cleanup();
  await db.close();
});

describe("a resident's page", () => {
  test('shows the details, the consents with who, when, how and wording, and no results yet', async () => {
    renderField(<ResidentsScreens />, { db });
    await screen.findByRole('heading', { name: 'Đỗ Thị Hằng' });
    const details = screen.getByRole('region', { name: 'Thông tin' });
    expect(details.textContent).toContain('Ngày sinh07/03/1952');
    expect(details.textContent).toContain('Tổ dân phốTổ 1');
    expect(details.textContent).toContain('Số điện thoại0912345678');
    expect(details.textContent).toContain('Chưa tiếp cận');
    const consents = screen.getByRole('region', { name: 'Sự đồng ý' });
    expect(within(consents).getByText('Ghi thông tin để hướng dẫn và thống kê')).toBeTruthy();
    expect(within(consents).getByText('Lưu số điện thoại để liên hệ')).toBeTruthy();
    expect(
      within(consents).getAllByText(`Người hỏi: ${ACTOR.name} · ngày 01/11/2026 · Ký vào giấy · mẫu lời v1`),
    ).toHaveLength(2);
    expect(screen.getByText('Chưa dự buổi nào.')).toBeTruthy();
    expect(screen.getByText('Chưa có kết quả nào.')).toBeTruthy();
  });

  test('lists the sessions attended and the results, and the status follows them', async () => {
    const session = await db.sessions.add({
      date: '10/11/2026',
      place: 'Nhà văn hoá tổ 1',
      format: 'class',
      groupId: 'to-1',
      skills: [{ catalogue: 'khung-757', version: '1.0', code: '0.1' }],
      trainers: [ACTOR.name],
      attendeeIds: [id],
      notes: '',
    });
    expect(session.ok).toBe(true);
    const result = await db.completions.add({
      residentId: id,
      kind: 'vneid',
      date: '15/11/2026',
      skills: [],
      vneid: { channel: 'paper', courseName: 'Kỹ năng số', issuer: 'UBND phường', recordNumber: '' },
      notes: '',
    });
    expect(result.ok).toBe(true);
    renderField(<ResidentsScreens />, { db });
    const sessions = await screen.findByRole('region', { name: 'Buổi học đã dự' });
    expect(await within(sessions).findByText('10/11/2026 · Nhà văn hoá tổ 1')).toBeTruthy();
    expect(within(sessions).getByText('0.1 Sử dụng thiết bị')).toBeTruthy();
    const results = screen.getByRole('region', { name: 'Kết quả đã ghi nhận' });
    expect(within(results).getByText('Đã xác nhận trên VNeID · 15/11/2026')).toBeTruthy();
    expect(within(results).getByText('Nơi xem: Giấy chứng nhận')).toBeTruthy();
    expect(within(results).getByText('Đơn vị cấp: UBND phường')).toBeTruthy();
    expect(within(results).getByText(`Người ghi: ${ACTOR.name}`)).toBeTruthy();
    expect(screen.getAllByText('Đã xác nhận trên VNeID').length).toBeGreaterThan(0);
  });

  test('a record the server put aside shows why, with a way to fix it', async () => {
    const sync = syncWithMarks({
      waiting: new Set([id]),
      quarantined: new Map([
        [id, { collection: 'residents', code: 'invalid_document', message: 'năm sinh sai' }],
      ]),
    });
    renderField(<ResidentsScreens />, { db, sync });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Máy chủ chưa nhận bản ghi này: năm sinh sai');
    expect(screen.getByText('Cần sửa')).toBeTruthy();
    fireEvent.click(within(alert).getByRole('link', { name: 'Sửa lại thông tin' }));
    expect(route.value).toEqual({ name: 'resident-edit', id });
  });

  test('leads to recording a result, editing, and back to the roster', async () => {
    renderField(<ResidentsScreens />, {
      db,
      sync: syncWithMarks({ waiting: new Set(), quarantined: new Map() }),
    });
    await screen.findByRole('heading', { name: 'Đỗ Thị Hằng' });
    expect(screen.getByText('Đã gửi')).toBeTruthy();
    const record = screen.getByRole('link', { name: 'Ghi nhận kết quả' });
    expect(record.getAttribute('href')).toBe(`#/residents/${id}/completions/new`);
    fireEvent.click(record);
    expect(route.value).toEqual({ name: 'completion-new', residentId: id });
    route.value = { name: 'resident', id };
    fireEvent.click(await screen.findByRole('link', { name: 'Sửa thông tin' }));
    expect(route.value).toEqual({ name: 'resident-edit', id });
    route.value = { name: 'resident', id };
    fireEvent.click(await screen.findByRole('link', { name: /Danh sách người dân/ }));
    expect(route.value).toEqual({ name: 'roster' });
  });
});

describe('a duplicate merged by the officer (docs/ward.md "Duplicates")', () => {
  test('the merged record is not in the roster, says where it went, and its result counts for the person', async () => {
    const twin = await addResident(db, {
      fullName: 'Đỗ Thị Hằng',
      birthYear: '1952',
      consent: { registration: true, contact: false, method: 'verbal', date: '02/11/2026' },
    });
    const result = await db.completions.add({
      residentId: twin,
      kind: 'trained',
      date: '12/11/2026',
      skills: [{ catalogue: 'khung-757', version: '1.0', code: '0.1' }],
      vneid: { channel: 'paper', courseName: '', issuer: '', recordNumber: '' },
      notes: '',
    });
    expect(result.ok).toBe(true);
    // The server's merge arrives by pull: the twin now points at the main record.
    const doc = await db.rx.residents.findOne(twin).exec();
    await doc!.incrementalPatch({ mergedInto: id });

    route.value = { name: 'roster' };
    renderField(<ResidentsScreens />, { db });
    await screen.findAllByRole('link', { name: /Đỗ Thị Hằng/ });
    expect(screen.getAllByRole('link', { name: /Đỗ Thị Hằng/ })).toHaveLength(1);
    cleanup();

    route.value = { name: 'resident', id };
    renderField(<ResidentsScreens />, { db });
    await screen.findByRole('heading', { name: 'Đỗ Thị Hằng' });
    expect(screen.getByRole('region', { name: 'Thông tin' }).textContent).toContain('Đã hướng dẫn');
    cleanup();

    route.value = { name: 'resident', id: twin };
    renderField(<ResidentsScreens />, { db });
    expect(await screen.findByText(/đã được gộp vào hồ sơ Đỗ Thị Hằng/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Mở hồ sơ chính' }).getAttribute('href')).toBe(
      `#/residents/${id}`,
    );
  });
});
