// A data-subject request end to end (issue 7): a volunteer registers a resident and teaches them on the
// phone; the resident asks the ward for their data, then for its deletion. The officer finds them in
// "Quyền riêng tư", shows and downloads everything held, erases it; after sync the person is gone from the
// volunteer's phone (not on the roster, not anywhere in its IndexedDB) and from coverage, and the audit log
// shows both requests. Real server, real database, Debian's Chromium.
import { mkdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  auditPageSchema,
  coverageResponseSchema,
  subjectExportSchema,
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
import { addResident, enrollOnPhone, logSession, rosterNames } from './phone';

const WARD = '99999';
const GROUP = 'tdp-02';
const PIN = '864213';
const OUT = 'test-results/e2e';
const NAME = 'Tạ Thị Xuyến';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function api<T>(path: string, token: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

const coverage = async (token: string): Promise<CoverageResponse> =>
  coverageResponseSchema.parse(await api(`/v1/wards/${WARD}/coverage`, token));

/** Runs in the page: every value of every IndexedDB store on this origin, as one JSON text. */
async function everythingOnDevice(): Promise<string> {
  const dump: unknown[] = [];
  for (const { name } of await indexedDB.databases()) {
    if (name === undefined) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const stores = [...db.objectStoreNames];
    if (stores.length > 0) {
      const tx = db.transaction(stores, 'readonly');
      for (const store of stores) {
        dump.push(
          await new Promise<unknown[]>((resolve, reject) => {
            const all = tx.objectStore(store).getAll();
            all.onsuccess = () => resolve(all.result);
            all.onerror = () => reject(all.error);
          }),
        );
      }
    }
    db.close();
  }
  return JSON.stringify(dump);
}

async function officerPage(): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'vi-VN',
    acceptDownloads: true,
  });
  const officer = await ctx.newPage();
  await officer.goto(server.url);
  await officer.getByRole('button', { name: /Cán bộ phường — đăng nhập/ }).click();
  await officer.getByLabel('Tên đăng nhập').fill(DEMO_OFFICER.username);
  await officer.getByLabel('Mật khẩu').fill(DEMO_OFFICER.password);
  await officer.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await officer.getByRole('button', { name: 'Quyền riêng tư', exact: true }).click();
  return officer;
}

test('a resident sees their data, then is erased: gone from the phone and from coverage; both requests audited', async () => {
  const token = await officerToken(server.url);
  const before = await coverage(token);
  const group = (c: CoverageResponse) => c.groups.find((g) => g.groupId === GROUP)!;

  // The volunteer registers the resident and teaches them.
  const phoneCtx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  const phone = await phoneCtx.newPage();
  const code = await invite(server.url, token, WARD, {
    fullName: 'Lò Văn Pháo',
    role: 'volunteer',
    groupIds: [GROUP],
  });
  await enrollOnPhone(phone, server.url, code, PIN, { typeCode: true });
  await addResident(phone, { name: NAME, year: '1957', sex: 'Nữ', group: 'Tổ dân phố 2' });
  await logSession(phone, 'Nhà văn hoá tổ 2', NAME, 1);
  const synced = await eventually(
    () => serverDocs(server.url, 'residents', WARD, token),
    (docs) => docs.some((d) => d['fullName'] === NAME),
    60_000,
  );
  const residentId = String(synced.find((d) => d['fullName'] === NAME)!['id']);
  await eventually(
    () => coverage(token),
    (c) => group(c).K.count === group(before).K.count + 1,
    60_000,
  );
  expect(await phone.evaluate(everythingOnDevice)).toContain(NAME);

  // The resident asks to see their data: the officer finds them without accents, shows and downloads it.
  const officer = await officerPage();
  await officer.getByLabel(/Tìm người dân/).fill('ta thi xuyen');
  await officer.getByRole('button', { name: /^Tìm/ }).click();
  await officer.getByRole('button', { name: new RegExp(NAME) }).click();
  await officer.getByRole('button', { name: 'Xem và xuất dữ liệu' }).click();
  await officer.getByRole('button', { name: /Xác nhận|Tiếp tục|Xem dữ liệu/ }).click();
  await officer.getByText('Nhà văn hoá tổ 2').first().waitFor();
  await officer.screenshot({ path: `${OUT}/privacy-access.png`, fullPage: true });
  const [download] = await Promise.all([
    officer.waitForEvent('download'),
    officer.getByRole('button', { name: /Tải tệp JSON/ }).click(),
  ]);
  const file = `${OUT}/privacy-access.json`;
  await download.saveAs(file);
  const exported = subjectExportSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  expect(exported.records.map((r) => r.fullName)).toEqual([NAME]);
  expect(exported.sessions.map((s) => s.place)).toEqual(['Nhà văn hoá tổ 2']);

  // Then to delete it: the officer types the name to confirm and erases.
  await officer
    .getByRole('button', { name: /Quay lại|Đóng/ })
    .first()
    .click();
  await officer.getByRole('button', { name: 'Xoá dữ liệu' }).click();
  const dialog = officer.getByRole('dialog');
  await dialog.getByLabel(/Gõ lại họ tên/).fill(NAME);
  await officer.screenshot({ path: `${OUT}/privacy-erase.png`, fullPage: true });
  await dialog.getByRole('button', { name: /Xoá vĩnh viễn|Xoá dữ liệu/ }).click();
  await officer
    .getByText(/Đã xoá/)
    .first()
    .waitFor();

  // Coverage drops at once.
  const after = await coverage(token);
  expect(group(after).K.count).toBe(group(before).K.count);
  expect(group(after).registeredAdults).toBe(group(before).registeredAdults);

  // The phone, back in the app, syncs: the person is not on the roster nor anywhere on the device.
  await phone.reload();
  await phone.getByLabel('Mã PIN', { exact: true }).fill(PIN);
  await phone.getByRole('button', { name: 'Mở khoá' }).click();
  await eventually(
    () => phone.evaluate(everythingOnDevice),
    (dump) => !dump.includes(NAME) && !dump.includes(NAME.normalize('NFD')),
    60_000,
  );
  expect(await rosterNames(phone, 'ta thi xuyen')).toEqual([]);
  expect(await phone.evaluate(everythingOnDevice)).toContain(residentId); // the tombstone, nothing else
  await phone.screenshot({ path: `${OUT}/privacy-phone-after-erase.png`, fullPage: true });

  // The audit log shows both requests, on screen and over the API.
  await officer.getByRole('button', { name: 'Nhật ký truy cập' }).click();
  await officer
    .getByText(/Xem dữ liệu của người dân|Yêu cầu xem dữ liệu/)
    .first()
    .waitFor();
  await officer
    .getByText(/Xoá dữ liệu của người dân|Yêu cầu xoá dữ liệu/)
    .first()
    .waitFor();
  await officer.screenshot({ path: `${OUT}/privacy-audit.png`, fullPage: true });
  const log = auditPageSchema.parse(await api(`/v1/wards/${WARD}/audit?action=request`, token));
  const requests = log.entries.filter((e) => e.subject === `residents/${residentId}`).map((e) => e.action);
  expect(requests).toEqual(['request.erase', 'request.access']);
  expect(JSON.stringify(log)).not.toContain(NAME);
});
