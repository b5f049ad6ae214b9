// Sync test harness: the real server (in-process, PGlite or real PostgreSQL) listening on loopback and
// restartable over the same store, and real RxDB devices (memory storage) replicating with it — directly
// through a fetch that tests can break on purpose, or through the fault proxy (tests/helpers/fault-proxy.ts)
// — with their own clock, network switch, and sync that can be stopped and reopened on the same database.
import { getChangedDocumentsSince, type RxCollection } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { FastifyInstance } from 'fastify';
import {
  createDatabase,
  EMPTY_RESIDENT_DRAFT,
  memoryKeyValue,
  type AppDatabase,
  type KeyValue,
  type ResidentDraft,
} from '../../src/client/db';
import {
  startSync,
  type NetworkSource,
  type RecordMarks,
  type SyncController,
  type SyncStatus,
} from '../../src/client/sync';
import { createServer } from '../../src/server/app';
import { seedWard, type SqlStore, type StoreTestOptions } from '../../src/server/store';
import {
  canonicalJson,
  syncState,
  type PlainDoc,
  type PushableCollection,
  type ResidentialGroup,
  type SyncCollection,
} from '../../src/shared';
import {
  createOfficer,
  createPgTestDatabase,
  enrollDevice,
  nextWardCode,
  openTestStore,
} from '../helpers/server';

export const WARD = { code: '99990', name: 'Phường Thử Nghiệm', provinceCode: '31' };
export const GROUPS: ResidentialGroup[] = [1, 2, 3].map((n) => ({
  id: `tdp-0${n}`,
  wardCode: WARD.code,
  name: `Tổ dân phố ${n}`,
  kind: 'to_dan_pho',
}));

/** A ward on the test server with its officer (devices of a ward are enrolled by its officer). */
export interface TestWard {
  code: string;
  officerToken: string;
  groupIds: string[];
}

export interface TestServer {
  /** The server's current URL: it changes when the server is restarted. */
  url: string;
  /** A session of the ward's officer, for reading what the server holds. */
  officerToken: string;
  store: SqlStore;
  /** The current Fastify app (a new one after each restart). */
  app: FastifyInstance;
  /** 'pglite' (in memory) or 'postgres' (a throw-away schema on real PostgreSQL). */
  kind: 'pglite' | 'postgres';
  /** The ward every device is enrolled in unless told otherwise (WARD). */
  ward: TestWard;
  /**
   * The server process dies and comes back: the Fastify app is closed (in-flight requests finish) and a
   * new one is started over the same store, on a new port. Resolves to the new URL.
   */
  restart(): Promise<string>;
  /** Registers a new ward (fresh code) with groups tdp-01…tdp-03 and an officer. */
  addWard(): Promise<TestWard>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /**
   * Real PostgreSQL (e.g. TEST_DATABASE_URL): the store lives in a fresh schema, dropped on close.
   * Default: in-memory PGlite.
   */
  postgresUrl?: string;
  /** Test-only store knobs (e.g. widen the window between taking a sequence value and committing). */
  storeTest?: StoreTestOptions;
}

const SERVER_AUTH = { rateLimitMax: 100_000 };

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const pg = options.postgresUrl ? await createPgTestDatabase(options.postgresUrl) : null;
  const test = options.storeTest;
  const store = pg ? await pg.open(test ? { test } : {}) : await openTestStore(test);
  await seedWard(store, WARD, GROUPS);
  let app = createServer({ store, auth: SERVER_AUTH });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const officer = await createOfficer(store, WARD.code);
  let restarting: Promise<string> | null = null;
  const server: TestServer = {
    url,
    officerToken: officer.token,
    store,
    app,
    kind: pg ? 'postgres' : 'pglite',
    ward: { code: WARD.code, officerToken: officer.token, groupIds: GROUPS.map((g) => g.id) },
    restart() {
      restarting ??= (async () => {
        try {
          await app.close();
          app = createServer({ store, auth: SERVER_AUTH });
          server.url = await app.listen({ port: 0, host: '127.0.0.1' });
          server.app = app;
          return server.url;
        } finally {
          restarting = null;
        }
      })();
      return restarting;
    },
    async addWard() {
      const code = nextWardCode();
      const groups = GROUPS.map((g) => ({ ...g, wardCode: code }));
      await seedWard(store, { code, name: `Phường thử ${code}`, provinceCode: '31' }, groups);
      const { token } = await createOfficer(store, code);
      return { code, officerToken: token, groupIds: groups.map((g) => g.id) };
    },
    async close() {
      await restarting?.catch(() => undefined);
      await app.close();
      if (pg) await pg.drop();
      else await store.close();
    },
  };
  return server;
}

