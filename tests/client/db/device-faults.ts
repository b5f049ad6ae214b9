// Device faults for durability tests: an RxDB storage whose writes fail with the browser's quota error
// when switched on, and an IndexedDB (fake-indexeddb) that a test can "kill" like a closed tab —
// transactions still running are rolled back, connections are cut and nothing more is written — while the
// data already committed stays for the next database instance in the same process.
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { RxStorage, RxStorageInstance } from 'rxdb';
import { deviceStorage } from '../../../src/client/db';

export interface QuotaSwitch {
  storage: RxStorage<unknown, unknown>;
  /** While true, every bulkWrite of every storage instance fails as a full disk would. */
  full: boolean;
  /** 'dom': the DOMException IndexedDB raises; 'dexie': Dexie's AbortError wrapping it (what Dexie rejects with). */
  shape: 'dom' | 'dexie';
  /** Writes refused so far. */
  refused: number;
  /**
   * Let RxDB's replication checkpoints (`rx-replication-meta-*`) through while full. When such a write is
   * refused, RxDB rejects it unhandled inside its replication (replication-protocol/checkpoint.js), which
   * a real phone only logs (the next exchange re-sends idempotently) but vitest reports as an error, and
   * whether it happens during a test's "full" window is a matter of timing.
   */
  spareReplicationMeta: boolean;
}

export function quotaError(shape: QuotaSwitch['shape']): Error {
  const dom = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  if (shape === 'dom') return dom;
  // Dexie rejects a transaction aborted by the quota with AbortError, the DOMException as `inner`.
  return new Dexie.AbortError('Transaction aborted', dom);
}

/** Wraps a storage so that a test can make the disk "full". */
export function quotaStorage(base: RxStorage<unknown, unknown>): QuotaSwitch {
  const q: QuotaSwitch = {
    full: false,
    shape: 'dom',
    refused: 0,
    spareReplicationMeta: false,
    storage: {
      name: base.name,
      rxdbVersion: base.rxdbVersion,
      async createStorageInstance(params) {
        const instance = (await base.createStorageInstance(params)) as RxStorageInstance<
          unknown,
          unknown,
          unknown
        >;
        const bulkWrite = instance.bulkWrite.bind(instance);
        const meta = params.collectionName.startsWith('rx-replication-meta-');
        instance.bulkWrite = (rows, context) => {
          if (!q.full || (meta && q.spareReplicationMeta)) return bulkWrite(rows, context);
          q.refused += 1;
          return Promise.reject(quotaError(q.shape));
        };
        return instance;
      },
    } as RxStorage<unknown, unknown>,
  };
  return q;
}

/** One browser's IndexedDB (a fresh fake-indexeddb), shared by every database instance opened on it. */
export interface FakeBrowser {
  indexedDB: IDBFactory;
  /** A Dexie storage (strict durability, like the app) on this browser's IndexedDB; killable by `kill`. */
  storage(): RxStorage<unknown, unknown>;
  /** Durability asked for by each read-write transaction opened so far. */
  writeDurabilities: string[];
  /**
   * The tab dies: every transaction not yet committed is rolled back, every connection is cut, and the
   * storages made so far can never write again. Data committed before stays.
   */
  kill(): void;
}

export function fakeBrowser(): FakeBrowser {
  const idb = new IDBFactory();
  const writeDurabilities: string[] = [];
  const tabs: { dead: boolean; connections: Set<IDBDatabase>; transactions: Set<IDBTransaction> }[] = [];

  function tabFactory() {
    const tab = { dead: false, connections: new Set<IDBDatabase>(), transactions: new Set<IDBTransaction>() };
    tabs.push(tab);
    const watch = (db: IDBDatabase) => {
      if (tab.connections.has(db)) return;
      tab.connections.add(db);
      const transaction = db.transaction.bind(db);
      db.transaction = ((
        names: string | string[],
        mode?: IDBTransactionMode,
        options?: IDBTransactionOptions,
      ) => {
        if (tab.dead) throw new DOMException('The tab was closed.', 'InvalidStateError');
        const tx = transaction(names, mode, options);
        if (mode === 'readwrite') writeDurabilities.push(tx.durability);
        tab.transactions.add(tx);
        const forget = () => tab.transactions.delete(tx);
        tx.addEventListener('complete', forget);
        tx.addEventListener('abort', forget);
        return tx;
      }) as IDBDatabase['transaction'];
    };
    const factory = {
      open(name: string, version?: number) {
        if (tab.dead) throw new DOMException('The tab was closed.', 'InvalidStateError');
        const request = version === undefined ? idb.open(name) : idb.open(name, version);
        request.addEventListener('upgradeneeded', () => watch(request.result));
        request.addEventListener('success', () => watch(request.result));
        return request;
      },
      deleteDatabase: (name: string) => idb.deleteDatabase(name),
      cmp: (a: unknown, b: unknown) => idb.cmp(a, b),
      databases: () => idb.databases(),
    } as unknown as IDBFactory;
    return { tab, factory };
  }

  return {
    indexedDB: idb,
    writeDurabilities,
    storage() {
      return deviceStorage({ indexedDB: tabFactory().factory, IDBKeyRange });
    },
    kill() {
      for (const tab of tabs) {
        tab.dead = true;
        for (const tx of tab.transactions) {
          try {
            tx.abort();
          } catch {
            // already committing or finished: it is on disk
          }
        }
        tab.transactions.clear();
        for (const db of tab.connections) db.close();
      }
    },
  };
}

/**
 * An IndexedDB whose opens report the browser's `dataLoss: "total"` on upgradeneeded (what Chromium says
 * after deleting a corrupted database) for the names `lost` picks.
 */
export function withDataLoss(idb: IDBFactory, lost: (name: string) => boolean): IDBFactory {
  return {
    open(name: string, version?: number) {
      const request = version === undefined ? idb.open(name) : idb.open(name, version);
      if (lost(name)) {
        request.addEventListener('upgradeneeded', (event) => {
          Object.defineProperty(event, 'dataLoss', { value: 'total' });
        });
      }
      return request;
    },
    deleteDatabase: (name: string) => idb.deleteDatabase(name),
    cmp: (a: unknown, b: unknown) => idb.cmp(a, b),
    databases: () => idb.databases(),
  } as unknown as IDBFactory;
}
