// @vitest-environment happy-dom
// The PIN lock: a wrong PIN is refused, the right one opens the field app; five minutes without
// interaction lock it again, hiding the data but keeping a half-typed form.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, expect, test, vi } from 'vitest';
import { EMPTY_RESIDENT_DRAFT, memoryKeyValue } from '../../../src/client/db';
import { navigate } from '../../../src/client/ui/router';
import { createPinLock, createSessionStore, saveNewPin } from '../../../src/client/session';
import { LockScreen } from '../../../src/client/ui/lock-screen';
import { startApp } from './app-harness';
import { addGroup } from './helpers';

const PIN = '482913';
let harness: Awaited<ReturnType<typeof startApp>> | null = null;

afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  await Promise.all(harness?.databases.map((db) => db.close().catch(() => undefined)) ?? []);
  harness = null;
});

const unlockWith = (pin: string) => {
  fireEvent.input(screen.getByLabelText('Mã PIN'), { target: { value: pin } });
  fireEvent.click(screen.getByRole('button', { name: 'Mở khoá' }));
};

test('a wrong PIN is refused with a message and the right PIN opens the field app', async () => {
  harness = await startApp({ enrolledWithPin: PIN });
  unlockWith('111112');
  expect(await screen.findByText('Mã PIN không đúng.')).toBeTruthy();
  expect(screen.queryByRole('heading', { name: 'Người dân', level: 2 })).toBeNull();
  unlockWith(PIN);
  expect(await screen.findByRole('heading', { name: 'Người dân', level: 2 })).toBeTruthy();
  expect(screen.getByText('Phường Hồng An')).toBeTruthy();
  expect(screen.queryByLabelText('Mã PIN')).toBeNull();
});

test('after five wrong PINs the lock screen counts down the wait and refuses meanwhile', async () => {
  const sessions = createSessionStore(memoryKeyValue());
  await saveNewPin(sessions, PIN, { iterations: 1000 });
  const lock = createPinLock(sessions);
  for (let i = 0; i < 4; i++) await lock.unlock('000001');
  render(<LockScreen pinLock={lock} onUnlocked={vi.fn()} />);
  unlockWith('000002');
  expect(await screen.findByText('Nhập sai nhiều lần. Hãy chờ 30 giây rồi thử lại.')).toBeTruthy();
  expect((screen.getByRole('button', { name: 'Mở khoá' }) as HTMLButtonElement).disabled).toBe(true);
  expect(await screen.findByText(/Hãy chờ 29 giây/, undefined, { timeout: 2000 })).toBeTruthy();
});

test('five minutes without interaction hides the data behind the lock, and unlocking keeps the half-typed form', async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  harness = await startApp({ enrolledWithPin: PIN });
  unlockWith(PIN);
  await screen.findByRole('heading', { name: 'Người dân', level: 2 });
  await waitFor(() => expect(harness?.databases).toHaveLength(1));
  const db = harness.databases[0]!;
  await addGroup(db, 'to-1', 'Tổ 1');
  await db.residents.add({
    ...EMPTY_RESIDENT_DRAFT,
    fullName: 'Lê Văn Tám',
    birthYear: '1950',
    sex: 'male',
    groupId: 'to-1',
    consent: { registration: true, contact: false, method: 'verbal', date: '' },
  });
  expect(await screen.findByText('Lê Văn Tám')).toBeTruthy();
  act(() => navigate({ name: 'resident-new' }));
  fireEvent.click(await screen.findByLabelText('Người dân đã đồng ý'));
  fireEvent.input(await screen.findByLabelText('Họ và tên'), { target: { value: 'Phạm Thị Bưởi' } });

  act(() => {
    vi.advanceTimersByTime(5 * 60 * 1000);
  });

  expect(screen.getByRole('heading', { name: 'Nhập mã PIN để mở' })).toBeTruthy();
  expect(screen.queryByText('Lê Văn Tám')).toBeNull();
  expect(screen.queryByRole('textbox', { name: 'Họ và tên' })).toBeNull();

  unlockWith(PIN);
  expect(((await screen.findByLabelText('Họ và tên')) as HTMLInputElement).value).toBe('Phạm Thị Bưởi');
});

test('"Khoá ứng dụng" locks at once', async () => {
  harness = await startApp({ enrolledWithPin: PIN });
  unlockWith(PIN);
  fireEvent.click(await screen.findByRole('link', { name: 'Tài khoản' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Khoá ứng dụng' }));
  expect(screen.getByRole('heading', { name: 'Nhập mã PIN để mở' })).toBeTruthy();
});
