// GET /v1/sync/events (docs/sync.md "Live updates") on a real listening server, read with fetch the way
// the app reads it: the gate (426, 401, 403 before the stream opens), change notices only for committed
// writes in the principal's scope, heartbeats, the per-principal cap, cleanup on disconnect and on access
// change, and a server close that does not wait for open streams.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer } from '../../src/server/app';
import { DEFAULT_AUTH_OPTIONS } from '../../src/server/auth/options';
import { registerErrorHandlers } from '../../src/server/http/errors';
import { registerEvents } from '../../src/server/http/events';
import type { SqlStore } from '../../src/server/store';
import { PROTOCOL_HEADER, SYNC_EVENTS_PATH, type PlainDoc } from '../../src/shared';
import {
  authHeaders,
  createAdmin,
  createOfficer,
  enrollDevice,
  makeResident,
  makeSession,
  openTestStore,
  seedTestWard,
} from '../helpers/server';

/** A stream read as the app reads it: fetch, then the body's chunks as text. */
interface EventReader {
  response: Response;
  /** Everything received so far. */
  text(): string;
  /** The `change` events received so far, as their data. */
  changes(): unknown[];
  /** Resolves when the received text satisfies the predicate; rejects after the timeout. */
  until(predicate: (text: string) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves once the server has ended the stream. */
  ended: Promise<void>;
  close(): void;
}

async function openEvents(url: string, headers: Record<string, string>): Promise<EventReader> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  let received = '';
  const waiters = new Set<() => void>();
  const ended = (async () => {
    if (!response.ok || response.body === null) return;
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        received += decoder.decode(value, { stream: true });
        for (const wake of [...waiters]) wake();
      }
    } catch {
      // Aborted by the test.
    }
  })();
  return {
    response,
    text: () => received,
    changes: () =>
      received
        .split('\n\n')
        .filter((block) => block.startsWith('event: change\n'))
        .map((block) => JSON.parse(block.split('\ndata: ')[1]!) as unknown),
    until(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(received)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`stream never matched; got ${JSON.stringify(received)}`));
        }, timeoutMs);
        waiters.add(check);
        void ended.then(() => {
          if (waiters.has(check)) {
            waiters.delete(check);
            clearTimeout(timer);
            if (predicate(received)) resolve();
            else reject(new Error(`stream ended; got ${JSON.stringify(received)}`));
          }
        });
        check();
      });
    },
    ended,
    close: () => abort.abort(),
  };
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('the live update stream', () => {
  let store: SqlStore;
  let app: FastifyInstance;
  let base: string;
  let ward: string;
  let officer: string;
  let volunteer: { deviceToken: string; accountId: string };
  const readers: EventReader[] = [];

  const eventsUrl = (wardCode = ward) => `${base}${SYNC_EVENTS_PATH}?wardCode=${wardCode}`;
  const open = async (token: string, wardCode = ward) => {
    const reader = await openEvents(eventsUrl(wardCode), authHeaders(token));
    readers.push(reader);
    return reader;
  };
  const push = async (docs: PlainDoc[], collection = 'residents') => {
    const res = await app.inject({
      method: 'POST',
      url: `/v1/sync/${collection}/push`,
      query: { wardCode: ward },
      headers: authHeaders(officer),
      payload: { rows: docs.map((doc) => ({ newDocumentState: doc })) },
    });
    expect(res.statusCode).toBe(200);
  };

  beforeAll(async () => {
    store = await openTestStore();
    ward = await seedTestWard(store, ['g1', 'g2']);
    app = createServer({ store, auth: { rateLimitMax: 100_000 } });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    officer = (await createOfficer(store, ward)).token;
    volunteer = await enrollDevice(app, officer, ward, { role: 'volunteer', groupIds: ['g1'] });
  });
  afterAll(async () => {
    readers.forEach((r) => r.close());
    await app.close();
    await store.close();
  });

  test('refuses an old app (426), a missing token (401), another ward or an administrator (403)', async () => {
    const noProtocol = await fetch(eventsUrl(), { headers: { authorization: `Bearer ${officer}` } });
    expect(noProtocol.status).toBe(426);
    expect(await noProtocol.json()).toEqual({
      error: { code: 'client_too_old', message: expect.any(String) },
    });
    const old = await fetch(eventsUrl(), { headers: { ...authHeaders(officer), [PROTOCOL_HEADER]: '1' } });
    expect(old.status).toBe(426);
    const anonymous = await fetch(eventsUrl(), { headers: { [PROTOCOL_HEADER]: '2' } });
    expect(anonymous.status).toBe(401);
    const other = await seedTestWard(store, ['g1']);
    const elsewhere = await fetch(eventsUrl(other), { headers: authHeaders(volunteer.deviceToken) });
    expect(elsewhere.status).toBe(403);
    const admin = await createAdmin(store);
    const adminStream = await fetch(eventsUrl(), { headers: authHeaders(admin.token) });
    expect(adminStream.status).toBe(403);
    expect((await adminStream.json()) as unknown).toMatchObject({ error: { code: 'forbidden' } });
  });

  test('is an unbuffered, uncached event stream with the usual security headers', async () => {
    const reader = await open(volunteer.deviceToken);
    const h = reader.response.headers;
    expect(reader.response.status).toBe(200);
    expect(h.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(h.get('cache-control')).toBe('no-store');
    expect(h.get('x-accel-buffering')).toBe('no');
    expect(h.get('content-encoding')).toBeNull();
    expect(h.get('x-content-type-options')).toBe('nosniff');
    await reader.until((t) => t.startsWith(': connected\n\n'));
    reader.close();
  });

  test('tells a volunteer about writes in their groups only, and an officer about the whole ward', async () => {
    const mine = await open(volunteer.deviceToken);
    const ward_ = await open(officer);
    await mine.until((t) => t.includes(': connected'));
    await ward_.until((t) => t.includes(': connected'));
    // Another group's write first: if it were sent, it would arrive before the volunteer's own.
    await push([makeResident(ward, 'g2')]);
    await push([makeSession(ward, 'g1')], 'sessions');
    await mine.until((t) => t.includes('event: change'));
    await ward_.until((t) => count(t, 'event: change') === 2);
    expect(mine.changes()).toEqual([{ collections: ['sessions'] }]);
    expect(ward_.changes()).toEqual([{ collections: ['residents'] }, { collections: ['sessions'] }]);
    mine.close();
    ward_.close();
  });

  test('says nothing for a push that writes nothing (an unchanged re-send)', async () => {
    const doc = makeResident(ward, 'g1');
    await push([doc]);
    const reader = await open(volunteer.deviceToken);
    await reader.until((t) => t.includes(': connected'));
    await push([doc]); // idempotent: no write, no event
    await push([makeResident(ward, 'g1')]); // a write: one event
    await reader.until((t) => t.includes('event: change'));
    expect(reader.changes()).toEqual([{ collections: ['residents'] }]);
    reader.close();
  });

  test('keeps at most three streams per device: a fourth closes the oldest', async () => {
    const streams = [];
    for (let i = 0; i < 4; i++) {
      const reader = await open(volunteer.deviceToken);
      await reader.until((t) => t.includes(': connected'));
      streams.push(reader);
    }
    await streams[0]!.ended;
    await push([makeResident(ward, 'g1')]);
    for (const reader of streams.slice(1)) await reader.until((t) => t.includes('event: change'));
    expect(streams[0]!.text()).not.toContain('event: change');
    streams.forEach((r) => r.close());
  });

  test('ends the streams of an account whose access changed', async () => {
    const reader = await open(volunteer.deviceToken);
    await reader.until((t) => t.includes(': connected'));
    store.changes.accessChanged(volunteer.accountId);
    await reader.ended;
  });

  test('unsubscribes a stream when the client goes away', async () => {
    const before = store.changes.listenerCount();
    const reader = await open(volunteer.deviceToken);
    await reader.until((t) => t.includes(': connected'));
    expect(store.changes.listenerCount()).toBe(before + 2);
    reader.close();
    const deadline = Date.now() + 5000;
    while (store.changes.listenerCount() !== before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(store.changes.listenerCount()).toBe(before);
  });
});

describe('the live update stream, on its own server', () => {
  let store: SqlStore;
  let ward: string;
  let officer: string;
  beforeAll(async () => {
    store = await openTestStore();
    ward = await seedTestWard(store, ['g1']);
    officer = (await createOfficer(store, ward)).token;
  });
  afterAll(() => store.close());

  /** The events route alone, with its timings, on a listening server. */
  async function eventsServer(options: Parameters<typeof registerEvents>[2]) {
    const app = Fastify();
    app.decorateRequest('principal', null);
    registerErrorHandlers(app);
    registerEvents(app, { store, options: DEFAULT_AUTH_OPTIONS, now: () => new Date() }, options);
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, url: `${base}${SYNC_EVENTS_PATH}?wardCode=${ward}` };
  }

  test('sends a heartbeat comment regularly and ends a stream after its maximum age', async () => {
    const { app, url } = await eventsServer({ heartbeatMs: 30, maxStreamMs: 500 });
    try {
      const reader = await openEvents(url, authHeaders(officer));
      await reader.until((t) => count(t, ': heartbeat') >= 3);
      await reader.ended;
      expect(reader.text()).not.toContain('event:');
    } finally {
      await app.close();
    }
  });

  test('close() ends open streams at once instead of waiting for them', async () => {
    const { app, url } = await eventsServer({});
    const before = store.changes.listenerCount();
    const open = await Promise.all([1, 2, 3].map(() => openEvents(url, authHeaders(officer))));
    await Promise.all(open.map((r) => r.until((t) => t.includes(': connected'))));
    expect(store.changes.listenerCount()).toBe(before + 6);
    // A client that went away first (Node's fetch then leaves an unused connection behind).
    open.pop()!.close();
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await Promise.all(open.map((r) => r.ended));
    expect(store.changes.listenerCount()).toBe(before);
  });
});
