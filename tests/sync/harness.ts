// Sync test harness: the real server (in-process, PGlite) listening on loopback, and real RxDB
// devices (memory storage) replicating with it through a fetch that tests can break on purpose.
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
import { seedWard, type SqlStore } from '../../src/server/store';
import type { ResidentialGroup } from '../../src/shared';
import { createOfficer, enrollDevice, openTestStore } from '../helpers/server';

export const WARD = { code: '99990', name: 'Phường Thử Nghiệm', provinceCode: '31' };
export const GROUPS: ResidentialGroup[] = [1, 2, 3].map((n) => ({
  id: `tdp-0${n}`,
  wardCode: WARD.code,
  name: `Tổ dân phố ${n}`,
  kind: 'to_dan_pho',
}));

export interface TestServer {
  url: string;
  /** A session of the ward's officer, for reading what the server holds. */
  officerToken: string;
  store: SqlStore;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const store = await openTestStore();
  await seedWard(store, WARD, GROUPS);
  const app = createServer({ store, auth: { rateLimitMax: 100_000 } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const officer = await createOfficer(store, WARD.code);
  return {
    url,
    officerToken: officer.token,
    store,
    app,
    async close() {
      await app.close();
      await store.close();
    },
  };
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
  deviceId: string;
  db: AppDatabase;
  kv: KeyValue;
  sync: SyncController;
  net: FaultyFetch;
  status(): SyncStatus;
  /** Resolves when the status satisfies the predicate (or rejects after a timeout). */
  until(predicate: (s: SyncStatus) => boolean, timeoutMs?: number): Promise<SyncStatus>;
  /** Resolves when the per-record marks satisfy the predicate (or rejects after a timeout). */
  untilMarks(predicate: (m: RecordMarks) => boolean, timeoutMs?: number): Promise<RecordMarks>;
  close(): Promise<void>;
}

const alwaysOnline: NetworkSource = { isOnline: () => true, subscribe: () => () => undefined };

/** A phone enrolled through the real invitation and enrollment endpoints, then replicating with its token. */
export async function startDevice(
  server: TestServer,
  name: string,
  groupIds: string[] = GROUPS.map((g) => g.id),
): Promise<TestDevice> {
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
  const kv = memoryKeyValue();
  const net = faultyFetch();
  const sync = await startSync({
    db,
    wardCode: WARD.code,
    kv,
    network: alwaysOnline,
    baseUrl: server.url,
    fetch: net.fetch,
    getToken: () => enrolled.deviceToken,
    appVersion: 'test',
    retryMs: 50,
    backoff: { baseMs: 20, maxMs: 200 },
    pollIntervalMs: 3_600_000,
  });
  return {
    deviceId: enrolled.deviceId,
    db,
    kv,
    sync,
    net,
    status: () => sync.status.get(),
    until: (predicate, timeoutMs) => waitFor(sync.status, predicate, 'status', timeoutMs),
    untilMarks: (predicate, timeoutMs) => waitFor(sync.records, predicate, 'marks', timeoutMs),
    async close() {
      await sync.stop();
      await db.close();
    },
  };
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
