// @vitest-environment happy-dom
// "Sign out and erase this device": refused by default while records wait for the server; erasing
// stops sync and removes the database, the settings and the session, then shows the start screen.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { EraseDevice } from '../../../src/client/ui/erase-device';
import { fakeSync, startApp } from './app-harness';

afterEach(cleanup);

const eraseButton = () => screen.getByRole('button', { name: 'Xoá và đăng xuất' }) as HTMLButtonElement;

describe('the erase dialog', () => {
  test('with 3 records unsynced the erase button stays disabled until the box naming 3 is ticked', () => {
    const onErase = vi.fn(async () => undefined);
    render(<EraseDevice waiting={3} onErase={onErase} onCancel={vi.fn()} />);
    expect(
      screen.getByText('Còn 3 bản ghi chưa gửi lên máy chủ. Nếu xoá bây giờ, chúng sẽ mất.'),
    ).toBeTruthy();
    expect(eraseButton().disabled).toBe(true);
    fireEvent.click(eraseButton());
    expect(onErase).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Tôi hiểu 3 bản ghi sẽ bị mất' }));
    expect(eraseButton().disabled).toBe(false);
    fireEvent.click(eraseButton());
    expect(onErase).toHaveBeenCalledTimes(1);
  });

  test('with nothing unsynced it is a plain confirmation, and cancel is focused first', () => {
    const onErase = vi.fn(async () => undefined);
    const onCancel = vi.fn();
    render(<EraseDevice waiting={0} onErase={onErase} onCancel={onCancel} />);
    expect(screen.getByRole('dialog', { name: 'Đăng xuất và xoá dữ liệu trên máy này?' })).toBeTruthy();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Huỷ' }));
    expect(eraseButton().disabled).toBe(false);
    fireEvent.click(eraseButton());
    expect(onErase).toHaveBeenCalledTimes(1);
  });

  test('a tick for 3 records is asked for again if more records become at risk', () => {
    const view = render(<EraseDevice waiting={3} onErase={vi.fn()} onCancel={vi.fn()} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Tôi hiểu 3 bản ghi sẽ bị mất' }));
    view.rerender(<EraseDevice waiting={4} onErase={vi.fn()} onCancel={vi.fn()} />);
    expect(eraseButton().disabled).toBe(true);
    expect(
      (screen.getByRole('checkbox', { name: 'Tôi hiểu 4 bản ghi sẽ bị mất' }) as HTMLInputElement).checked,
    ).toBe(false);
  });
});

test('erasing from the field app stops sync, erases everything but the language, and returns to the start screen', async () => {
  const sync = fakeSync({ waiting: 2 });
  const h = await startApp({
    enrolledWithPin: '482913',
    sync,
    routes: { 'POST /v1/auth/device/erased': {} },
  });
  await h.settings.set('locale', 'vi');
  await h.settings.set('lastSyncedAt', '2026-11-03T08:00:00.000Z');
  fireEvent.input(screen.getByLabelText('Mã PIN'), { target: { value: '482913' } });
  fireEvent.click(screen.getByRole('button', { name: 'Mở khoá' }));
  await waitFor(() => expect(h.databases).toHaveLength(1));

  fireEvent.click(await screen.findByRole('link', { name: 'Tài khoản' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Đăng xuất và xoá dữ liệu trên máy' }));
  fireEvent.click(await screen.findByRole('checkbox', { name: 'Tôi hiểu 2 bản ghi sẽ bị mất' }));
  fireEvent.click(eraseButton());

  expect(await screen.findByText('Đã xoá dữ liệu và đăng xuất khỏi máy này.')).toBeTruthy();
  expect(sync.controller.stop).toHaveBeenCalled();
  expect(h.databases[0]?.rx.closed).toBe(true);
  expect(await h.sessions.loadDevice()).toBeNull();
  expect(await h.sessions.loadPinVerifier()).toBeNull();
  expect(await h.settings.get('lastSyncedAt')).toBeUndefined();
  expect(await h.settings.get('locale')).toBe('vi');
});
