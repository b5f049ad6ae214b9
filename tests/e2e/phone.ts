// What a volunteer does on the phone, as e2e steps shared by the journeys.
import type { Page } from 'playwright-core';

/** Polls until `ok` (plain, so the steps also run outside vitest — the bench scripts use them). */
async function until<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${String(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Goes to a field screen the way a person does: the bottom bar. */
export async function openTab(page: Page, tab: 'Người dân' | 'Buổi học' | 'Tổng hợp' | 'Tài khoản') {
  await page.getByRole('navigation', { name: 'Các mục chính' }).getByRole('link', { name: tab }).click();
}

/** Opens the app, enrolls with the code (typed, or through the QR link), chooses the PIN. */
export async function enrollOnPhone(
  page: Page,
  url: string,
  code: string,
  pin: string,
  how: { typeCode: boolean },
): Promise<void> {
  if (how.typeCode) {
    await page.goto(url);
    await page.getByRole('button', { name: /nhập mã mời/ }).click();
    await page.getByLabel('Mã mời', { exact: true }).fill(code.toLowerCase());
  } else {
    await page.goto(`${url}/?enroll=${code.replace('-', '')}`);
    await until(
      () => page.getByLabel('Mã mời', { exact: true }).inputValue(),
      (value) => value === code,
    );
  }
  await page.getByRole('button', { name: 'Kích hoạt' }).click();
  await page.getByLabel('Mã PIN mới (6 chữ số)').fill(pin);
  await page.getByLabel('Nhập lại mã PIN').fill(pin);
  await page.getByRole('button', { name: 'Lưu mã PIN' }).click();
  // The field app is ready: the service worker controls the page and the groups have arrived.
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 60_000,
  });
  await page.getByRole('link', { name: 'Thêm người dân' }).click();
  await page.getByLabel('Người dân đã đồng ý').check();
  // A group is offered (with one group the form preselects it and shows no placeholder option).
  await until(
    () => page.getByLabel('Tổ dân phố', { exact: true }).locator('option:not([value=""])').count(),
    (n) => n > 0,
    60_000,
  );
  await page.getByRole('button', { name: 'Huỷ, quay lại' }).click();
  await page.getByRole('heading', { name: 'Người dân', level: 2 }).waitFor();
}

export async function unlock(page: Page, pin: string): Promise<void> {
  await page.getByLabel('Mã PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Mở khoá' }).click();
  await page.getByRole('navigation', { name: 'Các mục chính' }).waitFor();
}

export interface NewResident {
  name: string;
  year: string;
  sex: 'Nữ' | 'Nam';
  group: string;
  /** Expect the "possible duplicate" warning and save anyway. */
  duplicate?: boolean;
}

/** Registers a resident from the roster: consent first, then the person; ends on their page. */
export async function addResident(page: Page, r: NewResident): Promise<void> {
  await openTab(page, 'Người dân');
  await page.getByRole('link', { name: 'Thêm người dân' }).click();
  await page.getByLabel('Người dân đã đồng ý').check();
  await page.getByLabel('Nói đồng ý').check();
  await page.getByLabel('Họ và tên').fill(r.name);
  await page.getByLabel('Năm sinh', { exact: true }).fill(r.year);
  await page.getByLabel(r.sex, { exact: true }).check();
  await page.getByLabel('Tổ dân phố', { exact: true }).selectOption({ label: r.group });
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  if (r.duplicate) {
    await page.getByText('Có thể người này đã được ghi').waitFor();
    await page.getByRole('button', { name: 'Vẫn lưu người mới' }).click();
  }
  await page.getByRole('heading', { name: r.name }).waitFor();
}

/** Names shown on the roster after a search (the roster shows the first page of matches). */
export async function rosterNames(page: Page, search: string): Promise<string[]> {
  await openTab(page, 'Người dân');
  await page.getByLabel('Tìm theo tên').fill(search);
  await page.waitForTimeout(100);
  const names = await page.locator('.roster-rows .resident-name').allTextContents();
  if (process.env.E2E_DEBUG) {
    await page.screenshot({ path: `test-results/e2e/debug-roster-${Date.now()}.png` });
    console.log('roster', search, names);
  }
  return names;
}

/** Logs a class with these attendees (found by a search that matches them all). */
export async function logSession(
  page: Page,
  place: string,
  search: string,
  attendees: number,
): Promise<void> {
  await openTab(page, 'Buổi học');
  await page.getByRole('link', { name: /Ghi buổi hướng dẫn/ }).click();
  await page.getByLabel('Địa điểm').fill(place);
  await page.getByLabel('Lớp học tại nhà văn hoá').check();
  await page.getByRole('checkbox', { name: /Thanh toán trực tuyến/ }).check();
  await page.getByLabel('Tìm người theo tên').fill(search);
  const boxes = page.getByRole('checkbox', { name: new RegExp(`^${search}`) });
  await until(
    () => boxes.count(),
    (n) => n === attendees,
  );
  for (let i = 0; i < attendees; i += 1) await boxes.nth(i).check();
  await page.getByRole('button', { name: 'Lưu buổi hướng dẫn' }).click();
  await page.getByText('Đã lưu trên máy.').waitFor();
}