/** A fetch whose behaviour a test switches: up, down (request never reaches the server), and hooks. */
export interface FaultyFetch {
  fetch: typeof fetch;
  mode: 'up' | 'down';
  /** Called with each request before it is sent; may replace the init or throw. */
  before?: (url: string, init: RequestInit) => RequestInit;
  /** Called after the server answered; may throw to simulate a lost reply. */
  after?: (url: string, res: Response) => void;
  calls: string[];
}

export function faultyFetch(): FaultyFetch {
  const f: FaultyFetch = {
    mode: 'up',
    calls: [],
    fetch: async (input, init = {}) => {
      const url = String(input);
      f.calls.push(url);
      if (f.mode === 'down') throw new TypeError('Failed to fetch');
      const useInit = f.before ? f.before(url, init) : init;
      const res = await globalThis.fetch(url, useInit);
      f.after?.(url, res);
      return res;
    },
  };
  return f;
}

export interface TestDevice {
  name: string;
  deviceId: string;
  accountId: string;
  /** The device token (bearer). */
  token: string;
  wardCode: string;
  db: AppDatabase;
  kv: KeyValue;
  /** The running sync (a new controller after stopSync + startSync). */
  sync: SyncController;
  net: FaultyFetch;
  /** The device's clock (createDatabase's `now`): the system clock plus clockOffsetMs. */
  now(): Date;
  status(): SyncStatus;
  /** Resolves when the status satisfies the predicate (or rejects after a timeout). */
  until(predicate: (s: SyncStatus) => boolean, timeoutMs?: number): Promise<SyncStatus>;
  /** Resolves when the per-record marks satisfy the predicate (or rejects after a timeout). */
  untilMarks(predicate: (m: RecordMarks) => boolean, timeoutMs?: number): Promise<RecordMarks>;
  /**
   * The phone loses or finds its connection: requests fail at once while offline, and the sync hears
   * about it as the browser's online/offline events (coming back online asks for an exchange).
   */
  setOnline(online: boolean): void;
  /** Whether the sync is running (between startSync and stopSync). */
  readonly running: boolean;
  /** The app is closed: the sync is stopped; the database and its records stay. */
  stopSync(): Promise<void>;
  /** The app is opened again on the same database (and the same receipts): a new sync starts. */
  startSync(): Promise<void>;
  close(): Promise<void>;
}

export interface DeviceOptions {
  /** Residential groups of the device's volunteer; default: every group of the ward. */
  groupIds?: string[];
  /** The ward to enrol in; default: the server's WARD. */
  ward?: TestWard;
  /**
   * Where the device sends its requests (e.g. a fault proxy's URL). Default: the server itself, following
   * it when it is restarted on a new port.
   */
  baseUrl?: string;
  /** The device clock's error in ms (e.g. -3 days); default 0. */
  clockOffsetMs?: number;
  /** RxDB's retry wait after a failed exchange; default 50 ms. */
  retryMs?: number;
}

/** The browser's online/offline events, switched by the test. */
function switchableNetwork() {
  let online = true;
  const listeners = new Set<(online: boolean) => void>();
  const source: NetworkSource = {
    isOnline: () => online,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
  };
  const set = (next: boolean) => {
    if (next === online) return;
    online = next;
    for (const listener of [...listeners]) listener(online);
  };
  return { source, set };
}

