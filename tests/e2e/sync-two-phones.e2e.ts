// Two phones and two tabs against the real server in Chromium (issue 5): two volunteers of the same group,
// both offline, edit the same resident and log sessions; both reconnect and converge, nothing is lost, and
// the officer finds the replaced version in the record's history. One phone with two tabs open sends every
// record once.
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/shared';
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
import { addResident, enrollOnPhone, openTab, unlock } from './phone';

const WARD = '99999';
const PIN = '864213';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const network: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await writeFile('test-results/e2e/two-phones-network.log', network.join('\n') + '\n').catch(
    () => undefined,
  );
  const unexpected = network.filter((line) => !line.includes('ERR_INTERNET_DISCONNECTED'));
  if (unexpected.length > 0)
    console.log(`two phones, unexpected network:\n${unexpected.slice(0, 40).join('\n')}`);
  await browser?.close();
  await server?.stop();
});

/** A phone: its own browser profile (context), enrolled as a volunteer of `group`. */
async function phone(
  label: string,
  fullName: string,
  group: string,
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  watch(page, label);
  const token = await officerToken(server.url);
  const code = await invite(server.url, token, WARD, { fullName, role: 'volunteer', groupIds: [group] });
  await enrollOnPhone(page, server.url, code, PIN, { typeCode: true });
  return { ctx, page };
}

