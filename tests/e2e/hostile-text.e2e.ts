// Nothing executed in the page (docs/privacy.md H2): residents named with markup, script, SQL, bidi marks
// and decomposed Vietnamese are pushed into the demo ward; the officer opens the dashboard's group
// roster, the duplicates list and the privacy tab (search, "waiting to be erased"), and a volunteer's
// phone opens the roster and a resident's page. The payloads would set window.__xss or open a dialog if
// they ever ran; neither happens, and every name is shown as the text it is. The page's
// Content-Security-Policy allows no inline script.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, newId } from '../../src/shared';
import {
  DEMO_OFFICER,
  eventually,
  invite,
  launchChromium,
  officerToken,
  startServer,
  type RunningServer,
} from '../helpers/e2e';
import { HOSTILE_NAMES } from '../server/fuzz/hostile';
import { enrollOnPhone, rosterNames } from './phone';

const WARD = '99999';
const GROUP = 'tdp-01';
const PIN = '864213';
/** Each shown in the duplicates list (a second record, same birth year) … */
const TWIN = '<img src=x onerror="window.__xss=1">';
/** … and in "waiting to be erased" (registration consent withdrawn). */
const WITHDRAWN = '<svg onload="window.__xss=1">Bà Tư';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Dialogs any page opened (alert, confirm, prompt from a payload): must stay empty. */
const dialogs: string[] = [];

const consent = (withdrawnOn?: string) => ({
  purpose: 'registration',
  askedBy: 'Trần Văn Tư',
  date: '2026-01-02',
  method: 'verbal',
  wordingVersion: 'v1',
  ...(withdrawnOn === undefined ? {} : { withdrawnOn }),
});

function resident(fullName: string, birthYear: number, withdrawn = false) {
  return {
    id: newId(),
    wardCode: WARD,
    groupId: GROUP,
    fullName,
    birthYear,
    sex: 'female',
    consents: [consent(withdrawn ? '2026-11-01' : undefined)],
    createdAt: '2026-11-02T03:04:05.000Z',
    updatedAt: '2026-11-02T03:04:05.000Z',
    _deleted: false,
  };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const docs = [
    ...HOSTILE_NAMES.map((name, i) => resident(name, 1950 + i)),
    resident(TWIN, 1950 + HOSTILE_NAMES.indexOf(TWIN)),
    resident(WITHDRAWN, 1944, true),
  ];
  const token = await officerToken(server.url);
  const res = await fetch(`${server.url}/v1/sync/residents/push?wardCode=${WARD}`, {
    method: 'POST',
    headers: {
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ rows: docs.map((newDocumentState) => ({ newDocumentState })) }),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ conflicts: [], quarantined: [] });
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.stop();
});

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'vi-VN' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return page;
}

/** Nothing ran: no flag, no dialog, no element a payload would have made. */
async function expectNothingRan(page: Page): Promise<void> {
  const state = await page.evaluate(() => ({
    flag: (window as unknown as { __xss?: unknown }).__xss,
    payloadElements: document.querySelectorAll('img[src="x"], svg[onload], [onerror]').length,
  }));
  expect(state).toEqual({ flag: undefined, payloadElements: 0 });
  expect(dialogs).toEqual([]);
}

/** The texts of the elements, exactly as the page shows them. */
const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

test("the page's Content-Security-Policy allows no inline script", async () => {
  for (const path of ['/', '/index.html']) {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    const scriptSrc = directives.get('script-src') ?? directives.get('default-src');
    expect(scriptSrc).toBeDefined();
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(directives.get('script-src-attr')).toEqual(["'none'"]);
  }
});

describe('the officer', () => {
  let page: Page;

  beforeAll(async () => {
    page = await newPage({ width: 1366, height: 900 });
    await page.goto(server.url);
    await page.getByRole('button', { name: /Cán bộ phường — đăng nhập/ }).click();
    await page.getByLabel('Tên đăng nhập').fill(DEMO_OFFICER.username);
    await page.getByLabel('Mật khẩu').fill(DEMO_OFFICER.password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.locator('.dashboard-card-k .dashboard-count').waitFor();
  });

  test("the dashboard's group roster shows every name as text", async () => {
    await page.locator(`button.dashboard-link[data-group="${GROUP}"]`).click();
    await page.locator('.dashboard-roster table').first().waitFor();
    const shown = await texts(page, '.dashboard-roster tbody th[scope="row"]');
    for (const name of HOSTILE_NAMES) expect(shown).toContain(name);
    // Withdrawn consent: not on the roster (docs/privacy.md C2).
    expect(shown.join('\n')).not.toContain('Bà Tư');
    await expectNothingRan(page);
  });

  test('the duplicates list shows the pair by name, as text', async () => {
    await page.getByRole('button', { name: 'Người dân', exact: true }).click();
    const pair = page.locator('.dup-pair', { hasText: TWIN });
    await pair.first().waitFor();
    expect(await pair.first().innerText()).toContain(TWIN);
    await expectNothingRan(page);
  });

  test('the privacy tab: a search and the "waiting to be erased" list show names as text', async () => {
    await page.getByRole('button', { name: 'Quyền riêng tư', exact: true }).click();
    for (const name of [HOSTILE_NAMES[2] ?? '', "'; DROP TABLE residents; --"]) {
      await page.getByLabel('Tìm người dân theo họ tên, 4 số cuối CCCD hoặc số điện thoại').fill(name);
      await page.getByRole('button', { name: 'Tìm', exact: true }).click();
      await page.getByText(name, { exact: true }).first().waitFor();
      await expectNothingRan(page);
    }
    await page.getByRole('button', { name: 'Chờ xoá (đã rút đồng ý)', exact: true }).click();
    await page.getByText(WITHDRAWN, { exact: true }).first().waitFor();
    await expectNothingRan(page);
  });
});

describe("a volunteer's phone", () => {
  let page: Page;

  beforeAll(async () => {
    page = await newPage({ width: 360, height: 740 });
    const token = await officerToken(server.url);
    const code = await invite(server.url, token, WARD, {
      fullName: 'Phan Thị Tâm',
      role: 'volunteer',
      groupIds: [GROUP],
    });
    await enrollOnPhone(page, server.url, code, PIN, { typeCode: true });
  });

  test('the roster lists each name as text', async () => {
    for (const name of HOSTILE_NAMES) {
      const shown = await eventually(
        () => rosterNames(page, name),
        (names) => names.includes(name),
        60_000,
      );
      expect(shown).toContain(name);
    }
    await expectNothingRan(page);
  });

  test("a resident's page shows the name as its heading, as text", async () => {
    await rosterNames(page, TWIN);
    // Exactly this name (another one contains it): one of the twins' rows.
    await page.locator('.roster-rows').getByText(TWIN, { exact: true }).first().click();
    const heading = page.getByRole('heading', { name: TWIN, exact: true });
    await heading.waitFor();
    expect(await heading.textContent()).toBe(TWIN);
    await expectNothingRan(page);
  });
});
