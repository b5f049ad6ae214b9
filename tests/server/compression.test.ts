// Compressed bodies (http/compression.ts): gzip request bodies are inflated before the JSON parser under
// the route's body limit (a gzip bomb gets 413, a corrupt body 400, another encoding 415, all in the one
// error shape); answers over 1 KB leave brotli- or gzip-encoded when accepted, static files included,
// and the live event stream is never compressed.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer } from '../../src/server/app';
import { PUSH_BODY_LIMIT } from '../../src/server/http/sync';
import type { SqlStore } from '../../src/server/store';
import { SYNC_EVENTS_PATH, pushResponseSchema, type PlainDoc } from '../../src/shared';
import {
  authHeaders,
  createOfficer,
  enrollDevice,
  expectErrorResponse,
  makeResident,
  openTestStore,
  PROTOCOL_HEADERS,
  seedTestWard,
} from '../helpers/server';

let store: SqlStore;
let app: FastifyInstance;
let base: string;
let ward: string;
let officer: string;
let staticDir: string;
/** A script over the compression threshold, as the built app's assets are. */
const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `từ ${i}`))};\n`;

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'bdhvs-compress-'));
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(staticDir, 'assets', 'index-C0mpr3.js'), SCRIPT);
  store = await openTestStore();
  ward = await seedTestWard(store, ['g1']);
  app = createServer({ store, staticDir, auth: { rateLimitMax: 100_000 } });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  officer = (await createOfficer(store, ward)).token;
  // Enough residents for a pull answer well over the compression threshold.
  const rows = Array.from({ length: 20 }, () => ({ newDocumentState: makeResident(ward, 'g1') }));
  const seeded = await app.inject({
    method: 'POST',
    url: pushUrl(),
    headers: authHeaders(officer),
    payload: { rows },
  });
  expect(seeded.statusCode).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await store?.close();
  await rm(staticDir, { recursive: true, force: true });
});

const pushUrl = () => `/v1/sync/residents/push?wardCode=${ward}`;
const gzipHeaders = () => ({
  ...authHeaders(officer),
  'content-type': 'application/json',
  'content-encoding': 'gzip',
});
const pushGzip = (payload: Buffer, headers: Record<string, string> = gzipHeaders()) =>
  app.inject({ method: 'POST', url: pushUrl(), headers, payload });
const decoded = (res: LightMyRequestResponse) =>
  res.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(res.rawPayload).toString('utf8')
    : res.headers['content-encoding'] === 'gzip'
      ? gunzipSync(res.rawPayload).toString('utf8')
      : res.body;

async function pullAnswer(acceptEncoding?: string) {
  return app.inject({
    url: `/v1/sync/residents/pull?wardCode=${ward}&seq=0&limit=1000`,
    headers: { ...authHeaders(officer), ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
  });
}

describe('gzip request bodies', () => {
  test('a gzip-encoded push is accepted and its documents are stored exactly as sent', async () => {
    const docs = Array.from({ length: 20 }, (_, i) =>
      makeResident(ward, 'g1', { fullName: `Lê Thị Mười ${i}`, birthYear: 1950 + i }),
    );
    const body = Buffer.from(JSON.stringify({ rows: docs.map((doc) => ({ newDocumentState: doc })) }));
    const res = await pushGzip(gzipSync(body));
    expect(res.statusCode).toBe(200);
    expect(pushResponseSchema.parse(res.json())).toEqual({ conflicts: [], quarantined: [] });
    const stored = JSON.parse(decoded(await pullAnswer())) as { documents: PlainDoc[] };
    const byId = new Map(stored.documents.map((d) => [d['id'], d]));
    for (const doc of docs) expect(byId.get(doc['id'])).toEqual(doc);
  });

  test('a gzip bomb over the route limit is refused 413 once it inflates past the limit', async () => {
    // Valid JSON all along (padding inside a string), so only the size can refuse it.
    const bomb = gzipSync(
      Buffer.concat([
        Buffer.from('{"rows":[],"pad":"'),
        Buffer.alloc(PUSH_BODY_LIMIT + 1, 'a'),
        Buffer.from('"}'),
      ]),
    );
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await pushGzip(bomb);
    expectErrorResponse(res, 413, 'payload_too_large');
    expect(res.headers['connection']).toBe('close');
  });

  test("the limit is the route's own: 1 MB for enrolment, however small the compressed body", async () => {
    const inflated = Buffer.concat([
      Buffer.from('{"code":"'),
      Buffer.alloc(1024 * 1024, 'b'),
      Buffer.from('"}'),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: '/v1/auth/enroll',
      headers: { ...PROTOCOL_HEADERS, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(inflated),
    });
    expectErrorResponse(res, 413, 'payload_too_large');
  });

  test('a corrupt gzip body is refused 400', async () => {
    const good = gzipSync(Buffer.from(JSON.stringify({ rows: [] })));
    const corrupt = Buffer.from(good);
    corrupt.fill(0x41, 12, corrupt.length - 4);
    expectErrorResponse(await pushGzip(corrupt), 400, 'bad_request');
    expectErrorResponse(await pushGzip(Buffer.from('{"rows":[]}')), 400, 'bad_request');
  });

  test('brotli, deflate or an unknown encoding on a request is refused 415', async () => {
    for (const encoding of ['br', 'deflate', 'compress', 'gzip, gzip']) {
      const res = await pushGzip(gzipSync(Buffer.from('{"rows":[]}')), {
        ...gzipHeaders(),
        'content-encoding': encoding,
      });
      expectErrorResponse(res, 415, 'unsupported_encoding');
    }
  });

  test('a gzip bomb sent over a real connection gets its 413, not a hung or reset request', async () => {
    const bomb = gzipSync(
      Buffer.concat([
        Buffer.from('{"rows":[],"pad":"'),
        Buffer.alloc(64 * 1024 * 1024, 'a'),
        Buffer.from('"}'),
      ]),
    );
    const res = await fetch(base + pushUrl(), { method: 'POST', headers: gzipHeaders(), body: bomb });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
  });
});

describe('compressed answers', () => {
  test('a pull answer is compressed when accepted, and identical once decompressed', async () => {
    const plain = await pullAnswer();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    for (const [accept, encoding] of [
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'],
    ] as const) {
      const res = await pullAnswer(accept);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['vary']).toContain('accept-encoding');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      expect(decoded(res)).toBe(plain.body);
    }
  });

  test('small answers and errors go out as they are', async () => {
    const res = await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBeUndefined();
    const refused = await app.inject({ url: '/v1/wards', headers: { 'accept-encoding': 'gzip' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expectErrorResponse(refused, 401, 'unauthenticated');
  });

  test("the built app's scripts are served compressed, keep their caching, and answer HEAD", async () => {
    const url = '/assets/index-C0mpr3.js';
    const res = await app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(decoded(res)).toBe(SCRIPT);
    const plain = await app.inject(url);
    expect([plain.headers['content-encoding'], plain.body]).toEqual([undefined, SCRIPT]);
    const head = await app.inject({ method: 'HEAD', url, headers: { 'accept-encoding': 'gzip' } });
    expect([head.statusCode, head.body]).toEqual([200, '']);
  });

  test('the live event stream is never compressed and its first bytes arrive at once', async () => {
    const device = await enrollDevice(app, officer, ward, { role: 'volunteer', groupIds: ['g1'] });
    const abort = new AbortController();
    try {
      const res = await fetch(`${base}${SYNC_EVENTS_PATH}?wardCode=${ward}`, {
        headers: { ...authHeaders(device.deviceToken), 'accept-encoding': 'gzip, deflate, br' },
        signal: abort.signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBeNull();
      const first = await res.body!.getReader().read();
      expect(new TextDecoder().decode(first.value)).toBe(': connected\n\n');
    } finally {
      abort.abort();
    }
  });
});
