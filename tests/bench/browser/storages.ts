// Bench harness (browser side): the two storages B1 and B10 compare — the app's device database opened
// exactly as src/client/main.tsx opens it, and plain IndexedDB object stores keyed by id.
import { createDatabase } from '../../../src/client/db';
import { BENCH_ACTOR, BENCH_WARD } from './records';

/** `createDatabase({ wardCode, actor })`, as main.tsx: Dexie on IndexedDB, strict durability, multi-instance. */
export const openAppDb = () => createDatabase({ wardCode: BENCH_WARD, actor: BENCH_ACTOR });

/** A plain IndexedDB database with one object store per name, keyed by `id`, no indexes. */
export function openRawDb(name: string, stores: readonly string[]): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      for (const store of stores) req.result.createObjectStore(store, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * Puts the records in one readwrite transaction with the `strict` durability the app's storage asks
 * for (so the baseline makes the same on-disk promise); resolves when it commits.
 */
export function rawPut(db: IDBDatabase, store: string, records: readonly unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite', { durability: 'strict' });
    const objects = tx.objectStore(store);
    for (const record of records) objects.put(record);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}
