// A phone for durability tests: enrolled on the real test server once, then able to open its device
// database (any storage, any migration registry) and start and stop sync over and over — as a phone does
// across a killed tab, an app update or a browser that wiped its data. Counts the rows it pushes per id.
import {
  createDatabase,
  memoryKeyValue,
  type AppDatabase,
  type KeyValue,
  type MigrationRegistry,
} from '../../../src/client/db';
import {
  startSync,
  type NetworkSource,
  type SyncController,
  type SyncStatus,
} from '../../../src/client/sync';
import type { RxStorage } from 'rxdb';
import { enrollDevice } from '../../helpers/server';
import { serverDocs } from '../../helpers/e2e';
import { faultyFetch, GROUPS, WARD, type FaultyFetch, type TestServer } from '../harness';
import { fetchBodyText } from '../../helpers/bodies';

const alwaysOnline: NetworkSource = { isOnline: () => true, subscribe: () => () => undefined };

export interface Phone {
  accountId: string;
  deviceToken: string;
  /** The phone's settings store (receipts): it survives database reopenings, as idb-keyval does. */
  kv: KeyValue;
  net: FaultyFetch;
  /** Rows pushed per document id, over the phone's whole life. */
  pushes: Map<string, number>;
  open(storage: RxStorage<unknown, unknown>, migrations?: Partial<MigrationRegistry>): Promise<AppDatabase>;
  sync(db: AppDatabase): Promise<SyncController>;
}

export async function enrolPhone(server: TestServer, name: string): Promise<Phone & { dbName: string }> {
  const enrolled = await enrollDevice(server.app, server.officerToken, WARD.code, {
    role: 'volunteer',
    groupIds: GROUPS.map((g) => g.id),
  });
  const net = faultyFetch();
  const pushes = new Map<string, number>();
  const counting = net.before;
  net.before = (url, init) => {
    const text = fetchBodyText(init.body);
    if (url.includes('/push?') && text !== undefined) {
      const body = JSON.parse(text) as { rows: { newDocumentState: { id: string } }[] };
      for (const row of body.rows) {
        const id = row.newDocumentState.id;
        pushes.set(id, (pushes.get(id) ?? 0) + 1);
      }
    }
    return counting ? counting(url, init) : init;
  };
  const dbName = `${name}${Math.random().toString(36).slice(2, 8)}`;
  const kv = memoryKeyValue();
  return {
    accountId: enrolled.accountId,
    deviceToken: enrolled.deviceToken,
    kv,
    net,
    pushes,
    dbName,
    open: (storage, migrations) =>
      createDatabase({
        storage,
        multiInstance: false,
        name: dbName,
        wardCode: WARD.code,
        actor: { id: enrolled.accountId, name: 'Tình nguyện viên Thử' },
        ...(migrations ? { migrations } : {}),
      }),
    sync: (db) =>
      startSync({
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
      }),
  };
}

/** Resolves when the status satisfies the predicate; rejects with the last status after the timeout. */
export function until(
  sync: SyncController,
  predicate: (s: SyncStatus) => boolean,
  timeoutMs = 15_000,
): Promise<SyncStatus> {
  return new Promise((resolve, reject) => {
    let stop: () => void = () => undefined;
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`status never matched; last: ${JSON.stringify(sync.status.get())}`));
    }, timeoutMs);
    stop = sync.status.subscribe((s) => {
      if (!predicate(s)) return;
      clearTimeout(timer);
      queueMicrotask(() => stop());
      resolve(s);
    });
  });
}

/**
 * Resolves once the replications are in sync and nothing is waiting, syncing or wrong. (The status starts
 * out as "0 waiting, not syncing" before the first count, so waiting for that alone proves nothing.)
 */
export async function settled(sync: SyncController, timeoutMs = 15_000): Promise<SyncStatus> {
  await sync.awaitInSync();
  return until(sync, (s) => s.waiting === 0 && !s.syncing && s.problem === null, timeoutMs);
}

/** The ward's live documents of a collection as the server holds them (read with the officer's session). */
export async function onServer(server: TestServer, collection: string): Promise<Record<string, unknown>[]> {
  const docs = await serverDocs(server.url, collection, WARD.code, server.officerToken);
  return docs.filter((d) => d['_deleted'] !== true).map(({ _deleted: _, ...doc }) => doc);
}

/** The documents stored on the device (deleted ones excluded), as plain objects without RxDB's fields. */
export async function stored(db: AppDatabase, collection: 'residents' | 'sessions' | 'completions') {
  const docs = await db.rx[collection].find().exec();
  return docs.map((d) => d.toJSON() as Record<string, unknown>);
}
