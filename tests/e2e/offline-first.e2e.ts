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
import { addResident, enrollOnPhone, rosterNames, unlock } from './phone';

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

/** The two residents this journey registers, as the roster shows them (the demo ward has others). */
async function listedNames(): Promise<string[]> {
  const hoa = await rosterNames(page, 'Nguyễn Thị Hoa');
  const binh = await rosterNames(page, 'Trần Văn Bình');
  return [...hoa, ...binh].filter((n) => n === 'Nguyễn Thị Hoa' || n === 'Trần Văn Bình');
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

  await addResident(page, { name: 'Nguyễn Thị Hoa', year: '1958', sex: 'Nữ', group: 'Tổ dân phố 1' });
  await addResident(page, { name: 'Trần Văn Bình', year: '1961', sex: 'Nam', group: 'Tổ dân phố 2' });
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
  await expect.poll(() => page.getByText('bản ghi đang chờ đồng bộ').count(), { timeout: 30_000 }).toBe(0);

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
  await page
    .getByText(/Đồng bộ lần cuối/)
    .first()
    .waitFor();
  expect(await page.getByText('bản ghi đang chờ đồng bộ').count()).toBe(0);
  expect(await serverDocs(server.url, 'residents', WARD, token)).toHaveLength(2);
});
