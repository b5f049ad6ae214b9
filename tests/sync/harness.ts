// Sync test harness: the real server (in-process, PGlite) listening on loopback, and real RxDB
// devices (memory storage) replicating with it through a fetch that tests can break on purpose.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { FastifyInstance } from 'fastify';
import { createDatabase, memoryKeyValue, type AppDatabase, type KeyValue } from '../../src/client/db';
import { startSync, type NetworkSource, type SyncController, type SyncStatus } from '../../src/client/sync';
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
    pollIntervalMs: 3_600_000,
  });
  return {
    deviceId: enrolled.deviceId,
    db,
    kv,
    sync,
    net,
    status: () => sync.status.get(),
    until: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        let stop: () => void = () => undefined;
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`status never matched; last: ${JSON.stringify(sync.status.get())}`));
        }, timeoutMs);
        stop = sync.status.subscribe((s) => {
          if (predicate(s)) {
            clearTimeout(timer);
            queueMicrotask(() => stop());
            resolve(s);
          }
        });
      }),
    async close() {
      await sync.stop();
      await db.close();
    },
  };
}

export function draft(fullName: string, groupId = 'tdp-01') {
  return { fullName, birthYear: '1960', sex: 'female', groupId };
}
