// Accounts a server starts with (docs/auth.md rule 9): the first administrator with a one-time password
// printed once, the demo officer only alongside the demo ward, and the admin command line.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_OFFICER, FIRST_ADMIN_USERNAME, bootstrap } from '../../src/server/auth/bootstrap';
import { DEMO_WARD, type SqlStore } from '../../src/server/store';
import { authHeaders, openTestStore, startTestServer, type TestServer } from '../helpers/server';

describe('bootstrap', () => {
  let store: SqlStore;
  let server: TestServer;
  beforeAll(async () => {
    store = await openTestStore();
    server = await startTestServer({ store });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  test('on an empty database one administrator is created with a one-time password; a second start creates none', async () => {
    const first = await bootstrap(store, { seedDemo: true });
    expect(first.admin?.account).toMatchObject({
      username: FIRST_ADMIN_USERNAME,
      role: 'admin',
      mustChangePassword: true,
    });
    expect(first.admin?.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(first.seededDemo).toBe(true);

    const login = await server.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username: FIRST_ADMIN_USERNAME, password: first.admin!.password },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ mustChangePassword: true });

    const second = await bootstrap(store, { seedDemo: true });
    expect(second).toEqual({ seededDemo: false });
    expect(await store.listAdmins()).toHaveLength(1);
  });

  test('the demo ward comes with its documented officer, who sees the demo ward', async () => {
    await bootstrap(store, { seedDemo: true });
    const login = await server.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username: DEMO_OFFICER.username, password: DEMO_OFFICER.password },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({
      account: { role: 'officer', wardCode: DEMO_WARD.code, fullName: 'Nguyễn Thị Lan (cán bộ demo)' },
      mustChangePassword: false,
    });
    const wards = await server.app.inject({
      url: '/v1/wards',
      headers: authHeaders((login.json() as { token: string }).token),
    });
    expect(wards.json()).toEqual({ wards: [DEMO_WARD] });
  });

  test('with SEED_DEMO off there is neither demo ward nor demo officer', async () => {
    const empty = await openTestStore();
    try {
      const result = await bootstrap(empty, { seedDemo: false });
      expect(result.seededDemo).toBe(false);
      expect(result.admin).toBeDefined();
      expect(await empty.listWards()).toEqual([]);
      expect(await empty.findLogin(DEMO_OFFICER.username)).toBeUndefined();
    } finally {
      await empty.close();
    }
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs a TypeScript entry point to completion; resolves with its exit code and output. */
function runScript(file: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** Starts the real server, runs fn against it, stops it with SIGTERM; returns its output. */
async function withServer(
  env: Record<string, string>,
  fn: (url: string, output: () => string) => Promise<void>,
): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      STATIC_DIR: '/nonexistent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
      const ok = await fetch(`${url}/healthz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await fn(url, () => out);
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
  return out;
}

const oneTimePassword = (out: string, username: string) =>
  new RegExp(`created: ${username}\\s+One-time password:\\s+(\\S+)`).exec(out)?.[1];

async function signIn(url: string, username: string, password: string): Promise<Response> {
  return fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

describe('the real server and the admin command line', () => {
  test('the first start prints a one-time password that signs in; the command line adds and lists administrators; a second start prints none', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'bdhvs-bootstrap-'));
    const env = { DATA_DIR: dataDir, SEED_DEMO: 'false', LOG_LEVEL: 'info' };
    try {
      let printed: string | undefined;
      const first = await withServer(env, async (url, output) => {
        // Printed before the server listens, so it is there once /healthz answers.
        printed = oneTimePassword(output(), 'admin');
        expect(printed, output()).toMatch(/^[A-Za-z0-9]{20}$/);
        const res = await signIn(url, 'admin', printed!);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ mustChangePassword: true, account: { role: 'admin' } });
      });
      expect(first).toContain('change it now');
      // Printed once, and never inside a JSON log line.
      expect(first.split(printed!).length - 1).toBe(1);
      for (const line of first.split('\n').filter((l) => l.startsWith('{'))) {
        expect(line).not.toContain(printed!);
      }

      const created = await runScript('scripts/admin.ts', ['create-admin', 'ops.lead'], env);
      expect(created.code, created.out).toBe(0);
      const cliPassword = oneTimePassword(created.out, 'ops.lead');
      expect(cliPassword).toMatch(/^[A-Za-z0-9]{20}$/);
      const again = await runScript('scripts/admin.ts', ['create-admin', 'ops.lead'], env);
      expect(again.code).toBe(1);
      expect(again.out).toContain('already taken');
      const listed = await runScript('scripts/admin.ts', ['list-admins'], env);
      expect(listed.code).toBe(0);
      expect(listed.out).toMatch(/^admin\t.*\nops\.lead\t/m);
      expect(listed.out).not.toContain(cliPassword!);
      expect((await runScript('scripts/admin.ts', ['bogus'], env)).code).toBe(2);

      const second = await withServer(env, async (url) => {
        expect((await signIn(url, 'admin', printed!)).status).toBe(200);
        expect((await signIn(url, 'ops.lead', cliPassword!)).status).toBe(200);
      });
      expect(second).not.toContain('One-time password');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
