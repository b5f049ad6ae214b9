// The phone's "unsynced records" file (docs/unsynced-export.md): every record the server has not
// acknowledged, read from the device database alone (works offline, with or without sync running), with
// the state the device last knew the server to hold as the merge base, for the ward officer to import.
//
// Invariant: nothing waiting is left out. A record is in the file when sync's marks say it waits or was
// put aside, OR its local state differs from its stored receipt (docs/sync.md invariant 9), so a file made
// before sync has counted everything (or with sync not started) still holds every unacknowledged record.
// Erring the other way (a record the server already has) is harmless: the import answers `unchanged`.
import {
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  getPrimaryKeyOfInternalDocument,
  getSingleDocument,
  INTERNAL_CONTEXT_COLLECTION,
  META_INSTANCE_SCHEMA_TITLE,
  type InternalStoreCollectionDocType,
  type RxCollection,
  type RxJsonSchema,
} from 'rxdb';
import {
  PUSHABLE_COLLECTIONS,
  UNSYNCED_EXPORT_FORMAT,
  UNSYNCED_EXPORT_VERSION,
  fingerprint,
  syncState,
  type PlainDoc,
  type PushableCollection,
  type UnsyncedExport,
  type UnsyncedRecord,
} from '../../shared';
import type { AppDatabase, KeyValue } from '../db';
import type { RecordMarks } from './marks';
import { receiptsKey } from './receipts';
import { replicationId } from './replication';

export interface UnsyncedExportOptions {
  db: AppDatabase;
  kv: KeyValue;
  wardCode: string;
  /** SyncController.records.get(), or null when sync has not started (receipts alone then decide). */
  marks: RecordMarks | null;
  deviceId: string | null;
  account: { id: string; fullName: string; role: string } | null;
  appVersion: string;
  now?: () => Date;
}

/** Documents read per storage query while scanning a collection. */
const PAGE = 2000;

/** The export file of everything on this phone the server has not acknowledged. */
export async function buildUnsyncedExport(o: UnsyncedExportOptions): Promise<UnsyncedExport> {
  const records: UnsyncedRecord[] = [];
  for (const name of PUSHABLE_COLLECTIONS) records.push(...(await unsyncedOf(o, name)));
  return {
    format: UNSYNCED_EXPORT_FORMAT,
    version: UNSYNCED_EXPORT_VERSION,
    wardCode: o.wardCode,
    deviceId: o.deviceId,
    account: o.account,
    appVersion: o.appVersion,
    exportedAt: (o.now?.() ?? new Date()).toISOString(),
    records,
  };
}

/** The file's name: bdhvs-chua-dong-bo-<ward>-<YYYY-MM-DD>.json ("not yet synced"), the phone's day. */
export function unsyncedExportFileName(wardCode: string, now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `bdhvs-chua-dong-bo-${wardCode}-${day}.json`;
}

async function unsyncedOf(o: UnsyncedExportOptions, name: PushableCollection): Promise<UnsyncedRecord[]> {
  const collection = o.db.rx[name] as unknown as RxCollection<PlainDoc>;
  const receipts = (await o.kv.get<Record<string, string>>(receiptsKey(name))) ?? {};
  const putAside = new Map<string, { code: string; message: string }>();
  for (const [id, q] of o.marks?.quarantined ?? []) {
    if (q.collection === name) putAside.set(id, { code: q.code, message: q.message });
  }
  const docs: PlainDoc[] = [];
  let checkpoint: unknown;
  for (;;) {
    // Deletions included: a record deleted offline is a change the server must get too.
    const page = await getChangedDocumentsSince(collection.storageInstance, PAGE, checkpoint);
    for (const stored of page.documents as PlainDoc[]) {
      const id = String(stored['id']);
      const doc = syncState(stored);
      const waiting = o.marks?.waiting.has(id) === true || putAside.has(id);
      if (waiting || fingerprint(doc) !== receipts[id]) docs.push(doc);
    }
    if (page.documents.length < PAGE) break;
    checkpoint = page.checkpoint;
  }
  const assumed = await assumedServerStates(collection, replicationId(name, o.wardCode), docs.map(idOf));
  return docs.map((doc) => {
    // RxDB also assumes the server holds a state it pushed that the server put aside; the receipt is
    // what the server is known to hold, so a base counts only when it matches the receipt.
    const candidate = assumed.get(idOf(doc));
    const base =
      candidate !== undefined && fingerprint(candidate) === receipts[idOf(doc)] ? candidate : undefined;
    const reason = putAside.get(idOf(doc));
    return {
      collection: name,
      doc,
      ...(base === undefined ? {} : { baseState: base }),
      ...(reason === undefined ? {} : { putAside: reason }),
    };
  });
}

const idOf = (doc: PlainDoc): string => String(doc['id']);

/**
 * What the collection's replication assumes the server holds for these ids: RxDB keeps it in the
 * replication's meta storage (one per replication identifier, registered among the collection's
 * connected storages). Opened read-only beside the running replication and closed again. Ids never
 * pushed or pulled have no entry; a pushed state the server put aside does have one, which is why the
 * caller keeps a state only when it matches the receipt. If RxDB's layout is not what we expect, the file
 * simply carries no base states (the import then merges without a base).
 */
async function assumedServerStates(
  collection: RxCollection<PlainDoc>,
  replicationIdentifier: string,
  ids: readonly string[],
): Promise<Map<string, PlainDoc>> {
  const states = new Map<string, PlainDoc>();
  if (ids.length === 0) return states;
  const rx = collection.database;
  const metaName = `rx-replication-meta-${await rx.hashFunction(`${collection.name}-${replicationIdentifier}`)}`;
  const registered = await getSingleDocument<InternalStoreCollectionDocType>(
    rx.internalStore,
    getPrimaryKeyOfInternalDocument(
      `${collection.name}-${collection.schema.version}`,
      INTERNAL_CONTEXT_COLLECTION,
    ),
  );
  const meta = registered?.data.connectedStorages.find(
    (s) => s.collectionName === metaName && s.schema.title === META_INSTANCE_SCHEMA_TITLE,
  );
  if (meta === undefined) return states;
  const schema = meta.schema as RxJsonSchema<PlainDoc>;
  const instance = await rx.storage.createStorageInstance<PlainDoc>({
    databaseName: rx.name,
    collectionName: meta.collectionName,
    databaseInstanceToken: rx.token,
    multiInstance: rx.multiInstance,
    options: {},
    schema,
    devMode: false,
  });
  try {
    const keys = ids.map((id) =>
      getComposedPrimaryKeyOfDocumentData(schema, { itemId: id, isCheckpoint: '0' }),
    );
    for (const row of await instance.findDocumentsById(keys, false)) {
      const itemId = row['itemId'];
      const data = row['docData'];
      if (typeof itemId === 'string' && data !== null && typeof data === 'object') {
        states.set(itemId, syncState(data as PlainDoc));
      }
    }
  } finally {
    await instance.close();
  }
  return states;
}
