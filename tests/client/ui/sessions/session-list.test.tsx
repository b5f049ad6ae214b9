// @vitest-environment happy-dom
// The sessions list (newest first, with sync marks), a session's page when the server put it aside, and
// the form when the skill catalogue could not be loaded.
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppDatabase, SessionDraft } from '../../../../src/client/db';
import { route } from '../../../../src/client/ui/router';
import { SessionEditScreen } from '../../../../src/client/ui/sessions/session-edit-screen';
import { SessionListScreen } from '../../../../src/client/ui/sessions/session-list-screen';
import { addGroup, fakeSync, openDb, renderField } from './field-harness';

let db: AppDatabase;

beforeEach(async () => {
  route.value = { name: 'sessions' };
  db = await openDb();
  await addGroup(db, 'to-1', 'Tổ 1');
});

afterEach(async () => {
  cleanup();
  await db.close();
});

async function addSession(date: string, place: string, extra: Partial<SessionDraft> = {}): Promise<string> {
  const saved = await db.sessions.add({
    date,
    place,
    format: 'home_visit',
    groupId: 'to-1',
    skills: [
      { catalogue: '5-ky-nang', version: '2024', code: '1' },
      { catalogue: '5-ky-nang', version: '2024', code: '2' },
    ],
    trainers: ['Trần Văn Tư'],
    attendeeIds: [],
    notes: '',
    ...extra,
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  return saved.record.id;
}

describe('the sessions list', () => {
  test('lists sessions newest first with format, group, counts and sync marks', async () => {
    const older = await addSession('02/11/2026', 'Nhà ông Sáu');
    const newer = await addSession('20/11/2026', 'Nhà bà Hoa');
    const sync = fakeSync({
      marks: {
        waiting: new Set([newer]),
        quarantined: new Map(),
      },
    });
    renderField(<SessionListScreen />, { db, sync: sync.controller });

    const list = await screen.findByRole('list');
    const rows = await within(list).findAllByRole('link');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('20/11/2026 · Hướng dẫn tại nhà');
    expect(rows[0]!.textContent).toContain('Nhà bà Hoa');
    expect(rows[0]!.textContent).toContain('Tổ 1 · 0 người tham dự · 2 kỹ năng');
    expect(rows[0]!.textContent).toContain('Chờ gửi');
    expect(rows[1]!.textContent).toContain('Nhà ông Sáu');
    expect(rows[1]!.textContent).toContain('Đã gửi');

    fireEvent.click(rows[1]!);
    expect(route.value).toEqual({ name: 'session', id: older });
    fireEvent.click(screen.getByRole('link', { name: '+ Ghi buổi hướng dẫn' }));
    expect(route.value).toEqual({ name: 'session-new' });
  });

  test('says so when there are no sessions yet', async () => {
    renderField(<SessionListScreen />, { db });
    expect(await screen.findByText(/Chưa có buổi hướng dẫn nào/)).toBeTruthy();
  });
});

describe('a session page', () => {
  test('a session the server put aside says why, above the form to fix it', async () => {
    const id = await addSession('20/11/2026', 'Nhà bà Hoa');
    const sync = fakeSync({
      marks: {
        waiting: new Set([id]),
        quarantined: new Map([
          [id, { collection: 'sessions', code: 'invalid_document', message: 'skills.required' }],
        ]),
      },
    });
    renderField(<SessionEditScreen id={id} />, { db, sync: sync.controller });

    const alert = await screen.findByText('Máy chủ chưa nhận buổi này. Hãy sửa rồi lưu lại.');
    expect(alert.parentElement!.textContent).toContain('Hãy chọn ít nhất một kỹ năng.');
    expect(screen.getByText('Cần sửa')).toBeTruthy();
  });

  test('an unknown session says it is not on the phone', async () => {
    renderField(<SessionEditScreen id="0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3" />, { db });
    expect(await screen.findByText('Không tìm thấy buổi hướng dẫn này trên máy.')).toBeTruthy();
  });

  test('without the skill catalogue the form says how to get it', async () => {
    renderField(<SessionEditScreen />, { db, catalogues: null });
    expect(await screen.findByText(/Chưa tải được danh mục kỹ năng/)).toBeTruthy();
    expect(screen.queryAllByRole('checkbox', { name: /Sử dụng dịch vụ công/ })).toHaveLength(0);
  });
});