/** A phone enrolled through the real invitation and enrollment endpoints, then replicating with its token. */
export async function startDevice(
  server: TestServer,
  name: string,
  groupIdsOrOptions: string[] | DeviceOptions = {},
): Promise<TestDevice> {
  const o: DeviceOptions = Array.isArray(groupIdsOrOptions)
    ? { groupIds: groupIdsOrOptions }
    : groupIdsOrOptions;
  const ward = o.ward ?? server.ward;
  const enrolled = await enrollDevice(server.app, ward.officerToken, ward.code, {
    role: 'volunteer',
    groupIds: o.groupIds ?? ward.groupIds,
  });
  const offset = o.clockOffsetMs ?? 0;
  const now = () => new Date(Date.now() + offset);
  const db = await createDatabase({
    storage: getRxStorageMemory(),
    multiInstance: false,
    name: `${name}-${Math.random().toString(36).slice(2)}`,
    wardCode: ward.code,
    actor: { id: enrolled.accountId, name: 'Tình nguyện viên Thử' },
    now,
  });
  const kv = memoryKeyValue();
  const net = faultyFetch();
  const network = switchableNetwork();
  // Without a base URL the device talks to the server wherever it listens now (restarts move it).
  const startUrl = server.url;
  const fetchFn: typeof fetch =
    o.baseUrl === undefined
      ? (input, init) => {
          const url = String(input);
          return net.fetch(url.startsWith(startUrl) ? server.url + url.slice(startUrl.length) : url, init);
        }
      : net.fetch;
  const begin = () =>
    startSync({
      db,
      wardCode: ward.code,
      kv,
      network: network.source,
      baseUrl: o.baseUrl ?? startUrl,
      fetch: fetchFn,
      getToken: () => enrolled.deviceToken,
      appVersion: 'test',
      retryMs: o.retryMs ?? 50,
      backoff: { baseMs: 20, maxMs: 200 },
      pollIntervalMs: 3_600_000,
    });
  let sync = await begin();
  let running = true;
  let closed = false;
  const device: TestDevice = {
    name,
    deviceId: enrolled.deviceId,
    accountId: enrolled.accountId,
    token: enrolled.deviceToken,
    wardCode: ward.code,
    db,
    kv,
    get sync() {
      return sync;
    },
    net,
    now,
    status: () => sync.status.get(),
    until: (predicate, timeoutMs) => waitFor(sync.status, predicate, 'status', timeoutMs),
    untilMarks: (predicate, timeoutMs) => waitFor(sync.records, predicate, 'marks', timeoutMs),
    setOnline(online) {
      net.mode = online ? 'up' : 'down';
      network.set(online);
    },
    get running() {
      return running;
    },
    async stopSync() {
      if (!running) return;
      running = false;
      await sync.stop();
    },
    async startSync() {
      if (running || closed) return;
      sync = await begin();
      running = true;
    },
    async close() {
      if (closed) return;
      closed = true;
      await device.stopSync();
      await db.close();
    },
  };
  return device;
}

interface Watchable<T> {
  get(): T;
  subscribe(onChange: (value: T) => void): () => void;
}

