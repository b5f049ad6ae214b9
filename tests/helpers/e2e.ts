// E2E harness: the real server as a child process on a fresh embedded database, serving the built
// app, and Debian's Chromium driven by playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PersonView } from '../../src/shared';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  output(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function startServer(): Promise<RunningServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bdhvs-e2e-'));
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      STATIC_DIR: 'dist',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    const ok = await fetch(`${url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DEMO_OFFICER = { username: 'canbo.hongan', password: 'hongan-demo-2026' };

async function api<T>(url: string, path: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
  if (init.token) headers['authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url + path, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Signs the demo ward's officer in through the API (for assertions, not for the officer's screens). */
export async function officerToken(url: string): Promise<string> {
  return (await api<{ token: string }>(url, '/v1/auth/login', { body: DEMO_OFFICER })).token;
}

export async function invite(
  url: string,
  token: string,
  wardCode: string,
  person: { fullName: string; role: 'volunteer' | 'leader'; groupIds: string[] },
): Promise<string> {
  return (await api<{ code: string }>(url, `/v1/wards/${wardCode}/invitations`, { token, body: person }))
    .code;
}

/** What the server holds for a collection of a ward (demo seed excluded), read through the sync API as the officer. */
export async function serverDocs(
  url: string,
  collection: string,
  wardCode: string,
  token: string,
): Promise<Record<string, unknown>[]> {
  const body = await api<{ documents: Record<string, unknown>[] }>(
    url,
    `/v1/sync/${collection}/pull?wardCode=${wardCode}&seq=0&limit=1000`,
    { token },
  );
  // The demo ward's seeded records (ids de00000…) are not what the journeys wrote.
  return body.documents.filter((d) => !String(d['id']).startsWith('de00000'));
}

export async function people(url: string, token: string, wardCode: string): Promise<PersonView[]> {
  return (await api<{ people: PersonView[] }>(url, `/v1/wards/${wardCode}/people`, { token })).people;
}

export async function eventually<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!ok(last)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 250));
    last = await probe();
  }
  return last;
}
