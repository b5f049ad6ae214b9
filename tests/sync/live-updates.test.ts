// Live updates (docs/sync.md "Live updates") with real RxDB devices (memory storage) and the real server,
// polling disabled: a record saved on one phone reaches another phone of the same group through the event
// stream alone; a phone of another group is told nothing; the stream survives a server restart and a
// network cut; an old app gets 426 without the status showing a problem; the server closes with streams
// open; and the app syncs when it comes back to the foreground.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { createDatabase, memoryKeyValue } from '../../src/client/db';
import { browserNetwork } from '../../src/client/platform/network';
import { startSync, type SyncController } from '../../src/client/sync';
import { PROTOCOL_HEADER, SYNC_EVENTS_PATH } from '../../src/shared';
import { authHeaders, enrollDevice } from '../helpers/server';
import {
  draft,
  saved,
  sleep,
  startDevice,
  startTestServer,
  WARD,
  type TestDevice,
  type TestServer,
} from './harness';

let server: TestServer;
let devices: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await Promise.all(devices.map((d) => d.close()));
  devices = [];
});

async function device(name: string, groupIds = ['tdp-01']): Promise<TestDevice> {
  const d = await startDevice(server, name, { groupIds });
  devices.push(d);
  return d;
}

/** A phone like the harness's but without live updates: only an explicit "sync now" brings changes. */
async function quietDevice(name: string, groupIds = ['tdp-01']) {
  const enrolled = await enrollDevice(server.app, server.officerToken, WARD.code, {
    role: 'volunteer',
    groupIds,
  });
  const db = await createDatabase({
    storage: getRxStorageMemory(),
    multiInstance: false,
    name: `${name}-${Math.random().toString(36).slice(2)}`,
    wardCode: WARD.code,
    actor: { id: enrolled.accountId, name: 'Tình nguyện viên Thử' },
  });
  const sync: SyncController = await startSync({
    db,
    wardCode: WARD.code,
    kv: memoryKeyValue(),
    network: { isOnline: () => true, subscribe: () => () => undefined },
    baseUrl: server.url,
    getToken: () => enrolled.deviceToken,
    retryMs: 50,
    backoff: { baseMs: 20, maxMs: 200 },
    pollIntervalMs: 3_600_000,
    liveUpdates: false,
  });
  const d = {
    db,
    sync,
    async close() {
      await sync.stop();
      await db.close();
    },
  };
  devices.push(d);
  return d;
}

/** Resolves when the device holds a live copy of the resident; rejects after the timeout. */
async function arrives(d: { db: TestDevice['db'] }, id: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await d.db.rx.residents.findOne(id).exec()) !== null) return;
    await sleep(25);
  }
  throw new Error(`resident ${id} did not arrive within ${timeoutMs} ms`);
}

const addResident = async (d: TestDevice, name: string, groupId = 'tdp-01') =>
  (await saved(d.db.residents.add(draft(name, groupId)))).id;

/** The event stream as a device of the ward reads it, for looking at exactly what it is told. */
async function rawStream(token: string) {
  const abort = new AbortController();
  const res = await fetch(`${server.url}${SYNC_EVENTS_PATH}?wardCode=${WARD.code}`, {
    headers: authHeaders(token),
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  let text = '';
  const reading = (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted
    }
  })();
  const stream = {
    text: () => text,
    async until(predicate: (t: string) => boolean, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(text)) {
        if (Date.now() > deadline) throw new Error(`stream never matched; got ${JSON.stringify(text)}`);
        await sleep(10);
      }
    },
    async close() {
      abort.abort();
      await reading;
    },
  };
  devices.push(stream);
  await stream.until((t) => t.includes(': connected'));
  return stream;
}

const changeEvents = (text: string) => text.split('event: change').length - 1;

