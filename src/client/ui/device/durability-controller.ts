// Device durability for the app controller: persistent storage (asked after enrollment and at each start
// until granted, the answer kept for the account screen), the device ledger kept up to date while the
// device works, and the start-up check for a database the browser wiped or lost (docs/device-durability.md).
// Nothing here blocks the app: every step catches its own failures.
import { signal, type ReadonlySignal } from '@preact/signals';
// From the modules, not the index: the index would bring RxDB into the first screen's chunk. The parts
// that need RxDB (counting, forgetting checkpoints) are loaded with the database, when it opens.
import type { AppDatabase } from '../../db/database';
import type * as RxDurability from '../../db/durability';
import type { RecordCounts } from '../../db/durability';
import { judgeLoss, probeDeviceStorage, type LossFinding, type StorageProbe } from '../../db/loss-detection';
import {
  collectionVersions,
  DEFAULT_DB_NAME,
  LOCAL_COLLECTIONS,
  type LocalCollection,
} from '../../db/migrations';
// Straight from the modules: the platform index also loads the service worker's registration.
import {
  LEDGER_HISTORY,
  ledgerRecord,
  type DeviceLedger,
  type LossReport,
  type RecordPlaces,
} from '../../platform/device-ledger';
import {
  persistenceRecord,
  persistentStorageNow,
  requestPersistentStorage,
  storageUse,
  type PersistenceRecord,
  type PersistResult,
  type StorageUse,
} from '../../platform/storage';
import type { SyncStatus } from '../../sync';

export interface DurabilityOptions {
  /** Where the ledger and the persistence answer are kept: localStorage and idb-keyval. */
  places: RecordPlaces;
  /** The IndexedDB the device database lives in; null when it is not on IndexedDB (tests). */
  indexedDB: IDBFactory | null;
  navigator: Navigator | null;
  /** The device database's name (DEFAULT_DB_NAME). */
  database?: string;
  versions?: Record<LocalCollection, number>;
  now?: () => Date;
  /** Ledger writes wait this long for more changes (cheap, debounced writes). */
  quietMs?: number;
  /** Record counts are taken this long after writes settle. */
  countQuietMs?: number;
}

/** Anything with the sync status stream (the SyncController). */
export interface StatusStream {
  status: { subscribe(onChange: (s: SyncStatus) => void): () => void };
}

export interface DeviceDurability {
  /** The last answer about persistent storage; null until known. */
  persistence: ReadonlySignal<PersistenceRecord | null>;
  /** The browser's estimate of storage use; null where unknown. */
  use: ReadonlySignal<StorageUse | null>;
  /** A loss found and not yet acknowledged. */
  loss: ReadonlySignal<LossReport | null>;
  /** Asks for persistent storage now (right after enrollment). */
  askPersistence(): Promise<PersistResult>;
  /** At start for an enrolled device: reads the state and asks again while not granted. */
  refreshPersistence(): Promise<void>;
  /** Before the device database opens: reads the ledger and probes the storage it names. */
  beforeOpen(): Promise<void>;
  /**
   * Once it is open and before sync starts: judges loss (probe + ledger + what the database holds), makes
   * the replication of lost collections start over, and records the database in the ledger.
   */
  afterOpen(db: AppDatabase, wardCode: string): Promise<LossReport | null>;
  /** Keeps the ledger's record counts and waiting count current; returns a stop (which flushes). */
  follow(db: AppDatabase, sync: StatusStream | null): () => void;
  /** Start without an enrolled device: a ledger left behind means the browser wiped the device's data. */
  checkWithoutDevice(): Promise<LossReport | null>;
  /** The person read the notice: it is not shown again (kept in the ledger's history). */
  acknowledge(): Promise<void>;
  /** Sign-out and erase, or end of access: the device no longer has a database to miss. */
  forget(): Promise<void>;
}

/** The RxDB side of durability, loaded once (by then the database chunk is loaded anyway). */
let rxModule: Promise<typeof RxDurability> | undefined;
const rxDurability = () => (rxModule ??= import('../../db/durability'));

