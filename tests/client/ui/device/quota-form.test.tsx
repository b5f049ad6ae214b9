// @vitest-environment happy-dom
// Storage quota exceeded, as the volunteer sees it (QUALITY.md B9): saving a new resident on a full phone
// shows the "storage is full" message on the form, everything typed stays (in the form and in its draft),
// the records saved before are untouched, and once space is freed the same form saves.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createDatabase, memoryKeyValue, type AppDatabase } from '../../../../src/client/db';
import { route } from '../../../../src/client/ui/router';
import { quotaStorage, type QuotaSwitch } from '../../db/device-faults';
import { ACTOR, addGroup, addResident, renderField, ResidentsScreens, WARD_CODE } from '../residents/harness';

let db: AppDatabase;
let quota: QuotaSwitch;

beforeEach(async () => {
  route.value = { name: 'resident-new' };
  quota = quotaStorage(getRxStorageMemory());
  db = await createDatabase({
    storage: quota.storage,
    multiInstance: false,
    name: `quota${Math.random().toString(36).slice(2)}`,
    wardCode: WARD_CODE,
    actor: ACTOR,
  });
  await addGroup(db, 'to-1', 'Tổ 1');
});

afterEach(async () => {
  cleanup();
  await db.close();
});

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const names = async () => (await db.rx.residents.find().exec()).map((d) => d.fullName).sort();
const type = (label: string, value: string) => fireEvent.input(input(label), { target: { value } });

test('a full phone: the form says so, keeps what was typed, and saves once space is freed', async () => {
  const before = await addResident(db, { fullName: 'Đã Lưu Trước', birthYear: '1950' });
  const kv = memoryKeyValue();
  renderField(<ResidentsScreens />, { db, kv });
  await screen.findByRole('heading', { name: 'Thêm người dân' });
  fireEvent.click(screen.getByRole('checkbox', { name: 'Người dân đã đồng ý' }));
  fireEvent.click(screen.getByRole('radio', { name: 'Nói đồng ý' }));
  type('Họ và tên', 'Phạm Thị Mai');
  type('Năm sinh', '1949');
  fireEvent.click(screen.getByRole('radio', { name: 'Nữ' }));

  quota.full = true;
  fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
  expect(
    await screen.findByText('Bộ nhớ máy đã đầy, chưa lưu được. Hãy xoá bớt ảnh hoặc ứng dụng rồi thử lại.'),
  ).toBeTruthy();
  expect(route.value.name).toBe('resident-new');
  expect(input('Họ và tên').value).toBe('Phạm Thị Mai');
  expect(input('Năm sinh').value).toBe('1949');
  expect(quota.refused).toBeGreaterThan(0);

  // The draft survives leaving the form (or the app being closed) while the phone is full.
  cleanup();
  renderField(<ResidentsScreens />, { db, kv });
  expect(await screen.findByText('Đã mở lại thông tin đang nhập dở.')).toBeTruthy();
  expect(input('Họ và tên').value).toBe('Phạm Thị Mai');

  // The outbox is intact: the earlier record is still there, unchanged, and nothing half-saved.
  quota.full = false;
  expect(await names()).toEqual(['Đã Lưu Trước']);
  expect((await db.residents.get(before))?.fullName).toBe('Đã Lưu Trước');

  fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
  await waitFor(() => expect(route.value.name).toBe('resident'));
  expect(await names()).toEqual(['Phạm Thị Mai', 'Đã Lưu Trước']);
});
