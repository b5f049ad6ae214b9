// The HTTP surface: health, wards, security headers, and static files with the caching a
// service-worker app needs. Error shapes and the protocol gate: http-errors.test.ts.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_WARD, seedDemo, type SqlStore } from '../../src/server/store';
import { SERVER_VERSION } from '../../src/server/http/healthz';
import { expectErrorResponse, startDemoServer, startTestServer, type TestServer } from '../helpers/server';

let store: SqlStore;
let server: TestServer;
/** Headers of the demo ward's officer. */
let officer: Record<string, string>;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ store, server, officer, close } = await startDemoServer());
});
afterAll(() => close?.());

describe('health and wards', () => {
  test('GET /healthz answers ok with the engine and the server version', async () => {
    const res = await server.app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'pglite', version: SERVER_VERSION });
    expect(SERVER_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('GET /healthz answers 503 unavailable when the database does not answer', async () => {
    const down = await startTestServer({
      store: { ...store, ping: () => Promise.reject(new Error('connection refused')) },
    });
    try {
      expectErrorResponse(await down.app.inject('/healthz'), 503, 'unavailable');
    } finally {
      await down.close();
    }
  });

  test("GET /v1/wards lists the demo ward to the demo ward's officer", async () => {
    const res = await server.app.inject({ url: '/v1/wards', headers: officer });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ wards: [DEMO_WARD] });
  });

  test('seeding the demo ward again changes nothing, and its five groups are pullable', async () => {
    const before = await server.pull('groups', DEMO_WARD.code, 0);
    expect(await seedDemo(store)).toBe(false);
    expect(await server.pull('groups', DEMO_WARD.code, 0)).toEqual(before);
    expect(before.documents.map((g) => [g['id'], g['name'], g['kind']])).toEqual(
      [1, 2, 3, 4, 5].map((n) => [`tdp-0${n}`, `Tổ dân phố ${n}`, 'to_dan_pho']),
    );
    expect(await store.listGroups(DEMO_WARD.code)).toHaveLength(5);
  });
});

test('every response carries the security headers', async () => {
  for (const url of ['/healthz', '/v1/wards', '/v1/nope']) {
    const res = await server.app.inject(url);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  }
});

describe('static files', () => {
  let dir: string;
  let web: TestServer;
  const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bdhvs-static-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(join(dir, 'sw.js'), 'self.skipWaiting();');
    await writeFile(join(dir, 'manifest.webmanifest'), '{}');
    await writeFile(join(dir, 'robots.txt'), 'User-agent: *');
    await writeFile(join(dir, 'assets', 'index-BX3k9a.js'), 'export {};');
    web = await startTestServer({ store, staticDir: dir });
  });
  afterAll(async () => {
    await web?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('entry files are served with Cache-Control no-cache', async () => {
    for (const url of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      const res = await web.app.inject(url);
      expect([url, res.statusCode, res.headers['cache-control']]).toEqual([url, 200, 'no-cache']);
    }
  });

  test('hashed files under /assets/ are cached for a year as immutable', async () => {
    const res = await web.app.inject('/assets/index-BX3k9a.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  test('a page route the server does not know gets index.html', async () => {
    const res = await web.app.inject({ url: '/residents/new?group=tdp-01', headers: html });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>app</title>');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  test('a missing file, or an unknown API route, still answers the JSON 404', async () => {
    expectErrorResponse(
      await web.app.inject({ url: '/assets/missing.js', headers: { accept: '*/*' } }),
      404,
      'not_found',
    );
    expectErrorResponse(await web.app.inject({ url: '/v1/nope', headers: html }), 404, 'not_found');
    expectErrorResponse(await web.app.inject({ url: '/healthz/x', headers: html }), 404, 'not_found');
  });

  test('the API keeps working next to static files', async () => {
    expect((await web.app.inject('/healthz')).statusCode).toBe(200);
    expect((await web.app.inject({ url: '/v1/wards', headers: { ...html, ...officer } })).json()).toEqual({
      wards: [DEMO_WARD],
    });
  });

  test('a static folder without index.html serves only the API', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'bdhvs-empty-'));
    const apiOnly = await startTestServer({ store, staticDir: empty });
    try {
      expectErrorResponse(await apiOnly.app.inject({ url: '/', headers: html }), 404, 'not_found');
      expect((await apiOnly.app.inject('/healthz')).statusCode).toBe(200);
    } finally {
      await apiOnly.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