function watch(page: Page, label: string): void {
  const note = (line: string) => network.push(`${new Date().toISOString()} ${label} ${line}`);
  page.on('requestfailed', (r) => {
    // A live-update stream cut by going offline or closing the page is expected.
    if (!r.url().includes('/v1/sync/events'))
      note(`FAILED ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('response', (r) => r.status() >= 400 && note(`${r.status()} ${r.request().method()} ${r.url()}`));
  page.on('pageerror', (e) => note(`PAGE ERROR ${e.message}`));
}

/** Every record of a collection the server holds for the ward, demo records included. */
async function allServerDocs(collection: string, token: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${server.url}/v1/sync/${collection}/pull?wardCode=${WARD}&seq=0&limit=1000`, {
    headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`pull ${collection}: ${res.status}`);
  return ((await res.json()) as { documents: Record<string, unknown>[] }).documents;
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function openResident(page: Page, name: string): Promise<void> {
  await openTab(page, 'Người dân');
  await page.getByLabel('Tìm theo tên').fill(name);
  await page.locator('.roster-rows .resident-name', { hasText: new RegExp(`^${escapeRe(name)}$`) }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
}

async function editResident(page: Page, name: string, change: { name?: string; year?: string }) {
  await openResident(page, name);
  await page.getByRole('link', { name: 'Sửa thông tin' }).click();
  if (change.name !== undefined) await page.getByLabel('Họ và tên').fill(change.name);
  if (change.year !== undefined) await page.getByLabel('Năm sinh', { exact: true }).fill(change.year);
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.getByRole('heading', { name: change.name ?? name, level: 2 }).waitFor();
}

async function logSession(page: Page, place: string, attendee: string, search: string): Promise<void> {
  await openTab(page, 'Buổi học');
  await page.getByRole('link', { name: /Ghi buổi hướng dẫn/ }).click();
  await page.getByLabel('Địa điểm').fill(place);
  await page.getByLabel('Lớp học tại nhà văn hoá').check();
  await page.getByRole('checkbox', { name: /Thanh toán trực tuyến/ }).check();
  await page.getByLabel('Tìm người theo tên').fill(search);
  await page.getByRole('checkbox', { name: new RegExp(`^${escapeRe(attendee)}`) }).check();
  await page.getByRole('button', { name: 'Lưu buổi hướng dẫn' }).click();
  await page.getByText('Đã lưu trên máy.').waitFor();
}

/** Nothing waiting on the phone any more (the indicator's "N bản ghi đang chờ" line is gone). */
async function drained(page: Page): Promise<void> {
  await eventually(
    () => page.getByText(/bản ghi đang chờ đồng bộ/).count(),
    (n) => n === 0,
    60_000,
  );
}

test('two phones edit the same resident offline and log sessions; both converge and nothing is lost', async () => {
  const token = await officerToken(server.url);
  // A demo resident of group 2 (seeded), known to both phones before they go offline.
  const target = (await allServerDocs('residents', token)).find(
    (d) => d['groupId'] === 'tdp-02' && d['_deleted'] !== true,
  );
  if (!target) throw new Error('the demo ward has no resident in tdp-02');
  const name = String(target['fullName']);
  const year = Number(target['birthYear']);
  const a = await phone('A', 'Trần Văn An', 'tdp-02');
  const b = await phone('B', 'Đỗ Thị Bình', 'tdp-02');
  for (const p of [a, b]) await openResident(p.page, name);

  for (const p of [a, b]) {
    await p.ctx.setOffline(true);
    await p.page.reload();
    await unlock(p.page, PIN);
  }
  // A corrects the birth year; B corrects the spelling of the name. Both log a session with them.
  const fixedName = `${name} (đã sửa)`;
  const fixedYear = String(year - 1);
  await editResident(a.page, name, { year: fixedYear });
  await logSession(a.page, 'Nhà văn hoá tổ 2 — buổi sáng', name, name);
  await editResident(b.page, name, { name: fixedName });
  await logSession(b.page, 'Nhà văn hoá tổ 2 — buổi chiều', fixedName, fixedName);
  await addResident(b.page, { name: 'Hà Thị Mới', year: '1971', sex: 'Nữ', group: 'Tổ dân phố 2' });
  for (const p of [a, b])
    await p.page
      .getByText(/bản ghi đang chờ đồng bộ/)
      .first()
      .waitFor();

  // Back in signal, A first, then B (B's edit meets A's on the server: a conflict, merged on B).
  await a.ctx.setOffline(false);
  await drained(a.page);
  await b.ctx.setOffline(false);
  await drained(b.page);

  const merged = await eventually(
    async () => (await allServerDocs('residents', token)).find((d) => d['id'] === target['id']),
    (d) => d?.['fullName'] === fixedName && d?.['birthYear'] === year - 1,
  );
  expect(merged).toMatchObject({ fullName: fixedName, birthYear: year - 1 });
  const sessions = await eventually(
    () => serverDocs(server.url, 'sessions', WARD, token),
    (docs) => docs.length >= 2,
  );
  expect(sessions.map((s) => s['place']).sort()).toEqual([
    'Nhà văn hoá tổ 2 — buổi chiều',
    'Nhà văn hoá tổ 2 — buổi sáng',
  ]);
  for (const s of sessions) expect(s['attendeeIds']).toEqual([target['id']]);
  const added = await serverDocs(server.url, 'residents', WARD, token);
  expect(added.map((d) => d['fullName'])).toEqual(['Hà Thị Mới']);

  // Both phones show the same merged person and both sessions (live updates, or "sync now").
  for (const p of [a, b]) {
    await eventually(
      async () => {
        await p.page
          .getByRole('button', { name: 'Đồng bộ ngay' })
          .first()
          .click()
          .catch(() => undefined);
        await openTab(p.page, 'Người dân');
        await p.page.getByLabel('Tìm theo tên').fill(fixedName);
        return p.page.locator('.roster-rows .resident-name', { hasText: fixedName }).count();
      },
      (n) => n === 1,
      60_000,
    );
    await openResident(p.page, fixedName);
    await p.page
      .getByText(String(year - 1))
      .first()
      .waitFor();
    await p.page.getByText('Nhà văn hoá tổ 2 — buổi sáng').waitFor();
    await p.page.getByText('Nhà văn hoá tổ 2 — buổi chiều').waitFor();
    await p.page.screenshot({ path: `test-results/e2e/two-phones-${contexts.indexOf(p.ctx)}.png` });
  }

  // The officer's audit trail shows the states the merge replaced.
  await officerSeesHistory(String(target['id']), name, String(year));
});

/** The officer signs in on a PC and opens the record's history: the versions before the merge are there. */
async function officerSeesHistory(id: string, oldName: string, oldYear: string): Promise<void> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  watch(page, 'officer');
  await page.goto(server.url);
  await page.getByRole('button', { name: /Cán bộ phường — đăng nhập/ }).click();
  await page.getByLabel('Tên đăng nhập').fill(DEMO_OFFICER.username);
  await page.getByLabel('Mật khẩu').fill(DEMO_OFFICER.password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByRole('button', { name: 'Bản ghi', exact: true }).click();
  await page.getByLabel('Mã bản ghi').fill(id);
  await page.getByRole('button', { name: 'Xem lịch sử' }).click();
  // The seeded state (replaced by A's year) and A's state (replaced by B's merged write) are both kept.
  await page.getByText(/Bản cũ thứ 2/).waitFor();
  const history = page.locator('.record-history');
  await history
    .getByText(new RegExp(`${escapeRe(oldYear)} → ${Number(oldYear) - 1}`))
    .first()
    .waitFor();
  await history
    .getByText(new RegExp(`${escapeRe(oldName)} → ${escapeRe(oldName)} \\(đã sửa\\)`))
    .first()
    .waitFor();
  await page.screenshot({ path: 'test-results/e2e/officer-record-history.png', fullPage: true });
}

test('one phone, two tabs: every record reaches the server once and both tabs see it acknowledged', async () => {
  const { ctx, page } = await phone('tab1', 'Phan Thị Hai Tab', 'tdp-03');
  const second = await ctx.newPage();
  watch(second, 'tab2');
  // Which tab pushed which record: only the sync leader may send.
  const pushedBy = new Map<string, Set<string>>();
  for (const [tab, p] of [
    ['tab1', page],
    ['tab2', second],
  ] as const) {
    p.on('request', (r) => {
      if (!r.url().includes('/push?')) return;
      const rows = (r.postDataJSON() as { rows: { newDocumentState: { id: string } }[] }).rows;
      for (const row of rows) {
        const id = row.newDocumentState.id;
        pushedBy.set(id, (pushedBy.get(id) ?? new Set()).add(tab));
      }
    });
  }
  await second.goto(server.url);
  await unlock(second, PIN).catch(() => undefined);
  await second.getByRole('navigation', { name: 'Các mục chính' }).waitFor();
  const names = ['Tab Một Người A', 'Tab Hai Người B', 'Tab Một Người C', 'Tab Hai Người D'];
  for (const [i, name] of names.entries()) {
    await addResident(i % 2 === 0 ? page : second, { name, year: '1980', sex: 'Nam', group: 'Tổ dân phố 3' });
  }
  const token = await officerToken(server.url);
  const onServer = await eventually(
    () => serverDocs(server.url, 'residents', WARD, token),
    (docs) => names.every((n) => docs.some((d) => d['fullName'] === n)),
  );
  for (const n of names) expect(onServer.filter((d) => d['fullName'] === n)).toHaveLength(1);
  for (const doc of onServer.filter((d) => names.includes(String(d['fullName']))))
    expect([...(pushedBy.get(String(doc['id'])) ?? [])]).toHaveLength(1);
  await drained(page);
  await drained(second);
});
