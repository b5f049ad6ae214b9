// Accounts end to end: the officer signs in and invites; a phone enrolls with the code, sets a PIN,
// works offline behind the PIN, syncs; the officer retires it — it uploads what it held and erases;
// a second phone reported lost is refused, reports what it lost, and erases.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DEMO_OFFICER,
  eventually,
  launchChromium,
  officerToken,
  people,
  serverDocs,
  startServer,
  type RunningServer,
} from '../helpers/e2e';
import { enrollOnPhone, addResident, unlock } from './phone';

const WARD = '99999';
const PIN = '246813';
let server: RunningServer;
let browser: Browser;
let officer: Page;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(ctx);
  officer = await ctx.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPhone(): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  contexts.push(ctx);
  return { ctx, page: await ctx.newPage() };
}

async function inviteFromConsole(fullName: string, group: string): Promise<string> {
  await officer.getByRole('button', { name: 'Mời người mới' }).click();
  await officer.getByLabel('Họ và tên').fill(fullName);
  await officer.getByLabel('Tình nguyện viên', { exact: true }).check();
  await officer.getByLabel(group, { exact: true }).check();
  await officer.getByRole('button', { name: 'Tạo mã mời' }).click();
  const code = (await officer.locator('.invitation-code').innerText()).trim();
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await expect.poll(() => officer.getByRole('img', { name: new RegExp(fullName) }).count()).toBe(1);
  await officer.screenshot({ path: 'test-results/e2e/officer-invitation.png', fullPage: true });
  await officer.getByRole('button', { name: 'Xong' }).click();
  return code;
}

async function revokeFromConsole(
  fullName: string,
  action: 'Thu hồi (người này nghỉ)' | 'Báo mất / bị đánh cắp',
): Promise<void> {
  await officer.getByRole('button', { name: 'Người làm việc' }).click();
  const card = officer
    .locator('li', { hasText: fullName })
    .filter({ has: officer.getByRole('button', { name: action }) });
  await card.getByRole('button', { name: action }).click();
  const dialog = officer.getByRole('dialog');
  await dialog
    .getByRole('button', { name: action.startsWith('Thu hồi') ? 'Thu hồi' : 'Báo mất', exact: true })
    .click();
  await dialog.waitFor({ state: 'detached' });
}

async function deviceOf(token: string, fullName: string) {
  const person = (await people(server.url, token, WARD)).find((p) => p.account.fullName === fullName);
  return person?.devices[0];
}

test('officer invites, a phone enrolls and works offline behind its PIN, then retirement and loss erase phones without losing a trace', async () => {
  // The officer signs in on the office PC.
  await officer.goto(server.url);
  await officer.getByRole('button', { name: /Cán bộ phường — đăng nhập/ }).click();
  await officer.getByLabel('Tên đăng nhập').fill(DEMO_OFFICER.username);
  await officer.getByLabel('Mật khẩu').fill(DEMO_OFFICER.password);
  await officer.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  const codeA = await inviteFromConsole('Trần Thị Mai', 'Tổ dân phố 1');

  // Phone A enrolls by typing the code, chooses a PIN, goes offline, reloads, unlocks, records.
  const a = await newPhone();
  await enrollOnPhone(a.page, server.url, codeA, PIN, { typeCode: true });
  await a.ctx.setOffline(true);
  await a.page.reload();
  await unlock(a.page, PIN);
  await addResident(a.page, { name: 'Đỗ Văn Hùng', year: '1955', sex: 'Nam', group: 'Tổ dân phố 1' });
  await a.page.getByText('1 bản ghi đang chờ đồng bộ').waitFor();
  await a.ctx.setOffline(false);
  const token = await officerToken(server.url);
  await eventually(
    () => serverDocs(server.url, 'residents', WARD, token),
    (docs) => docs.some((d) => d['fullName'] === 'Đỗ Văn Hùng'),
  );

  // Offline again, one more record; meanwhile the officer retires the phone.
  await a.ctx.setOffline(true);
  await addResident(a.page, { name: 'Đỗ Thị Hạnh', year: '1957', sex: 'Nữ', group: 'Tổ dân phố 1' });
  await revokeFromConsole('Trần Thị Mai', 'Thu hồi (người này nghỉ)');
  await a.ctx.setOffline(false);
  await a.page.getByText(/Đã xoá dữ liệu trên máy \(0 bản ghi chưa gửi được\)/).waitFor({ timeout: 60_000 });
  await a.page.screenshot({ path: 'test-results/e2e/phone-retired.png', fullPage: true });
  const names = (await serverDocs(server.url, 'residents', WARD, token)).map((d) => d['fullName']);
  expect(names).toEqual(expect.arrayContaining(['Đỗ Văn Hùng', 'Đỗ Thị Hạnh']));
  expect(await deviceOf(token, 'Trần Thị Mai')).toMatchObject({ status: 'retired', unsyncedAtErase: 0 });
  await a.page.getByRole('button', { name: /nhập mã mời/ }).waitFor();
  expect(await a.page.evaluate(residentsOnDevice)).toBe(0);

  // Phone B enrolls through the QR link, records offline, is reported lost while offline.
  const codeB = await inviteFromConsole('Lê Văn Tâm', 'Tổ dân phố 2');
  const b = await newPhone();
  await enrollOnPhone(b.page, server.url, codeB, PIN, { typeCode: false });
  await b.ctx.setOffline(true);
  await addResident(b.page, { name: 'Phan Thị Nga', year: '1960', sex: 'Nữ', group: 'Tổ dân phố 2' });
  await b.page.getByText('1 bản ghi đang chờ đồng bộ').waitFor();
  await revokeFromConsole('Lê Văn Tâm', 'Báo mất / bị đánh cắp');
  await b.ctx.setOffline(false);
  await b.page.getByText(/Đã xoá dữ liệu trên máy \(1 bản ghi chưa gửi được\)/).waitFor({ timeout: 60_000 });
  expect((await serverDocs(server.url, 'residents', WARD, token)).map((d) => d['fullName'])).not.toContain(
    'Phan Thị Nga',
  );
  expect(await deviceOf(token, 'Lê Văn Tâm')).toMatchObject({ status: 'lost', unsyncedAtErase: 1 });
  expect(await b.page.evaluate(residentsOnDevice)).toBe(0);

  // The officer's list shows both outcomes.
  await officer.getByRole('button', { name: 'Tải lại' }).click();
  await officer.getByText('1 bản ghi chưa đồng bộ khi xoá').waitFor();
  await officer.screenshot({ path: 'test-results/e2e/officer-people.png', fullPage: true });
});

/** Runs in the page: how many resident records any RxDB residents store on this device still holds. */
async function residentsOnDevice(): Promise<number> {
  const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.includes('residents'));
  let total = 0;
  for (const name of names) {
    total += await new Promise<number>((resolve) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => {
        const db = open.result;
        const stores = [...db.objectStoreNames];
        if (stores.length === 0) return resolve(0);
        const tx = db.transaction(stores, 'readonly');
        let count = 0;
        let pending = stores.length;
        for (const s of stores) {
          const req = tx.objectStore(s).count();
          req.onsuccess = () => {
            count += req.result;
            if (--pending === 0) resolve(count);
          };
        }
      };
      open.onerror = () => resolve(0);
    });
  }
  return total;
}
