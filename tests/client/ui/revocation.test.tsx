// @vitest-environment happy-dom
// The ward revoked this device: a full-screen notice, then finishAccess (upload, report, erase). The
// device is erased only once the report reached the server; otherwise it waits for the network.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, expect, test, vi } from 'vitest';
import type { FinishAccessResult } from '../../../src/client/sync';
import { fakeSync, startApp, type HarnessOptions } from './app-harness';

let harness: Awaited<ReturnType<typeof startApp>> | null = null;

afterEach(async () => {
  cleanup();
  await Promise.all(harness?.databases.map((db) => db.close().catch(() => undefined)) ?? []);
  harness = null;
});

async function unlocked(sync: ReturnType<typeof fakeSync>, finishAccess: HarnessOptions['finishAccess']) {
  harness = await startApp({ enrolledWithPin: '482913', sync, ...(finishAccess ? { finishAccess } : {}) });
  fireEvent.input(screen.getByLabelText('Mã PIN'), { target: { value: '482913' } });
  fireEvent.click(screen.getByRole('button', { name: 'Mở khoá' }));
  await screen.findByRole('heading', { name: 'Người dân', level: 2 });
  await waitFor(() => expect(sync.controller.status.get()).toBeTruthy());
  return harness;
}

test('a revoked device shows the notice, erases after the report, and says how many records were lost', async () => {
  const sync = fakeSync({ waiting: 2 });
  const h = await unlocked(sync, async ({ erase }) => {
    await erase();
    return { ok: true, unsyncedCount: 2 };
  });
  act(() => sync.emit({ problem: 'revoked' }));
  expect(await screen.findByText('Đã xoá dữ liệu trên máy (2 bản ghi chưa gửi được).')).toBeTruthy();
  expect(screen.getByRole('button', { name: /nhập mã mời/ })).toBeTruthy();
  expect(await h.sessions.loadDevice()).toBeNull();
});

test('a retiring device says it is sending what is left before it erases', async () => {
  const sync = fakeSync({ waiting: 1 });
  let finish: (r: FinishAccessResult) => void = () => undefined;
  await unlocked(sync, () => new Promise((resolve) => (finish = resolve)));
  act(() => sync.emit({ problem: 'retiring' }));
  expect(await screen.findByRole('heading', { name: 'Thiết bị này đã được phường thu hồi' })).toBeTruthy();
  expect(screen.getByText(/đang gửi nốt dữ liệu lên máy chủ/)).toBeTruthy();
  expect(screen.queryByRole('heading', { name: 'Người dân', level: 2 })).toBeNull();
  await act(async () => finish({ ok: true, unsyncedCount: 0 }));
  expect(await screen.findByText('Đã xoá dữ liệu trên máy (0 bản ghi chưa gửi được).')).toBeTruthy();
});

test('when the report cannot reach the server nothing is erased, and it tries again when the network returns', async () => {
  const sync = fakeSync({ waiting: 3 });
  const erased = vi.fn();
  const answers: FinishAccessResult[] = [
    { ok: false, reason: 'unreachable' },
    { ok: true, unsyncedCount: 3 },
  ];
  const h = await unlocked(sync, async ({ erase }) => {
    const answer = answers.shift() ?? { ok: false, reason: 'unreachable' };
    if (answer.ok) {
      erased();
      await erase();
    }
    return answer;
  });
  act(() => sync.emit({ problem: 'revoked' }));
  expect(await screen.findByText(/Cần có mạng để hoàn tất/)).toBeTruthy();
  expect(erased).not.toHaveBeenCalled();
  expect(await h.sessions.loadDevice()).not.toBeNull();

  act(() => h.goOnline());
  expect(await screen.findByText('Đã xoá dữ liệu trên máy (3 bản ghi chưa gửi được).')).toBeTruthy();
  expect(erased).toHaveBeenCalledTimes(1);
});

test('the revocation notice covers the lock screen too (a lost phone erases itself without its PIN)', async () => {
  const sync = fakeSync();
  harness = await startApp({
    enrolledWithPin: '482913',
    sync,
    finishAccess: () => new Promise(() => undefined),
  });
  await waitFor(() => expect(harness?.databases).toHaveLength(1));
  await waitFor(() => expect(screen.getByLabelText('Mã PIN')).toBeTruthy());
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
    sync.emit({ problem: 'revoked' });
  });
  expect(await screen.findByRole('heading', { name: 'Thiết bị này đã được phường thu hồi' })).toBeTruthy();
  expect(screen.queryByLabelText('Mã PIN')).toBeNull();
});
