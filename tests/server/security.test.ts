// Abuse resistance and browser-facing security (docs/auth.md rule 7–8): security headers with a CSP
// without inline script, CORS closed, body limits, per-IP rate limits, and log redaction.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_AUTH_OPTIONS } from '../../src/server/auth/options';
import { REDACT_PATHS, loggerOptions, redactUrl } from '../../src/server/log';
import { DEMO_WARD, type SqlStore } from '../../src/server/store';
import {
  PROTOCOL_HEADERS,
  authHeaders,
  enrollDevice,
  expectErrorResponse,
  startDemoServer,
  startTestServer,
  type TestServer,
} from '../helpers/server';

let store: SqlStore;
let server: TestServer;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ store, server, close } = await startDemoServer());
});
afterAll(() => close?.());

function directives(csp: string | undefined): Map<string, string[]> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  test('every answer carries a CSP without inline script, nosniff, Referrer-Policy and HSTS', async () => {
    const answers = [
      await server.app.inject('/healthz'),
      await server.app.inject('/v1/wards'),
      await server.app.inject('/v1/nope'),
      await server.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { username: 'x', password: 'y' },
      }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 404, 401]);
    for (const res of answers) {
      const csp = directives(res.headers['content-security-policy'] as string);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('script-src-attr')).toEqual(["'none'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      // A ward server on plain-HTTP LAN must keep working: no forced upgrade.
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    }
  });
});

test('API answers are never cached (they may carry personal data); the app shell may be', async () => {
  for (const url of ['/v1/wards', '/v1/nope', '/v1/auth/me']) {
    expect((await server.app.inject(url)).headers['cache-control']).toBe('no-store');
  }
  expect((await server.app.inject('/healthz')).headers['cache-control']).toBeUndefined();
});

describe('CORS is closed', () => {
  const evil = 'https://evil.example';

  test('a preflight from another site gets no Access-Control-* header', async () => {
    const res = await server.app.inject({
      method: 'OPTIONS',
      url: '/v1/auth/login',
      headers: {
        origin: evil,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  test('a GET or POST with an Origin header from another site gets no Access-Control-Allow-Origin', async () => {
    const token = await server.officerToken(DEMO_WARD.code);
    const answers = [
      await server.app.inject({ url: '/healthz', headers: { origin: evil } }),
      await server.app.inject({ url: '/v1/wards', headers: { origin: evil, ...authHeaders(token) } }),
      await server.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        headers: { origin: evil },
        payload: { username: 'canbo', password: 'whatever-long' },
      }),
    ];
    expect(answers[1]!.statusCode).toBe(200);
    for (const res of answers) {
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });
});

describe('body limits', () => {
  test('a JSON body over 1 MB answers 413 payload_too_large on any endpoint but push', async () => {
    const big = JSON.stringify({ username: 'x', password: 'p'.repeat(1024 * 1024) });
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: big,
    });
    expectErrorResponse(res, 413, 'payload_too_large');
  });

  test('an over-long password or code is refused by its schema, not hashed', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username: 'canbo.hongan', password: 'p'.repeat(201) },
    });
    expectErrorResponse(res, 400, 'invalid_body');
    const enroll = await server.app.inject({
      method: 'POST',
      url: '/v1/auth/enroll',
      payload: { code: 'A'.repeat(21), appVersion: '1' },
    });
    expectErrorResponse(enroll, 400, 'invalid_body');
  });
});

