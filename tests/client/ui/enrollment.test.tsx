// @vitest-environment happy-dom
// Enrollment: the invitation code (checked before any request), the server's answer, then the PIN.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, test } from 'vitest';
import { verifyPin } from '../../../src/client/session/pin';
import { startApp } from './app-harness';
import { DEVICE_ID, DEVICE_TOKEN, failure, VOLUNTEER, WARD, type Route } from './fake-server';

const ENROLLED: Route = {
  body: { deviceId: DEVICE_ID, deviceToken: DEVICE_TOKEN, account: VOLUNTEER, ward: WARD },
};

let harness: Awaited<ReturnType<typeof startApp>> | null = null;

afterEach(async () => {
  cleanup();
  await Promise.all(harness?.databases.map((db) => db.close().catch(() => undefined)) ?? []);
  harness = null;
});

async function enrollWith(code: string, enroll: Route) {
  harness = await startApp({ routes: { 'POST /v1/auth/enroll': enroll } });
  fireEvent.click(screen.getByRole('button', { name: /nhập mã mời/ }));
  fireEvent.input(screen.getByRole('textbox', { name: 'Mã mời' }), { target: { value: code } });
  fireEvent.click(screen.getByRole('button', { name: 'Kích hoạt' }));
  return harness;
}

const choosePin = (pin: string, again: string) => {
  fireEvent.input(screen.getByLabelText('Mã PIN mới (6 chữ số)'), { target: { value: pin } });
  fireEvent.input(screen.getByLabelText('Nhập lại mã PIN'), { target: { value: again } });
  fireEvent.click(screen.getByRole('button', { name: 'Lưu mã PIN' }));
};

describe('the invitation code', () => {
  test('a malformed code is explained in Vietnamese and nothing is sent', async () => {
    const h = await enrollWith('ABC-12', ENROLLED);
    expect(await screen.findByText(/Mã mời gồm 8 chữ và số/)).toBeTruthy();
    expect(h.server.calls).toEqual([]);
    expect(screen.getByRole('textbox', { name: 'Mã mời' }).getAttribute('aria-invalid')).toBe('true');
  });

  test('an unknown, used or expired code gets the Vietnamese explanation', async () => {
    await enrollWith('ABCD-EF23', failure(400, 'invitation_invalid'));
    expect(
      await screen.findByText('Mã mời không đúng, đã dùng hoặc đã hết hạn. Hãy xin cán bộ phường mã mới.'),
    ).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Mã mời' }) as HTMLInputElement).value).toBe('ABCD-EF23');
  });

  test('too many attempts say how long to wait, and no network says the first activation needs it', async () => {
    await enrollWith('ABCD-EF23', failure(429, 'rate_limited', { 'retry-after': '42' }));
    expect(await screen.findByText('Thử lại sau 42 giây.')).toBeTruthy();
    cleanup();
    await enrollWith('ABCD-EF23', 'offline');
    expect(await screen.findByText(/Cần có mạng để kích hoạt lần đầu/)).toBeTruthy();
  });

  test('a code typed in lowercase with spaces is sent in its canonical form with the app version', async () => {
    const h = await enrollWith(' abcd ef23 ', ENROLLED);
    expect(
      await screen.findByRole('heading', { name: 'Xin chào, Nguyễn Thị Lan — Phường Hồng An' }),
    ).toBeTruthy();
    expect(h.server.calls[0]?.body).toMatchObject({ code: 'ABCDEF23', appVersion: 'test' });
  });
});

describe('choosing the PIN', () => {
  test('two different PINs are refused with a message', async () => {
    await enrollWith('ABCDEF23', ENROLLED);
    await screen.findByLabelText('Mã PIN mới (6 chữ số)');
    choosePin('482913', '482931');
    expect(await screen.findByText('Hai lần nhập không giống nhau. Hãy nhập lại.')).toBeTruthy();
    expect(await harness?.sessions.loadPinVerifier()).toBeNull();
  });

  test('a trivial PIN such as 123456 is refused', async () => {
    await enrollWith('ABCDEF23', ENROLLED);
    await screen.findByLabelText('Mã PIN mới (6 chữ số)');
    choosePin('123456', '123456');
    expect(await screen.findByText(/Mã PIN này dễ đoán quá/)).toBeTruthy();
    choosePin('000000', '000000');
    expect(await screen.findByText(/Mã PIN này dễ đoán quá/)).toBeTruthy();
  });

  test('a good PIN opens the field app; the stored session holds the token and never the PIN', async () => {
    const h = await enrollWith('ABCDEF23', ENROLLED);
    await screen.findByLabelText('Mã PIN mới (6 chữ số)');
    const pinField = screen.getByLabelText('Mã PIN mới (6 chữ số)');
    expect(pinField.getAttribute('inputmode')).toBe('numeric');
    expect(pinField.getAttribute('autocomplete')).toBe('off');
    choosePin('482913', '482913');
    expect(
      await screen.findByRole('heading', { name: 'Người dân', level: 2 }, { timeout: 5000 }),
    ).toBeTruthy();

    const session = await h.sessions.loadDevice();
    expect(session).toEqual({
      deviceId: DEVICE_ID,
      deviceToken: DEVICE_TOKEN,
      account: VOLUNTEER,
      ward: WARD,
    });
    expect(JSON.stringify(session)).not.toMatch(/482913|pin/i);
    const verifier = await h.sessions.loadPinVerifier();
    expect(verifier && (await verifyPin('482913', verifier))).toBe(true);
    expect(h.settings.dump()).not.toContain('482913');
    await waitFor(() => expect(h.databases).toHaveLength(1));
  });
});
