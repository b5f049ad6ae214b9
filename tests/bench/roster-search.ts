// Bench (issue 4): roster search with 10,000 residents on the phone, in Chromium with 4× CPU slowdown.
// Prints, per keystroke, the time from the input event to the next painted frame, and the same frame
// measured with no typing in the same run (the floor). Target: every keystroke under 50 ms.
// Run: npm run bench:roster  (builds the app first; needs /usr/bin/chromium).
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/shared';
import { launchChromium, invite, officerToken, startServer } from '../helpers/e2e';
import { benchResident } from './lib/bench-residents';
import { enrollOnPhone } from '../e2e/phone';

const WARD = '99999';
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 10_000);
const CPU_SLOWDOWN = 4;
const TARGET_MS = 50;
const QUERIES = ['nguyen van a', 'NGUYEN', 'đức', 'tran thi h', 'le'];

const resident = (i: number) => benchResident(i, WARD, i % 2 === 0 ? 'tdp-01' : 'tdp-02');

async function pushResidents(url: string, token: string): Promise<void> {
  for (let start = 0; start < RESIDENTS; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(RESIDENTS, start + 500); i++)
      rows.push({ newDocumentState: resident(i) });
    const res = await fetch(`${url}/v1/sync/residents/push?wardCode=${WARD}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      },
      body: JSON.stringify({ rows }),
    });
    if (!res.ok) throw new Error(`push: ${res.status} ${await res.text()}`);
  }
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]! };
};

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const token = await officerToken(server.url);
    await pushResidents(server.url, token);
    const code = await invite(server.url, token, WARD, {
      fullName: 'Bench Volunteer',
      role: 'volunteer',
      groupIds: ['tdp-01', 'tdp-02'],
    });
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await enrollOnPhone(page, server.url, code, '246810', { typeCode: true });
    const search = page.getByLabel('Tìm theo tên');
    await search.waitFor();
    // Wait until the whole ward has arrived on the phone.
    await page
      .waitForFunction(
        (n) => {
          const text = document.querySelector('.roster-count')?.textContent ?? '';
          const numbers = [...text.matchAll(/\d[\d.]*/g)].map((m) => Number(m[0].replace(/\./g, '')));
          return Math.max(0, ...numbers) >= n;
        },
        RESIDENTS,
        { timeout: 300_000, polling: 1000 },
      )
      .catch(() => console.log('(not every resident had arrived after 5 minutes)'));

    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await search.focus();

    const frame = () =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const t0 = performance.now();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          }),
      );
    const keystroke = (value: string) =>
      page.evaluate(
        (v) =>
          new Promise<number>((resolve) => {
            const input = document.activeElement as HTMLInputElement;
            const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
            const t0 = performance.now();
            setter.call(input, v);
            input.dispatchEvent(new InputEvent('input', { bubbles: true, data: v.slice(-1) }));
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          }),
        value,
      );

    const floor: number[] = [];
    const typed: number[] = [];
    const labelled: [string, number][] = [];
    for (const query of QUERIES) {
      for (let i = 1; i <= query.length; i++) {
        floor.push(await frame());
        const ms = await keystroke(query.slice(0, i));
        typed.push(ms);
        labelled.push([query.slice(0, i), ms]);
      }
      for (let i = query.length - 1; i >= 0; i--) {
        const ms = await keystroke(query.slice(0, i));
        typed.push(ms);
        labelled.push([`${query.slice(0, i)}⌫`, ms]);
      }
    }
    const shown = await page
      .locator('.roster-count')
      .first()
      .innerText()
      .catch(() => '?');
    const t = stats(typed);
    const f = stats(floor);
    console.log(`residents on device: ${shown}`);
    const slowest = [...labelled].sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(`slowest keystrokes: ${slowest.map(([q, ms]) => `"${q}" ${ms.toFixed(1)} ms`).join(', ')}`);
    console.log(`keystrokes: ${typed.length}, CPU slowdown ${CPU_SLOWDOWN}×`);
    console.log(`frame floor (no typing): p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms`);
    console.log(
      `keystroke → painted: p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, max ${t.max.toFixed(1)} ms`,
    );
    console.log(
      `B-roster search: max ${t.max.toFixed(1)} ms per keystroke = ${(t.p95 / Math.max(f.p50, 0.1)).toFixed(1)}× the frame floor (p95) ` +
        `(target < ${TARGET_MS} ms) ${t.max < TARGET_MS ? 'ok' : 'short'}`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