describe('rate limits', () => {
  test('the defaults: 10 attempts a minute per IP; 5 wrong passwords lock for 15 minutes; sessions 12 h; codes 7 days', () => {
    expect(DEFAULT_AUTH_OPTIONS).toEqual({
      rateLimitMax: 10,
      rateLimitWindowMs: 60_000,
      lockoutThreshold: 5,
      lockoutMs: 15 * 60_000,
      sessionTtlMs: 12 * 3_600_000,
      invitationTtlMs: 7 * 24 * 3_600_000,
      touchIntervalMs: 60_000,
    });
  });

  test('sign-in, enrollment, password change and the erase report answer 429 rate_limited with Retry-After past the per-IP limit', async () => {
    const limited = await startTestServer({ store, auth: { rateLimitMax: 3, rateLimitWindowMs: 60_000 } });
    try {
      const officer = await limited.officerToken(DEMO_WARD.code);
      const device = await enrollDevice(limited, officer, DEMO_WARD.code, {
        role: 'volunteer',
        groupIds: ['tdp-01'],
      });
      const attempts = {
        login: { method: 'POST' as const, url: '/v1/auth/login', payload: { username: 'x', password: 'y' } },
        // One enrollment above already counted.
        enroll: {
          method: 'POST' as const,
          url: '/v1/auth/enroll',
          payload: { code: 'AAAA-AAAA', appVersion: '1' },
        },
        password: {
          method: 'POST' as const,
          url: '/v1/auth/password',
          headers: authHeaders(officer),
          payload: { currentPassword: 'x', newPassword: 'yyyyyyyyyyyy' },
        },
        erased: {
          method: 'POST' as const,
          url: '/v1/auth/device/erased',
          headers: authHeaders(device.deviceToken),
          payload: { unsyncedCount: 0 },
        },
      };
      for (const [name, options] of Object.entries(attempts)) {
        const statuses: number[] = [];
        let last;
        for (let i = 0; i < 4; i++) {
          last = await limited.app.inject(options);
          statuses.push(last.statusCode);
        }
        expect([name, statuses.at(-1)]).toEqual([name, 429]);
        expectErrorResponse(last!, 429, 'rate_limited');
        expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(last!.headers['retry-after'])).toBeLessThanOrEqual(60);
        // Another address is counted apart.
        const elsewhere = await limited.app.inject({ ...options, remoteAddress: '10.1.2.3' });
        expect([name, elsewhere.statusCode]).not.toEqual([name, 429]);
      }
      // Other endpoints are not limited this way.
      for (let i = 0; i < 5; i++) {
        expect(
          (await limited.app.inject({ url: '/v1/auth/me', headers: authHeaders(officer) })).statusCode,
        ).toBe(200);
      }
    } finally {
      await limited.close();
    }
  });
});

describe('logs', () => {
  test('secret fields and the enroll query are redacted by the logger', () => {
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString('utf8');
        done();
      },
    });
    const log = pino({ level: 'trace', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    log.info({
      req: { headers: { authorization: 'Bearer SECRET-A' }, body: { code: 'SECRET-B' } },
      body: { password: 'SECRET-C', pin: 'SECRET-D', deviceToken: 'SECRET-E', code: 'SECRET-F' },
      token: 'SECRET-G',
      err: { code: 'FST_ERR_KEPT' },
    });
    expect(out).not.toMatch(/SECRET/);
    expect(out).toContain('FST_ERR_KEPT');
    expect(redactUrl('/?enroll=ABCD2345&x=1')).toBe('/?enroll=[redacted]&x=1');
    expect(redactUrl('/v1/sync/residents/pull?wardCode=99999&seq=0')).toBe(
      '/v1/sync/residents/pull?wardCode=99999&seq=0',
    );
  });

  test('a request with an Authorization header logs no part of the token', async () => {
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString('utf8');
        done();
      },
    });
    const logged = await startTestServer({
      store,
      logger: { ...(loggerOptions('trace') as Record<string, unknown>), stream: sink },
    });
    try {
      const token = 'Q'.repeat(43);
      await logged.app.inject({
        url: '/v1/auth/me',
        headers: { ...PROTOCOL_HEADERS, authorization: `Bearer ${token}` },
      });
      expect(out).toContain('incoming request');
      expect(out).not.toContain(token);
    } finally {
      await logged.close();
    }
  });
});
