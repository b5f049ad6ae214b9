// @vitest-environment happy-dom
// The first screen follows what the browser holds: nothing → the two choices; an enrollment link →
// the code filled in; an enrolled device → the PIN lock, with no data shown.
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, expect, test } from 'vitest';
import { startApp } from './app-harness';

let closeDbs: () => Promise<void> = async () => undefined;

afterEach(async () => {
  cleanup();
  await closeDbs();
  closeDbs = async () => undefined;
});

test('with nothing stored the app offers the volunteer and the officer paths', async () => {
  const { app } = await startApp();
  expect(
    screen.getByRole('button', { name: 'Tôi là tình nguyện viên / tổ trưởng — nhập mã mời' }),
  ).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Cán bộ phường — đăng nhập' })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: /nhập mã mời/ }));
  expect(await screen.findByRole('textbox', { name: 'Mã mời' })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Quay lại' }));
  expect(app.screen.value.kind).toBe('start');
});

test('opened through the QR code link, enrollment starts with the code filled in', async () => {
  await startApp({ enrollCode: 'ABCDEF23' });
  const code = screen.getByRole('textbox', { name: 'Mã mời' }) as HTMLInputElement;
  expect(code.value).toBe('ABCD-EF23');
});

test('an enrolled device opens on the PIN lock without showing any data, and the update prompt still shows', async () => {
  const h = await startApp({ enrolledWithPin: '482913' });
  closeDbs = async () => Promise.all(h.databases.map((db) => db.close())).then(() => undefined);
  expect(screen.getByRole('heading', { name: 'Nhập mã PIN để mở' })).toBeTruthy();
  expect(screen.queryByRole('heading', { name: 'Người dân', level: 2 })).toBeNull();
  expect(screen.queryByText('Phường Hồng An')).toBeNull();
  act(() => {
    (h.app.update.needRefresh as { value: boolean }).value = true;
  });
  expect(screen.getByRole('button', { name: 'Cập nhật' })).toBeTruthy();
});
