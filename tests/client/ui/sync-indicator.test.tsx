// @vitest-environment happy-dom
// The sync indicator, driven by a hand-made status source (the `status` part of SyncController).
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, expect, test, vi } from 'vitest';
import type { SyncStatus } from '../../../src/client/sync';
import { SyncIndicator } from '../../../src/client/ui/sync-indicator';

afterEach(cleanup);

const BASE: SyncStatus = {
  online: true,
  syncing: false,
  waiting: 0,
  needsAttention: 0,
  lastSyncedAt: null,
  problem: null,
};

function fakeSync(initial: Partial<SyncStatus>) {
  let current: SyncStatus = { ...BASE, ...initial };
  const listeners = new Set<(s: SyncStatus) => void>();
  return {
    status: {
      get: () => current,
      subscribe(onChange: (s: SyncStatus) => void) {
        listeners.add(onChange);
        onChange(current);
        return () => listeners.delete(onChange);
      },
    },
    syncNow: vi.fn(),
    emit(patch: Partial<SyncStatus>) {
      current = { ...current, ...patch };
      act(() => listeners.forEach((l) => l(current)));
    },
  };
}

const statusText = () => screen.getByRole('status').textContent ?? '';

test('offline with records waiting and no sync yet says so', () => {
  render(<SyncIndicator sync={fakeSync({ online: false, waiting: 3 })} />);
  expect(statusText()).toContain('Ngoại tuyến');
  expect(statusText()).toContain('3 bản ghi đang chờ đồng bộ');
  expect(statusText()).toContain('Chưa đồng bộ lần nào');
  expect(screen.queryByRole('button', { name: 'Đồng bộ ngay' })).toBeNull();
});

test('after a sync the indicator shows the time as dd/mm/yyyy HH:mm and nothing waiting', () => {
  const sync = fakeSync({ online: false, waiting: 2 });
  render(<SyncIndicator sync={sync} />);
  sync.emit({ online: true, waiting: 0, lastSyncedAt: new Date(2026, 10, 3, 7, 5).toISOString() });
  expect(statusText()).toContain('Đồng bộ lần cuối: 03/11/2026 07:05');
  expect(statusText()).not.toContain('đang chờ đồng bộ');
  expect(statusText()).not.toContain('Ngoại tuyến');
});

test('a too-old app is told to update, and refused records are counted', () => {
  render(<SyncIndicator sync={fakeSync({ problem: 'client_too_old', needsAttention: 2 })} />);
  expect(statusText()).toContain('Ứng dụng đã cũ, hãy cập nhật');
  expect(statusText()).toContain('2 bản ghi bị máy chủ từ chối');
});

test('"Đồng bộ ngay" asks the controller to sync', () => {
  const sync = fakeSync({});
  render(<SyncIndicator sync={sync} />);
  fireEvent.click(screen.getByRole('button', { name: 'Đồng bộ ngay' }));
  expect(sync.syncNow).toHaveBeenCalledTimes(1);
});

test('before sync has started the indicator says it is getting ready, without a button', () => {
  render(<SyncIndicator sync={null} />);
  expect(statusText()).toContain('Đang chuẩn bị đồng bộ');
  expect(screen.queryByRole('button')).toBeNull();
});
