// @vitest-environment happy-dom
// The printable consent text (docs/privacy.md C3): every wording version, the one in use first, in
// Vietnamese (English below it when the screen is in English), a print button; reachable at #/consent
// and from the account screen.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { DeviceSession } from '../../../src/client/session';
import { AccountPanel } from '../../../src/client/ui/account-panel';
import { ConsentText } from '../../../src/client/ui/consent/consent-text';
import { locale } from '../../../src/client/ui/i18n';
import { parseRoute, pathOf, route } from '../../../src/client/ui/router';
import { CONSENT_WORDINGS } from '../../../src/shared';

afterEach(() => {
  cleanup();
  locale.value = 'vi';
  vi.unstubAllGlobals();
});

const V1_REGISTRATION_VI = CONSENT_WORDINGS.find((w) => w.version === 'v1')!.text.registration.vi;

describe('the consent text', () => {
  test('shows the v1 wording of each purpose in Vietnamese, with its adoption date, and no English', () => {
    render(<ConsentText />);
    expect(screen.getByRole('heading', { name: 'Văn bản đồng ý' })).toBeTruthy();
    const v1 = screen.getByRole('article', { name: 'Phiên bản v1 (đang dùng)' });
    expect(within(v1).getByText('Áp dụng từ ngày 01/01/2026')).toBeTruthy();
    expect(within(v1).getByText(V1_REGISTRATION_VI)).toBeTruthy();
    expect(
      within(v1).getByText(/Ông\/bà đồng ý để Tổ công nghệ số cộng đồng lưu số điện thoại của ông\/bà/),
    ).toBeTruthy();
    expect(
      within(v1).getByRole('heading', { name: 'Đồng ý ghi thông tin để hướng dẫn và thống kê' }),
    ).toBeTruthy();
    expect(within(v1).getByRole('heading', { name: 'Đồng ý lưu số điện thoại để liên hệ' })).toBeTruthy();
    expect(v1.textContent).not.toContain('You agree');
    expect(screen.getAllByRole('article')).toHaveLength(CONSENT_WORDINGS.length);
  });

  test('in English, the Vietnamese wording stays first and the English follows it', () => {
    locale.value = 'en';
    render(<ConsentText />);
    const v1 = screen.getByRole('article', { name: 'Version v1 (in use)' });
    const quotes = [...v1.querySelectorAll('blockquote')];
    expect(quotes.map((q) => q.getAttribute('lang'))).toEqual(['vi', 'en', 'vi', 'en']);
    expect(quotes[0]!.textContent).toBe(V1_REGISTRATION_VI);
    expect(quotes[1]!.textContent).toMatch(/^You agree that the community digital-tech team records/);
  });

  test('the print button prints the page', () => {
    const print = vi.fn();
    vi.stubGlobal('print', print); // happy-dom has no print dialog
    render(<ConsentText />);
    expect(print).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'In' }));
    expect(print).toHaveBeenCalledTimes(1);
  });
});

describe('reaching it on the phone', () => {
  test('#/consent is its address', () => {
    expect(parseRoute('#/consent')).toEqual({ name: 'consent' });
    expect(pathOf({ name: 'consent' })).toBe('/consent');
  });

  test('the account screen links to it', () => {
    const session = {
      deviceId: '3d1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5f',
      deviceToken: 't',
      account: {
        id: '2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        fullName: 'Nguyễn Thị Lan',
        role: 'volunteer',
        wardCode: '99999',
        groupIds: [],
      },
      ward: { code: '99999', name: 'Phường Hồng An', provinceCode: '31' },
    } satisfies DeviceSession;
    route.value = { name: 'account' };
    render(
      <AccountPanel
        session={session}
        sync={null}
        countAll={null}
        onLock={() => undefined}
        onErase={async () => undefined}
      />,
    );
    const link = screen.getByRole('link', { name: 'Xem văn bản đồng ý' });
    expect(link.getAttribute('href')).toBe('#/consent');
    fireEvent.click(link);
    expect(route.value).toEqual({ name: 'consent' });
  });
});
