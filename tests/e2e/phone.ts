// What a volunteer does on the phone, as e2e steps shared by the journeys.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

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
    await expect.poll(() => page.getByLabel('Mã mời', { exact: true }).inputValue()).toBe(code);
  }
  await page.getByRole('button', { name: 'Kích hoạt' }).click();
  await page.getByLabel('Mã PIN mới (6 chữ số)').fill(pin);
  await page.getByLabel('Nhập lại mã PIN').fill(pin);
  await page.getByRole('button', { name: 'Lưu mã PIN' }).click();
  // The field app is ready: the service worker controls the page and the groups have arrived.
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 60_000,
  });
  await expect
    .poll(() => page.getByLabel('Tổ dân phố').locator('option').count(), { timeout: 30_000 })
    .toBeGreaterThan(1);
}

export async function unlock(page: Page, pin: string): Promise<void> {
  await page.getByLabel('Mã PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Mở khoá' }).click();
  await page.getByLabel('Họ và tên').waitFor();
}

export async function addResident(
  page: Page,
  name: string,
  year: string,
  sex: 'Nữ' | 'Nam',
  group: string,
): Promise<void> {
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Năm sinh').fill(year);
  await page.getByLabel(sex, { exact: true }).check();
  await page.getByLabel('Tổ dân phố').selectOption({ label: group });
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.getByText(`Đã lưu trên máy: ${name}.`).waitFor();
}
