// What the device-durability checks need from the open database: which collections hold any document,
// how many live records each holds (followed cheaply for the device ledger), and, after a loss, forgetting
// the replication's checkpoints so the next sync brings back everything the server holds.
import {
  getChangedDocumentsSince,
  getPrimaryKeyOfInternalDocument,
  getSingleDocument,
  INTERNAL_CONTEXT_COLLECTION,
  META_INSTANCE_SCHEMA_TITLE,
  type InternalStoreCollectionDocType,
  type RxCollection,
} from 'rxdb';
import type { AppDatabase } from './database';
import { LOCAL_COLLECTIONS, type LocalCollection } from './migrations';

export type RecordCounts = Record<LocalCollection, number>;

function collectionOf(db: AppDatabase, name: LocalCollection): RxCollection {
  return db.rx[name] as unknown as RxCollection;
}

/** Per collection: does it hold any document at all, deletions (tombstones) included? */
export async function heldCollections(db: AppDatabase): Promise<Record<LocalCollection, boolean>> {
  const entries = await Promise.all(
    LOCAL_COLLECTIONS.map(async (name) => {
      const page = await getChangedDocumentsSince(collectionOf(db, name).storageInstance, 1);
      return [name, page.documents.length > 0] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<LocalCollection, boolean>;
}

/** Live (not deleted) records per collection. */
export async function countRecords(db: AppDatabase): Promise<RecordCounts> {
  const entries = await Promise.all(
    LOCAL_COLLECTIONS.map(async (name) => [name, await collectionOf(db, name).count().exec()] as const),
  );
  return Object.fromEntries(entries) as RecordCounts;
}

/**
 * Calls back with the record counts once at start and then after writes settle (at most once per
 * `quietMs`): one count query per collection, never per write. Returns a stop function.
 */
export function watchRecordCounts(
  db: AppDatabase,
  onCounts: (counts: RecordCounts) => void,
  quietMs = 2000,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const count = () => {
    timer = null;
    countRecords(db)
      .then((counts) => !stopped && onCounts(counts))
      .catch(() => undefined); // closed meanwhile
  };
  const schedule = () => {
    if (timer === null && !stopped) timer = setTimeout(count, quietMs);
  };
  const subs = LOCAL_COLLECTIONS.map((name) => collectionOf(db, name).eventBulks$.subscribe(schedule));
  count();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    subs.forEach((s) => s.unsubscribe());
  };
}

/**
 * Removes the replication state (checkpoints and the record of what the server holds) of these
 * collections, as RxDB's `RxReplicationState.remove()` does, so that their next replication pulls
 * everything from the start. Call before sync starts. Used after a loss: with the documents gone but
 * the old checkpoint kept, a pull would fetch only what changed since and never bring the rest back.
 * Returns the number of replication stores removed.
 */
export async function forgetReplicationState(
  db: AppDatabase,
  collections: readonly LocalCollection[],
): Promise<number> {
  const rx = db.rx;
  let removed = 0;
  for (const name of collections) {
    const collection = collectionOf(db, name);
    const key = `${name}-${collection.schema.version}`;
    const doc = await getSingleDocument<InternalStoreCollectionDocType>(
      rx.internalStore,
      getPrimaryKeyOfInternalDocument(key, INTERNAL_CONTEXT_COLLECTION),
    );
    for (const connected of doc?.data.connectedStorages ?? []) {
      if (connected.schema.title !== META_INSTANCE_SCHEMA_TITLE) continue;
      const instance = await rx.storage.createStorageInstance({
        databaseName: rx.name,
        collectionName: connected.collectionName,
        databaseInstanceToken: rx.token,
        multiInstance: rx.multiInstance,
        options: {},
        schema: connected.schema,
        devMode: false,
      });
      await instance.remove();
      removed += 1;
    }
  }
  return removed;
}
