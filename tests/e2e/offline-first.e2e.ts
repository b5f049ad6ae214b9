// The walking skeleton, as a volunteer lives it: open the app, lose the signal, reload, register two
// residents, get the signal back — the server holds exactly those two, and the phone still has them.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, launchChromium, serverDocs, startServer, type RunningServer } from '../helpers/e2e';

const WARD = '99999';
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function addResident(name: string, year: string, sex: 'Nữ' | 'Nam', group: string): Promise<void> {
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Năm sinh').fill(year);
  await page.getByLabel(sex, { exact: true }).check();
  await page.getByLabel('Tổ dân phố').selectOption({ label: group });
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.getByText(`Đã lưu trên máy: ${name}.`).waitFor();
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `test-results/e2e/${name}.png`, fullPage: true });
}

async function listedNames(): Promise<string[]> {
  return page.getByRole('listitem').locator('.resident-name').allInnerTexts();
}

test('residents registered offline reach the server exactly once and stay on the device', async () => {
  await page.goto(server.url);
  // First visit online: the service worker installs and takes control; the ward's groups arrive.
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 60_000,
  });
  await expect
    .poll(() => page.getByLabel('Tổ dân phố').locator('option').count(), { timeout: 30_000 })
    .toBeGreaterThan(5);

  await context.setOffline(true);
  await page.reload();
  await page.getByText('Ngoại tuyến').first().waitFor();

  await addResident('Nguyễn Thị Hoa', '1958', 'Nữ', 'Tổ dân phố 1');
  await addResident('Trần Văn Bình', '1961', 'Nam', 'Tổ dân phố 2');
  await page.getByText('2 bản ghi đang chờ đồng bộ').waitFor();
  await shot('offline-two-waiting');
  expect(await serverDocs(server.url, 'residents', WARD)).toEqual([]);

  await context.setOffline(false);
  const onServer = await eventually(
    () => serverDocs(server.url, 'residents', WARD),
    (docs) => docs.length >= 2,
  );
  expect(onServer.map((d) => d['fullName']).sort()).toEqual(['Nguyễn Thị Hoa', 'Trần Văn Bình']);
  expect(onServer.map((d) => d['groupId']).sort()).toEqual(['tdp-01', 'tdp-02']);
  await page.getByText('Tất cả đã gửi lên máy chủ.').waitFor();

  // Reload with no network at all: what the list shows can only come from the device.
  await context.setOffline(true);
  await page.reload();
  await page.getByText('Ngoại tuyến').first().waitFor();
  await shot('offline-reload-before-list');
  await expect
    .poll(listedNames, { timeout: 20_000 })
    .toEqual(expect.arrayContaining(['Nguyễn Thị Hoa', 'Trần Văn Bình']));
  expect(await listedNames()).toHaveLength(2);
  await shot('offline-reload-still-on-device');

  // And once more online: nothing was sent twice.
  await context.setOffline(false);
  await page.reload();
  await page.getByText('Tất cả đã gửi lên máy chủ.').waitFor();
  expect(await serverDocs(server.url, 'residents', WARD)).toHaveLength(2);
});
