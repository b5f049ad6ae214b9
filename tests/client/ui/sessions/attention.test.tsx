// @vitest-environment happy-dom
// The records the server put aside: listed with what they are and why, one tap from fixing; the sync
// summary above them; and the empty state.
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppDatabase } from '../../../../src/client/db';
import { AttentionScreen } from '../../../../src/client/ui/attention/attention-screen';
import { route } from '../../../../src/client/ui/router';
import { addGroup, addResident, fakeSync, openDb, renderField } from './field-harness';

let db: AppDatabase;

beforeEach(async () => {
  route.value = { name: 'attention' };
  db = await openDb();
  await addGroup(db, 'to-1', 'Tổ 1');
});

afterEach(async () => {
  cleanup();
  await db.close();
});

describe('the attention screen', () => {
  test('a quarantined session and resident are listed with their reasons and open for fixing', async () => {
    const saved = await db.sessions.add({
      date: '20/11/2026',
      place: 'Nhà văn hoá tổ 1',
      format: 'class',
      groupId: 'to-1',
      skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
      trainers: ['Trần Văn Tư'],
      attendeeIds: [],
      notes: '',
    });
    if (!saved.ok) throw new Error('session refused');
    const hoa = await addResident(db, { fullName: 'Nguyễn Thị Hoa', birthYear: '1958', groupId: 'to-1' });
    const lastSyncedAt = new Date(2026, 10, 23, 10, 5).toISOString();
    const sync = fakeSync({
      status: { waiting: 3, needsAttention: 2, lastSyncedAt, online: false },
      marks: {
        waiting: new Set([saved.record.id, hoa]),
        quarantined: new Map([
          [
            saved.record.id,
            {
              collection: 'sessions',
              code: 'invalid_document',
              message: 'place.required; trainers.required',
            },
          ],
          [
            hoa,
            {
              collection: 'residents',
              code: 'out_of_scope',
              message: 'group to-9 is not one of your residential groups',
            },
          ],
        ]),
      },
    });
    renderField(<AttentionScreen />, { db, sync: sync.controller });

    const what = await screen.findByText('Buổi hướng dẫn ngày 20/11/2026 tại Nhà văn hoá tổ 1');
    const session = what.closest('li');
    expect(session!.textContent).toContain('Thông tin chưa hợp lệ:');
    expect(session!.textContent).toContain('Hãy nhập địa điểm.');
    expect(session!.textContent).toContain('Hãy ghi tên ít nhất một người hướng dẫn.');
    const resident = await screen.findByText('Người dân: Nguyễn Thị Hoa');
    const residentRow = resident.closest('li')!;
    expect(residentRow.textContent).toContain('Bản ghi thuộc tổ hoặc phường mà bạn không phụ trách.');
    expect(residentRow.textContent).toContain('group to-9 is not one of your residential groups');

    expect(screen.getByText('Ngoại tuyến')).toBeTruthy();
    expect(screen.getByText('3 bản ghi đang chờ đồng bộ')).toBeTruthy();
    expect(screen.getByText('Đồng bộ lần cuối: 23/11/2026 10:05')).toBeTruthy();

    fireEvent.click(within(session!).getByRole('button', { name: 'Mở để sửa' }));
    expect(route.value).toEqual({ name: 'session', id: saved.record.id });
    fireEvent.click(within(residentRow).getByRole('button', { name: 'Mở để sửa' }));
    expect(route.value).toEqual({ name: 'resident-edit', id: hoa });
  });

  test('with nothing put aside it says so', async () => {
    renderField(<AttentionScreen />, { db, sync: fakeSync().controller });
    expect(await screen.findByText('Không có bản ghi nào cần sửa.')).toBeTruthy();
    expect(screen.getByText('Chưa đồng bộ lần nào')).toBeTruthy();
  });
});
