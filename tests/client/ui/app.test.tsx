// @vitest-environment happy-dom
// The app shell: first-run ward screens, and the working screen before sync has started.
import { signal } from '@preact/signals';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, expect, test, vi } from 'vitest';
import { memoryKeyValue, type AppDatabase } from '../../../src/client/db';
import { App } from '../../../src/client/ui/app';
import { createScreenSignals, type AppModel } from '../../../src/client/ui/app-state';
import { addGroup, openTestDatabase } from './helpers';

let db: AppDatabase | undefined;

afterEach(async () => {
  cleanup();
  await db?.close();
  db = undefined;
});

function makeModel(): AppModel {
  return {
    ...createScreenSignals(),
    kv: memoryKeyValue(),
    update: { needRefresh: signal(false), apply: vi.fn() },
    chooseWard: vi.fn(),
    retryWards: vi.fn(),
  };
}

test('without a ward and without network the app says the network is needed once, with a retry', () => {
  const model = makeModel();
  model.screen.value = { kind: 'needs-network' };
  render(<App model={model} />);
  expect(screen.getByText('Cần kết nối mạng một lần để tải dữ liệu phường.')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Thử lại' }));
  expect(model.retryWards).toHaveBeenCalledTimes(1);
});

test('with several wards the volunteer picks one', () => {
  const model = makeModel();
  const wards = [
    { code: '11111', name: 'Phường Hồng An' },
    { code: '22222', name: 'Phường Lê Chân' },
  ];
  model.screen.value = { kind: 'choose-ward', wards };
  render(<App model={model} />);
  fireEvent.click(screen.getByRole('button', { name: 'Phường Lê Chân' }));
  expect(model.chooseWard).toHaveBeenCalledWith(wards[1]);
});

test('the working screen shows the ward and the form before sync has started, and the update prompt when one waits', async () => {
  db = await openTestDatabase();
  await addGroup(db, 'to-1', 'Tổ 1');
  const model = makeModel();
  const needRefresh = signal(false);
  model.update = { needRefresh, apply: vi.fn() };
  model.screen.value = { kind: 'ready', ward: { code: '99999', name: 'Phường Hồng An' }, db };
  render(<App model={model} />);
  expect(screen.getByText('Phường Hồng An')).toBeTruthy();
  expect(screen.getByText('Đang chuẩn bị đồng bộ…')).toBeTruthy();
  expect(await screen.findByRole('combobox', { name: 'Tổ dân phố' })).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Cập nhật' })).toBeNull();

  act(() => {
    needRefresh.value = true;
  });
  fireEvent.click(screen.getByRole('button', { name: 'Cập nhật' }));
  expect(model.update.apply).toHaveBeenCalledTimes(1);
});