export function createDeviceDurability(o: DurabilityOptions): DeviceDurability {
  const database = o.database ?? DEFAULT_DB_NAME;
  const versions = o.versions ?? collectionVersions();
  const now = () => (o.now ?? (() => new Date()))().toISOString();
  const ledgers = ledgerRecord(o.places);
  const persisted = persistenceRecord(o.places);
  const persistence = signal<PersistenceRecord | null>(null);
  const use = signal<StorageUse | null>(null);
  const loss = signal<LossReport | null>(null);

  let ledger: DeviceLedger | null = null;
  let probe: StorageProbe | null = null;
  let forgotten = false;

  // Debounced ledger writes: the newest state, at most one write per quiet period.
  let writeTimer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (writeTimer !== null) clearTimeout(writeTimer);
    writeTimer = null;
    if (ledger && !forgotten) void ledgers.write(ledger);
  };
  const update = (patch: Partial<DeviceLedger>) => {
    if (!ledger || forgotten) return;
    ledger = { ...ledger, ...patch };
    if (writeTimer === null) writeTimer = setTimeout(flush, o.quietMs ?? 1000);
  };

  async function refreshUse(): Promise<void> {
    if (o.navigator) use.value = await storageUse(o.navigator);
  }

  async function remember(result: PersistResult): Promise<PersistResult> {
    const record = { result, checkedAt: now() };
    persistence.value = record;
    await persisted.write(record);
    return result;
  }

  async function askPersistence(): Promise<PersistResult> {
    const result = o.navigator ? await requestPersistentStorage(o.navigator) : 'unsupported';
    void refreshUse();
    return remember(result);
  }

  return {
    persistence,
    use,
    loss,
    askPersistence,

    async refreshPersistence() {
      void refreshUse();
      const stored = await persisted.read();
      if (stored) persistence.value = stored;
      const current = o.navigator ? await persistentStorageNow(o.navigator) : 'unsupported';
      if (current === 'granted' || current === 'unsupported') {
        if (stored?.result !== current) await remember(current);
        return;
      }
      await askPersistence();
    },

    async beforeOpen() {
      forgotten = false;
      ledger = await ledgers.read();
      probe = null;
      if (!ledger || ledger.database !== database || !o.indexedDB) return;
      probe = await probeDeviceStorage(o.indexedDB, database, versions).catch(() => null);
    },

    async afterOpen(db, wardCode) {
      try {
        const mine = ledger && ledger.database === database ? ledger : null;
        const { heldCollections, countRecords, forgetReplicationState } = await rxDurability();
        const [held, counts] = await Promise.all([heldCollections(db), countRecords(db)]);
        const finding = judgeLoss(mine, probe, held);
        const at = now();
        let next: DeviceLedger = mine ?? freshLedger(database, wardCode, at);
        if (next.loss?.sessionLost) {
          // Enrolled again, as the notice asked: it has done its job.
          const done = { ...next.loss, acknowledgedAt: at };
          next = { ...next, loss: null, history: [done, ...next.history].slice(0, LEDGER_HISTORY) };
        }
        if (finding) {
          await forgetReplicationState(db, finding.collections).catch(() => 0);
          const report = lossReport(finding, next, at, false);
          next = {
            ...next,
            loss: report,
            history: next.loss ? [next.loss, ...next.history].slice(0, LEDGER_HISTORY) : next.history,
            waiting: null,
            waitingAt: null,
          };
        }
        next = { ...next, wardCode, collections: [...LOCAL_COLLECTIONS], ...countsPatch(next, counts, at) };
        ledger = next;
        await ledgers.write(next);
        loss.value = next.loss;
        return next.loss;
      } catch {
        return null;
      }
    },

    follow(db, sync) {
      let stopCounts = () => {};
      let stopped = false;
      void rxDurability().then(({ watchRecordCounts }) => {
        if (stopped) return;
        stopCounts = watchRecordCounts(
          db,
          (counts) => {
            if (ledger) update(countsPatch(ledger, counts, now()));
          },
          o.countQuietMs,
        );
      });
      let first = true;
      const stopStatus = sync?.status.subscribe((s) => {
        // The first status is the one sync starts with (nothing counted yet): not a fact to keep.
        if (first) {
          first = false;
          return;
        }
        if (!ledger) return;
        if (ledger.waiting === s.waiting && ledger.lastSyncedAt === s.lastSyncedAt) return;
        update({ waiting: s.waiting, waitingAt: now(), lastSyncedAt: s.lastSyncedAt });
      });
      const onHide = () => flush();
      globalThis.addEventListener?.('pagehide', onHide);
      return () => {
        stopped = true;
        stopCounts();
        stopStatus?.();
        globalThis.removeEventListener?.('pagehide', onHide);
        flush();
      };
    },

    async checkWithoutDevice() {
      try {
        const found = await ledgers.read();
        if (!found || found.database !== database) return null;
        if (found.loss) {
          loss.value = found.loss;
          return found.loss;
        }
        const finding: LossFinding = {
          kind: 'missing',
          collections: LOCAL_COLLECTIONS.filter((c) => found.collections.includes(c)),
        };
        const report = lossReport(finding, found, now(), true);
        ledger = { ...found, loss: report, collections: [], counts: {}, waiting: null, waitingAt: null };
        await ledgers.write(ledger);
        loss.value = report;
        return report;
      } catch {
        return null;
      }
    },

    async acknowledge() {
      const current = ledger ?? (await ledgers.read());
      const shown = current?.loss ?? null;
      loss.value = null;
      if (!current || !shown) return;
      if (shown.sessionLost && current.collections.length === 0) {
        // No device any more: nothing left to watch over until the next enrollment.
        ledger = null;
        await ledgers.clear();
        return;
      }
      const acknowledged = { ...shown, acknowledgedAt: now() };
      ledger = {
        ...current,
        loss: null,
        history: [acknowledged, ...current.history].slice(0, LEDGER_HISTORY),
      };
      await ledgers.write(ledger);
    },

    async forget() {
      forgotten = true;
      if (writeTimer !== null) clearTimeout(writeTimer);
      writeTimer = null;
      ledger = null;
      probe = null;
      loss.value = null;
      await ledgers.clear();
    },
  };
}

function freshLedger(database: string, wardCode: string, at: string): DeviceLedger {
  return {
    v: 1,
    database,
    wardCode,
    since: at,
    collections: [],
    counts: {},
    lastDataAt: null,
    waiting: null,
    waitingAt: null,
    lastSyncedAt: null,
    loss: null,
    history: [],
  };
}

function countsPatch(ledger: DeviceLedger, counts: RecordCounts, at: string): Partial<DeviceLedger> {
  const total = Object.values(counts).reduce((n, c) => n + c, 0);
  return { counts: { ...counts }, lastDataAt: total > 0 ? at : ledger.lastDataAt };
}

function lossReport(
  finding: LossFinding,
  ledger: DeviceLedger,
  at: string,
  sessionLost: boolean,
): LossReport {
  return {
    kind: finding.kind,
    detectedAt: at,
    collections: [...finding.collections],
    waiting: ledger.waiting,
    waitingAt: ledger.waitingAt,
    records: Object.values(ledger.counts).reduce((n, c) => n + c, 0),
    lastDataAt: ledger.lastDataAt,
    lastSyncedAt: ledger.lastSyncedAt,
    sessionLost,
  };
}
