// The walking skeleton, as a volunteer lives it: enroll, lose the signal, reload, unlock, register two
// residents, get the signal back — the server holds exactly those two, and the phone still has them.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  eventually,
  invite,
  launchChromium,
  officerToken,
  serverDocs,
  startServer,
  type RunningServer,
} from '../helpers/e2e';
import { addResident, enrollOnPhone, unlock } from './phone';

const WARD = '99999';
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
const PIN = '135792';

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

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `test-results/e2e/${name}.png`, fullPage: true });
}

async function listedNames(): Promise<string[]> {
  return page.getByRole('listitem').locator('.resident-name').allInnerTexts();
}

test('residents registered offline reach the server exactly once and stay on the device', async () => {
  // First visit online: the volunteer enrolls with an invitation (volunteer for groups 1 and 2),
  // the service worker takes control and the groups arrive.
  token = await officerToken(server.url);
  const code = await invite(server.url, token, WARD, {
    fullName: 'Phạm Thị Thu',
    role: 'volunteer',
    groupIds: ['tdp-01', 'tdp-02'],
  });
  await enrollOnPhone(page, server.url, code, PIN, { typeCode: true });

  await context.setOffline(true);
  await page.reload();
  await unlock(page, PIN);
  await page.getByText('Ngoại tuyến').first().waitFor();

  await addResident(page, 'Nguyễn Thị Hoa', '1958', 'Nữ', 'Tổ dân phố 1');
  await addResident(page, 'Trần Văn Bình', '1961', 'Nam', 'Tổ dân phố 2');
  await page.getByText('2 bản ghi đang chờ đồng bộ').waitFor();
  await shot('offline-two-waiting');
  expect(await serverDocs(server.url, 'residents', WARD, token)).toEqual([]);

  await context.setOffline(false);
  const onServer = await eventually(
    () => serverDocs(server.url, 'residents', WARD, token),
    (docs) => docs.length >= 2,
  );
  expect(onServer.map((d) => d['fullName']).sort()).toEqual(['Nguyễn Thị Hoa', 'Trần Văn Bình']);
  expect(onServer.map((d) => d['groupId']).sort()).toEqual(['tdp-01', 'tdp-02']);
  await page.getByText('Tất cả đã gửi lên máy chủ.').waitFor();

  // Reload with no network at all: what the list shows can only come from the device.
  await context.setOffline(true);
  await page.reload();
  await unlock(page, PIN);
  await page.getByText('Ngoại tuyến').first().waitFor();
  await expect
    .poll(listedNames, { timeout: 20_000 })
    .toEqual(expect.arrayContaining(['Nguyễn Thị Hoa', 'Trần Văn Bình']));
  expect(await listedNames()).toHaveLength(2);
  await shot('offline-reload-still-on-device');

  // And once more online: nothing was sent twice.
  await context.setOffline(false);
  await page.reload();
  await unlock(page, PIN);
  await page.getByText('Tất cả đã gửi lên máy chủ.').waitFor();
  expect(await serverDocs(server.url, 'residents', WARD, token)).toHaveLength(2);
});