function waitFor<T>(source: Watchable<T>, predicate: (v: T) => boolean, what: string, timeoutMs = 10_000) {
  return new Promise<T>((resolve, reject) => {
    let stop: () => void = () => undefined;
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${what} never matched; last: ${describe(source.get())}`));
    }, timeoutMs);
    stop = source.subscribe((v) => {
      if (predicate(v)) {
        clearTimeout(timer);
        queueMicrotask(() => stop());
        resolve(v);
      }
    });
  });
}

const describe = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) =>
    x instanceof Set ? [...x] : x instanceof Map ? Object.fromEntries(x) : x,
  );

/** A resident as the add form hands it over: registration consent given verbally, today. */
export function draft(fullName: string, groupId = 'tdp-01'): ResidentDraft {
  return {
    ...EMPTY_RESIDENT_DRAFT,
    fullName,
    birthYear: '1960',
    sex: 'female',
    groupId,
    consent: { registration: true, contact: false, method: 'verbal', date: '' },
  };
}

// ---------------------------------------------------------------------------------------------------
// What each side holds, for the fault tests and the soak's checker.

/** Every record of a ward's collection on the server (tombstones included) by id, as pulled, with seq. */
export async function serverRecords(
  server: TestServer,
  wardCode: string,
  collection: SyncCollection,
): Promise<Map<string, { state: PlainDoc; seq: number }>> {
  const out = new Map<string, { state: PlainDoc; seq: number }>();
  let after = 0;
  for (;;) {
    const { rows } = await server.store.pull(collection, wardCode, after, 1000);
    for (const row of rows) {
      out.set(String(row.doc['id']), {
        state: syncState({ ...row.doc, _deleted: row.deleted }),
        seq: row.seq,
      });
    }
    if (rows.length < 1000) return out;
    after = rows.at(-1)!.seq;
  }
}

/** Every record of a device's collection (deletions included) by id, in replicated form. */
export async function localRecords(
  device: TestDevice,
  collection: PushableCollection | 'groups',
): Promise<Map<string, PlainDoc>> {
  const rx = device.db.rx[collection] as unknown as RxCollection<PlainDoc>;
  const out = new Map<string, PlainDoc>();
  let checkpoint: unknown;
  for (;;) {
    const page = await getChangedDocumentsSince(rx.storageInstance, 1000, checkpoint);
    for (const doc of page.documents as PlainDoc[]) out.set(String(doc['id']), syncState(doc));
    if (page.documents.length < 1000) return out;
    checkpoint = page.checkpoint;
  }
}

/**
 * One round of "everyone syncs": each device asks for an exchange, then waits until its replications
 * are idle and nothing is waiting. Devices run in turn, so what one pushed is there for the next to pull.
 */
export async function syncRound(devices: readonly TestDevice[], timeoutMs = 10_000): Promise<void> {
  for (const d of devices) {
    d.sync.syncNow();
    await withTimeout(d.sync.awaitInSync(), timeoutMs, `${d.name} awaitInSync`);
    await d.until((s) => s.waiting === 0, timeoutMs);
  }
}

/**
 * Rounds of syncRound until every device holds exactly what the server holds for its ward (conflict
 * merges need a round trip or two to reach everyone). Rejects with the differences after the deadline.
 */
export async function settle(
  server: TestServer,
  devices: readonly TestDevice[],
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  // First all at once (most runs converge here), then in turns, so each pulls what the previous pushed.
  for (let round = 0; ; round++) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`devices did not converge: ${last.slice(0, 5).join('; ')}`);
    if (round === 0) await Promise.all(devices.map((d) => syncRound([d], left)));
    else await syncRound(devices, left);
    last = await differences(server, devices);
    if (last.length === 0) return;
  }
}

/** Records on which a device and the server disagree ("device/collection/id: why"); empty = converged. */
export async function differences(server: TestServer, devices: readonly TestDevice[]): Promise<string[]> {
  const out: string[] = [];
  for (const collection of ['residents', 'sessions', 'completions'] as const) {
    const byWard = new Map<string, Map<string, { state: PlainDoc }>>();
    for (const d of devices) {
      let held = byWard.get(d.wardCode);
      if (held === undefined) {
        held = await serverRecords(server, d.wardCode, collection);
        byWard.set(d.wardCode, held);
      }
      const local = await localRecords(d, collection);
      for (const [id, { state }] of held) {
        const mine = local.get(id);
        if (mine === undefined) out.push(`${d.name}/${collection}/${id}: not on the device`);
        else if (canonicalJson(mine) !== canonicalJson(state))
          out.push(
            `${d.name}/${collection}/${id}: device ${JSON.stringify(mine)} ≠ server ${JSON.stringify(state)}`,
          );
      }
      for (const id of local.keys()) {
        if (!held.has(id)) out.push(`${d.name}/${collection}/${id}: not on the server`);
      }
    }
  }
  return out;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls a condition every few ms (for state that no status event announces); rejects after timeoutMs. */
export async function pollUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not true after ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** The saved record of a repository call, or a thrown error with the form's messages. */
export async function saved<T>(
  result: Promise<{ ok: true; record: T } | { ok: false; errors: object }>,
): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`not saved: ${JSON.stringify(r.errors)}`);
  return r.record;
}
