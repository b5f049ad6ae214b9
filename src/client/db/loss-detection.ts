// Finds out at start whether the browser lost the device database: probes the IndexedDB databases RxDB's
// Dexie storage keeps (without creating any) and compares what it finds with the device ledger (kept
// outside IndexedDB, platform/device-ledger.ts). Pure apart from the injected IDBFactory, so it is tested
// on fake-indexeddb. Design: docs/device-durability.md ("A wiped or missing database").
//
// Invariants:
// - The probe never creates, upgrades or deletes a database: a missing one fires `upgradeneeded`, whose
//   version-change transaction is aborted at once, so the database is not created.
// - No ledger, no finding: a device that never recorded holding a database has nothing to miss.
// - A collection the ledger saw is lost when its storage reported `dataLoss: "total"`, when no version of
//   its storage exists any more, or when the ledger counted records in it and it now holds no document
//   at all (deletions leave tombstones, so a person's deletes never look like a loss).
import { LOCAL_COLLECTIONS, type LocalCollection } from './migrations';

/** What one `indexedDB.open(name)` without a version found. */
export type ProbeOutcome =
  /** The database exists (the probe opened and closed it). */
  | 'present'
  /** It does not exist (upgradeneeded, aborted: nothing was created). */
  | 'absent'
  /** The browser deleted it and says so: upgradeneeded with `dataLoss: "total"`. */
  | 'lost'
  /** No answer in time, or the browser refused (private mode, blocked): nothing can be concluded. */
  | 'unknown';

export interface StorageProbe {
  /** Per collection: the outcomes of its storage names (one per schema version 0…current). */
  collections: Partial<Record<LocalCollection, ProbeOutcome[]>>;
  /** RxDB's internal store of the database (collection metadata). */
  internal: ProbeOutcome;
}

/** What the ledger remembers, as far as loss detection needs it. */
export interface LedgerFacts {
  /** Collections the device database held when the ledger was last written. */
  collections: readonly string[];
  /** Live records per collection at the last count. */
  counts: Partial<Record<string, number>>;
}

export type LossKind = 'dataLoss' | 'missing' | 'empty';

export interface LossFinding {
  kind: LossKind;
  /** The collections whose stored documents are gone; their replication must start over. */
  collections: LocalCollection[];
}

/**
 * The IndexedDB database names of RxDB's Dexie storage for one RxDB database: one per collection and
 * schema version (`rxdb-dexie-<db>--<version>--<collection>`, see rxdb/plugins/storage-dexie
 * dexie-helper.js getDexieDbWithTables), plus the internal store at version 0. Checked against a real
 * RxDB database in tests/client/db/loss-detection.test.ts, so an RxDB upgrade that renames them fails there.
 */
export function dexieDatabaseName(database: string, collection: string, version: number): string {
  return `rxdb-dexie-${database}--${version}--${collection}`;
}

export const RXDB_INTERNAL_STORE = '_rxdb_internal';

/** Opens one database name without a version and reports what it found; never creates it. */
export function probeDatabase(idb: IDBFactory, name: string, timeoutMs = 3000): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let upgrade: ProbeOutcome | null = null;
    const done = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => done('unknown'), timeoutMs);
    let request: IDBOpenDBRequest;
    try {
      request = idb.open(name);
    } catch {
      done('unknown');
      return;
    }
    request.onupgradeneeded = (event) => {
      // Only a database that does not exist upgrades on an open without a version.
      upgrade =
        (event as IDBVersionChangeEvent & { dataLoss?: string }).dataLoss === 'total' ? 'lost' : 'absent';
      try {
        request.transaction?.abort();
      } catch {
        // Already finished: the success handler closes (and the next probe will see it present).
      }
    };
    request.onsuccess = () => {
      try {
        request.result.close();
      } catch {
        // nothing to close
      }
      done(upgrade ?? 'present');
    };
    request.onerror = (event) => {
      event.preventDefault?.();
      done(upgrade ?? 'unknown');
    };
  });
}

/** Probes every storage name of the device database: collections at versions 0…current, and the internal store. */
export async function probeDeviceStorage(
  idb: IDBFactory,
  database: string,
  versions: Record<LocalCollection, number>,
  timeoutMs?: number,
): Promise<StorageProbe> {
  const collections: Partial<Record<LocalCollection, ProbeOutcome[]>> = {};
  // One after another: a handful of tiny opens, and no burst of connections on a slow phone.
  for (const collection of LOCAL_COLLECTIONS) {
    const outcomes: ProbeOutcome[] = [];
    for (let v = 0; v <= versions[collection]; v += 1) {
      outcomes.push(await probeDatabase(idb, dexieDatabaseName(database, collection, v), timeoutMs));
    }
    collections[collection] = outcomes;
  }
  const internal = await probeDatabase(idb, dexieDatabaseName(database, RXDB_INTERNAL_STORE, 0), timeoutMs);
  return { collections, internal };
}

/**
 * Compares the ledger with what was found: the probe (null when the storage is not IndexedDB, or the
 * probe could not run) and, once the database is open, which collections hold any document (null if
 * not known yet). Returns null when nothing is lost.
 */
export function judgeLoss(
  ledger: LedgerFacts | null,
  probe: StorageProbe | null,
  held: Partial<Record<LocalCollection, boolean>> | null,
): LossFinding | null {
  if (!ledger) return null;
  const known = new Set(ledger.collections);
  const lost = new Set<LocalCollection>();
  const missing = new Set<LocalCollection>();
  let dataLoss = probe?.internal === 'lost';
  for (const collection of LOCAL_COLLECTIONS) {
    const outcomes = probe?.collections[collection];
    if (outcomes?.includes('lost')) {
      dataLoss = true;
      lost.add(collection);
    } else if (
      known.has(collection) &&
      outcomes &&
      outcomes.length > 0 &&
      outcomes.every((o) => o === 'absent')
    ) {
      missing.add(collection);
    }
  }
  const emptied = LOCAL_COLLECTIONS.filter(
    (c) =>
      (ledger.counts[c] ?? 0) > 0 && held !== null && held[c] === false && !lost.has(c) && !missing.has(c),
  );
  const all = [...lost, ...missing, ...emptied];
  if (!dataLoss && all.length === 0) return null;
  const kind: LossKind = dataLoss ? 'dataLoss' : missing.size > 0 ? 'missing' : 'empty';
  return { kind, collections: LOCAL_COLLECTIONS.filter((c) => all.includes(c)) };
}
