// The field app as a group leader lives it, offline from start to finish after enrollment: register three
// residents (one a near-duplicate, warned), log a session with two attendees and two skills, record a
// VNeID confirmation, watch the group tally move, reload offline and find everything, then reconnect and
// find it on the server. Screens are photographed at 360×740 and checked with axe-core on the way.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { unsyncedExportSchema } from '../../src/shared';
import { seriousA11yProblems, type AxeProblem } from '../helpers/axe';
import {
  eventually,
  invite,
  launchChromium,
  officerToken,
  serverDocs,
  startServer,
  type RunningServer,
} from '../helpers/e2e';
import { addResident, enrollOnPhone, openTab, unlock } from './phone';

const WARD = '99999';
const GROUP = 'Tổ dân phố 4';
const PIN = '975310';
const A = 'Lê Văn Tám';
const B = 'Ngô Thị Lụa';
const C = 'LÊ VĂN TÂM'; // the same name and year as A, typed in capitals: a possible duplicate

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const a11y: { screen: string; problems: AxeProblem[] }[] = [];
const network: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  page = await context.newPage();
  // Diagnostics kept with the screenshots: failed requests and error answers, with the time.
  const note = (line: string) => network.push(`${new Date().toISOString()} ${line}`);
  page.on('requestfailed', (r) => note(`FAILED ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => r.status() >= 400 && note(`${r.status()} ${r.request().method()} ${r.url()}`));
  page.on('pageerror', (e) => note(`PAGE ERROR ${e.message}`));
});

afterAll(async () => {
  await writeFile('test-results/e2e/field-network.log', network.join('\n') + '\n').catch(() => undefined);
  // Anything that is not the deliberate offline stretch is printed, so a CI failure explains itself.
  // (A live-update stream cut by a reload or by going offline is expected too.)
  const unexpected = network.filter(
    (line) => !line.includes('ERR_INTERNET_DISCONNECTED') && !/\/v1\/sync\/events.*ERR_ABORTED/.test(line),
  );
  if (unexpected.length > 0)
    console.log(`field journey, unexpected network:\n${unexpected.slice(0, 40).join('\n')}`);
  await browser?.close();
  await server?.stop();
});

/** Screenshot of what the phone shows (kept as a CI artifact) and an accessibility check of it. */
async function look(name: string): Promise<void> {
  await page.screenshot({ path: `test-results/e2e/field-${name}.png` });
  a11y.push({ screen: name, problems: await seriousA11yProblems(page) });
}

interface Tally {
  registered: number;
  k: number;
  v: number;
}

const firstNumber = (text: string) => Number(/\d[\d.]*/.exec(text)?.[0]?.replace(/\./g, '') ?? NaN);

async function readTally(): Promise<Tally> {
  await openTab(page, 'Tổng hợp');
  await page.locator('.indicator-k .indicator-count').waitFor();
  return {
    registered: firstNumber(await page.getByText(/Người trưởng thành đã đăng ký:/).innerText()),
    k: firstNumber(await page.locator('.indicator-k .indicator-count').innerText()),
    v: firstNumber(await page.locator('.indicator-v .indicator-count').innerText()),
  };
}

async function openResident(name: string): Promise<void> {
  await openTab(page, 'Người dân');
  await page.getByLabel('Tìm theo tên').fill(name);
  await page.locator('.roster-rows .resident-name', { hasText: new RegExp(`^${name}$`) }).click();
  await page.getByRole('heading', { name }).waitFor();
}

test('a leader records residents, a session and a VNeID confirmation offline; the tally follows; all reaches the server', async () => {
  const token = await officerToken(server.url);
  const code = await invite(server.url, token, WARD, {
    fullName: 'Vũ Thị Lan',
    role: 'leader',
    groupIds: ['tdp-04'],
  });
  await enrollOnPhone(page, server.url, code, PIN, { typeCode: true });
  // Let the demo ward's records for the group arrive while there is a signal.
  await page
    .getByText(/Đồng bộ lần cuối/)
    .first()
    .waitFor({ timeout: 30_000 });
  await page.locator('.roster-rows .resident-name').first().waitFor({ timeout: 30_000 });

  // From here on, no signal at all.
  await context.setOffline(true);
  await page.reload();
  await unlock(page, PIN);
  await page.getByText('Ngoại tuyến').first().waitFor();
  await look('roster');
  const before = await readTally();
  await look('tally-before');

  // Three residents; the third has A's name and year, so the app warns before saving it.
  await addResident(page, { name: A, year: '1950', sex: 'Nam', group: GROUP });
  await look('resident-page');
  await addResident(page, { name: B, year: '1962', sex: 'Nữ', group: GROUP });
  await openTab(page, 'Người dân');
  await page.getByRole('link', { name: 'Thêm người dân' }).click();
  await page.getByLabel('Người dân đã đồng ý').check();
  await page.getByLabel('Nói đồng ý').check();
  await look('resident-form');
  await page.getByLabel('Họ và tên').fill(C);
  await page.getByLabel('Năm sinh', { exact: true }).fill('1950');
  await page.getByLabel('Nam', { exact: true }).check();
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.getByText('Có thể người này đã được ghi').waitFor();
  await look('duplicate-warning');
  await page.getByRole('button', { name: 'Vẫn lưu người mới' }).click();
  await page.getByRole('heading', { name: C }).waitFor();

  // A class with two attendees (found without accents) and two skills.
  await openTab(page, 'Buổi học');
  await page.getByRole('link', { name: /Ghi buổi hướng dẫn/ }).click();
  await page.getByLabel('Địa điểm').fill('Nhà văn hoá tổ 4');
  await page.getByLabel('Lớp học tại nhà văn hoá').check();
  await page.getByRole('checkbox', { name: /Sử dụng dịch vụ công trực tuyến/ }).check();
  await page.getByRole('checkbox', { name: /Thanh toán trực tuyến/ }).check();
  await page.getByLabel('Tìm người theo tên').fill('le van tam');
  await page.getByRole('checkbox', { name: new RegExp(`^${A}`) }).check();
  await page.getByLabel('Tìm người theo tên').fill('ngo thi lua');
  await page.getByRole('checkbox', { name: new RegExp(`^${B}`) }).check();
  await page.getByText('Đã chọn 2 người').waitFor();
  await look('session-form');
  await page.getByRole('button', { name: 'Lưu buổi hướng dẫn' }).click();
  await page.getByText('Đã lưu trên máy.').waitFor();

  // C's VNeID confirmation, as the paper certificate showed it.
  await openResident(C);
  await page
    .getByRole('link', { name: 'Ghi nhận kết quả' })
    .or(page.getByRole('button', { name: 'Ghi nhận kết quả' }))
    .click();
  await page.getByLabel('Đã xác nhận trên VNeID').check();
  await page.getByLabel('Giấy chứng nhận').check();
  await page.getByLabel(/Tên khoá học/).fill('Phổ cập kiến thức, kỹ năng số cơ bản');
  await page.getByLabel(/Đơn vị cấp/).fill('UBND phường Hồng An');
  await look('completion-form');
  await page.getByRole('button', { name: 'Lưu kết quả' }).click();
  await page.getByRole('heading', { name: C }).waitFor();

  // The tally, computed on the phone: three more adults, all three reached, one confirmed.
  const after = await readTally();
  expect(after).toEqual({ registered: before.registered + 3, k: before.k + 3, v: before.v + 1 });
  await look('tally-after');
  await page
    .getByText(/bản ghi đang chờ đồng bộ/)
    .first()
    .waitFor();
  expect(await serverDocs(server.url, 'residents', WARD, token)).toEqual([]);

  // Reload with no network: everything comes from the device.
  await page.reload();
  await unlock(page, PIN);
  expect(await readTally()).toEqual(after);
  await openTab(page, 'Buổi học');
  await page.getByText('Nhà văn hoá tổ 4').waitFor();
  await page.getByText('2 người tham dự').first().waitFor();
  await look('sessions');
  await openResident(C);
  await page.getByText('Phổ cập kiến thức, kỹ năng số cơ bản').waitFor();
  await openResident(A);
  await page.getByText('Nhà văn hoá tổ 4').waitFor();

  // Still offline, the unsent records can be saved to a file for the ward officer.
  await page.evaluate(() => (window.location.hash = '#/attention'));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Xuất các bản ghi chưa gửi' }).click(),
  ]);
  const file = unsyncedExportSchema.parse(JSON.parse(await readFile(await download.path(), 'utf8')));
  expect(file.wardCode).toBe(WARD);
  expect(file.records.map((r) => r.collection).sort()).toEqual([
    'completions',
    'residents',
    'residents',
    'residents',
    'sessions',
  ]);
  await look('export-unsynced');
  await openTab(page, 'Người dân');

  // Signal again: the server gets exactly what was recorded.
  await context.setOffline(false);
  const residents = await eventually(
    () => serverDocs(server.url, 'residents', WARD, token),
    (docs) => docs.length >= 3,
  );
  expect(residents.map((d) => d['fullName']).sort()).toEqual([A, C, B].sort());
  const byName = new Map(residents.map((d) => [d['fullName'], String(d['id'])]));
  const sessions = await eventually(
    () => serverDocs(server.url, 'sessions', WARD, token),
    (docs) => docs.length >= 1,
  );
  expect(sessions).toHaveLength(1);
  expect(sessions[0]).toMatchObject({ groupId: 'tdp-04', format: 'class', place: 'Nhà văn hoá tổ 4' });
  expect((sessions[0]!['attendeeIds'] as string[]).sort()).toEqual([byName.get(A), byName.get(B)].sort());
  expect(sessions[0]!['skills']).toHaveLength(2);
  const completions = await eventually(
    () => serverDocs(server.url, 'completions', WARD, token),
    (docs) => docs.length >= 1,
  );
  expect(completions).toHaveLength(1);
  expect(completions[0]).toMatchObject({
    residentId: byName.get(C),
    kind: 'vneid',
    vneid: { channel: 'paper', issuer: 'UBND phường Hồng An' },
  });
  await expect.poll(() => page.getByText(/bản ghi đang chờ đồng bộ/).count(), { timeout: 30_000 }).toBe(0);
  await openResident(C);
  await page.locator('.sync-mark-sent').first().waitFor();

  await openTab(page, 'Tài khoản');
  await look('account');
  await page.evaluate(() => (window.location.hash = '#/attention'));
  await page.getByText('Không có bản ghi nào cần sửa.').waitFor();
  await look('attention');

  // No serious or critical accessibility problem on any screen visited.
  expect(a11y.length).toBe(12);
  expect(a11y.filter((s) => s.problems.length > 0)).toEqual([]);
});