describe('live updates', () => {
  test('a record saved on one phone reaches another phone of the group through the stream alone', async () => {
    const a = await device('live-a');
    const b = await device('live-b');
    const quiet = await quietDevice('live-quiet');
    await Promise.all([a.sync.awaitInSync(), b.sync.awaitInSync(), quiet.sync.awaitInSync()]);
    await vi.waitFor(() => expect(b.net.calls.some((u) => u.includes(SYNC_EVENTS_PATH))).toBe(true));

    const id = await addResident(a, 'Trịnh Thị Sống');
    await arrives(b, id);
    // The same phone without the stream (and without a poll) has not heard of it: the stream did it.
    expect(await quiet.db.rx.residents.findOne(id).exec()).toBeNull();
    quiet.sync.syncNow();
    await arrives(quiet, id);
  });

  test('a phone of another group is told nothing about this group', async () => {
    const a = await device('scope-a', ['tdp-01']);
    const other = await device('scope-other', ['tdp-02']);
    const mine = await rawStream(a.token);
    const theirs = await rawStream(other.token);

    await addResident(a, 'Đỗ Văn Riêng', 'tdp-01');
    await mine.until((t) => changeEvents(t) >= 1);
    // Then a write in tdp-02: the first and only notice the other group's phone gets is that one.
    await addResident(other, 'Đỗ Thị Khác', 'tdp-02');
    await theirs.until((t) => changeEvents(t) >= 1);
    await sleep(100);
    expect(changeEvents(theirs.text())).toBe(1);
    expect(theirs.text()).toContain('data: {"collections":["residents"]}');
  });

  test('the stream comes back after the server restarts, and after the network returns', async () => {
    const a = await device('restart-a');
    const b = await device('restart-b');
    await Promise.all([a.sync.awaitInSync(), b.sync.awaitInSync()]);
    const listeners = () => server.store.changes.listenerCount();
    await vi.waitFor(() => expect(listeners()).toBe(4)); // two streams: ward + account each

    await server.restart();
    await vi.waitFor(() => expect(listeners()).toBe(4), { timeout: 5000 });
    const afterRestart = await addResident(a, 'Vũ Thị Khởi');
    await arrives(b, afterRestart);

    b.setOnline(false);
    await vi.waitFor(() => expect(listeners()).toBe(2));
    const whileOffline = await addResident(a, 'Vũ Văn Mất');
    await a.sync.awaitInSync();
    b.setOnline(true);
    await arrives(b, whileOffline);
    await vi.waitFor(() => expect(listeners()).toBe(4));
    const backOnline = await addResident(a, 'Vũ Thị Về');
    await arrives(b, backOnline);
  });

  test('an old app gets 426 on the stream, and the stream alone never shows a problem', async () => {
    const old = await fetch(`${server.url}${SYNC_EVENTS_PATH}?wardCode=${WARD.code}`, {
      headers: { ...authHeaders(server.officerToken), [PROTOCOL_HEADER]: '1' },
    });
    expect(old.status).toBe(426);
    expect(await old.json()).toMatchObject({ error: { code: 'client_too_old' } });

    const a = await device('old-stream');
    a.net.before = (url, init) =>
      url.includes(SYNC_EVENTS_PATH)
        ? { ...init, headers: { ...(init.headers as object), [PROTOCOL_HEADER]: '1' } }
        : init;
    // The connection drops and comes back: the stream is refused (426) while the exchanges succeed.
    a.setOnline(false);
    a.setOnline(true);
    await a.sync.awaitInSync();
    await vi.waitFor(() =>
      expect(a.net.calls.filter((u) => u.includes(SYNC_EVENTS_PATH)).length).toBeGreaterThan(2),
    );
    expect(a.status().problem).toBeNull();
  });

  test('the app syncs when it comes back to the foreground', () => {
    const document = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
    const navigator = { onLine: true };
    const win = Object.assign(new EventTarget(), { document, navigator }) as unknown as Window;
    const seen: boolean[] = [];
    const unsubscribe = browserNetwork(win).subscribe((online) => seen.push(online));
    document.dispatchEvent(new Event('visibilitychange')); // hidden: nothing
    document.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    navigator.onLine = false;
    document.dispatchEvent(new Event('visibilitychange')); // visible but offline: nothing
    unsubscribe();
    navigator.onLine = true;
    document.dispatchEvent(new Event('visibilitychange'));
    expect(seen).toEqual([true]);
  });
});

describe('live updates, server shutdown', () => {
  test('the server closes at once with phones streaming, and the phones keep their records', async () => {
    const own = await startTestServer();
    const a = await startDevice(own, 'close-a', { groupIds: ['tdp-01'] });
    const b = await startDevice(own, 'close-b', { groupIds: ['tdp-01'] });
    try {
      await vi.waitFor(() => expect(own.store.changes.listenerCount()).toBe(4));
      const started = Date.now();
      await own.app.close();
      expect(Date.now() - started).toBeLessThan(2000);
      const id = await addResident(a, 'Lý Thị Đóng');
      await a.until((s) => s.problem === 'unreachable');
      expect(await a.db.rx.residents.findOne(id).exec()).not.toBeNull();
    } finally {
      await a.close();
      await b.close();
      await own.close();
    }
  });
});
