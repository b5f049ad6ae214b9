// The ward end to end (issue 6): volunteers of two groups record on their phones and sync; the officer
// signs in on a PC, sees the same numbers on the dashboard as the coverage API, merges a person one
// volunteer registered twice and sees the count drop by one, and downloads the XLSX, whose cells match
// the API. Real server, real database, Debian's Chromium.
import { mkdir, readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  coverageResponseSchema,
  type CoverageResponse,
} from '../../src/shared';
import {
  DEMO_OFFICER,
  eventually,
  invite,
  launchChromium,
  officerToken,
  serverDocs,
  startServer,
  type RunningServer,
} from '../helpers/e2e';
import { addResident, enrollOnPhone, logSession } from './phone';

const WARD = '99999';
const PIN = '864213';
const OUT = 'test-results/e2e';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function phone(fullName: string, group: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  const token = await officerToken(server.url);
  const code = await invite(server.url, token, WARD, { fullName, role: 'volunteer', groupIds: [group] });
  await enrollOnPhone(page, server.url, code, PIN, { typeCode: true });
  return page;
}

async function coverage(token: string): Promise<CoverageResponse> {
  const res = await fetch(`${server.url}/v1/wards/${WARD}/coverage`, {
    headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`coverage: ${res.status}`);
  return coverageResponseSchema.parse(await res.json());
}

/** "1.234" the way the dashboard writes counts (vi-VN). */
const vn = (n: number) => n.toLocaleString('vi-VN');

test('two groups sync; the dashboard matches the API; a merge drops the count by one; the XLSX matches the API', async () => {
  const token = await officerToken(server.url);
  const before = await coverage(token);

  // Tổ 1: a volunteer registers a resident and teaches them.
  const a = await phone('Phan Thị Tâm', 'tdp-01');
  await addResident(a, { name: 'Lâm Thị Kiều', year: '1968', sex: 'Nữ', group: 'Tổ dân phố 1' });
  await logSession(a, 'Nhà văn hoá tổ 1', 'Lâm Thị Kiều', 1);
  // Tổ 3: a volunteer registers the same man twice (the second time saving anyway) and teaches both.
  const b = await phone('Hồ Văn Lực', 'tdp-03');
  await addResident(b, { name: 'Quách Văn Trùng', year: '1959', sex: 'Nam', group: 'Tổ dân phố 3' });
  await addResident(b, {
    name: 'Quách Văn Trùng',
    year: '1959',
    sex: 'Nam',
    group: 'Tổ dân phố 3',
    duplicate: true,
  });
  await logSession(b, 'Sân nhà ông Trùng', 'Quách Văn Trùng', 2);
  await eventually(
    () => serverDocs(server.url, 'sessions', WARD, token),
    (docs) =>
      docs.filter((d) => d['place'] === 'Nhà văn hoá tổ 1' || d['place'] === 'Sân nhà ông Trùng').length ===
      2,
    60_000,
  );
  const synced = await coverage(token);
  const g1 = (c: CoverageResponse, id: string) => c.groups.find((g) => g.groupId === id)!;
  expect(g1(synced, 'tdp-01').K.count).toBe(g1(before, 'tdp-01').K.count + 1);
  expect(g1(synced, 'tdp-03').K.count).toBe(g1(before, 'tdp-03').K.count + 2);
  expect(synced.ward.K.count).toBe(before.ward.K.count + 3);

  // The officer signs in on the office PC and lands on the dashboard.
  const ctx = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'vi-VN',
    acceptDownloads: true,
  });
  contexts.push(ctx);
  const officer = await ctx.newPage();
  await officer.goto(server.url);
  await officer.getByRole('button', { name: /Cán bộ phường — đăng nhập/ }).click();
  await officer.getByLabel('Tên đăng nhập').fill(DEMO_OFFICER.username);
  await officer.getByLabel('Mật khẩu').fill(DEMO_OFFICER.password);
  await officer.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  const kCount = officer.locator('.dashboard-card-k .dashboard-count');
  await kCount.waitFor();
  expect(await kCount.innerText()).toBe(`${vn(synced.ward.K.count)} / ${vn(synced.ward.denominator)} người`);
  const vCount = officer.locator('.dashboard-card-v .dashboard-count');
  expect(await vCount.innerText()).toBe(`${vn(synced.ward.V.count)} / ${vn(synced.ward.denominator)} người`);
  await officer.screenshot({ path: `${OUT}/ward-dashboard.png`, fullPage: true });

  // The duplicate: reviewed side by side in "Người dân", kept the first, merged the second.
  await officer.getByRole('button', { name: 'Người dân', exact: true }).click();
  const pair = officer.locator('.dup-pair', { hasText: 'Quách Văn Trùng' });
  await pair.waitFor();
  await officer.screenshot({ path: `${OUT}/ward-duplicates.png`, fullPage: true });
  await pair
    .getByRole('button', { name: /^Giữ hồ sơ Quách Văn Trùng/ })
    .first()
    .click();
  await officer.getByText(/Đã gộp hồ sơ Quách Văn Trùng vào hồ sơ Quách Văn Trùng/).waitFor();
  const merged = await coverage(token);
  expect(merged.ward.K.count).toBe(synced.ward.K.count - 1);
  expect(g1(merged, 'tdp-03').registeredAdults).toBe(g1(synced, 'tdp-03').registeredAdults - 1);

  // Back on the dashboard: the count dropped by one.
  await officer.getByRole('button', { name: 'Tổng quan', exact: true }).click();
  await eventually(
    () => officer.locator('.dashboard-card-k .dashboard-count').innerText(),
    (text) => text === `${vn(merged.ward.K.count)} / ${vn(merged.ward.denominator)} người`,
  );

  // The XLSX of the same figures: every group row and the ward row match the API.
  await officer.getByRole('button', { name: 'Báo cáo', exact: true }).click();
  const [download] = await Promise.all([
    officer.waitForEvent('download'),
    officer.getByRole('button', { name: /Tải Excel/ }).click(),
  ]);
  const file = `${OUT}/coverage.xlsx`;
  await download.saveAs(file);
  expect(download.suggestedFilename()).toMatch(/^do-phu-99999-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile(file)) as unknown as ExcelJS.Buffer);
  const sheet = book.getWorksheet('Độ phủ')!;
  const header = (sheet.getRow(5).values as unknown[]).slice(1).map(String);
  expect(header[0]).toBe('Tổ dân phố');
  const col = (name: RegExp) => header.findIndex((h) => name.test(h)) + 1;
  const rows = [
    ...merged.groups.map((g) => ({ name: g.groupName, row: g as CoverageResponse['ward'] })),
    { name: 'Toàn phường', row: merged.ward },
  ];
  rows.forEach(({ name, row }, i) => {
    const r = sheet.getRow(6 + i);
    expect(r.getCell(1).value).toBe(name);
    expect(r.getCell(2).value).toBe(row.denominator);
    expect(r.getCell(col(/^Số người có kỹ năng số cơ bản/)).value).toBe(row.K.count);
    expect(r.getCell(col(/^Tỷ lệ K/)).value).toBe(row.K.percent);
    expect(r.getCell(col(/\(V\)$/)).value).toBe(row.V.count);
    expect(r.getCell(col(/^Tỷ lệ V/)).value).toBe(row.V.percent);
  });
  await officer.screenshot({ path: `${OUT}/ward-report.png`, fullPage: true });
});
