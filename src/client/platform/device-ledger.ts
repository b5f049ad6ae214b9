// The device ledger: a few facts about the device database kept OUTSIDE it — that this device has one,
// what it held, how many records were waiting for the server and when — so that a database the browser
// deleted can be noticed and the loss explained (docs/device-durability.md). Kept in localStorage (the
// browser stores it apart from IndexedDB) with a second copy in idb-keyval; read from whichever survives.
import type { KeyValue } from '../db';

export type LossKind = 'dataLoss' | 'missing' | 'empty';

/** A loss found at start: what the ledger knew just before, for the person to read. */
export interface LossReport {
  kind: LossKind;
  detectedAt: string;
  /** Collections whose stored records are gone. */
  collections: string[];
  /** Records waiting for the server at the ledger's last update (null: never known). */
  waiting: number | null;
  /** When that waiting count was recorded. */
  waitingAt: string | null;
  /** Live records the device held at the last count. */
  records: number;
  lastDataAt: string | null;
  lastSyncedAt: string | null;
  /** The device's enrollment was gone too: it has to be enrolled again. */
  sessionLost: boolean;
  acknowledgedAt?: string;
}

export interface DeviceLedger {
  v: 1;
  /** The RxDB database name, so a renamed database is never taken for a lost one. */
  database: string;
  wardCode: string;
  /** When this device first recorded holding its database. */
  since: string;
  /** Collections the database held at the last write. */
  collections: string[];
  /** Live records per collection at the last count. */
  counts: Record<string, number>;
  /** When the database last held any record. */
  lastDataAt: string | null;
  waiting: number | null;
  waitingAt: string | null;
  lastSyncedAt: string | null;
  /** A loss found and not yet acknowledged: shown at every start until it is. */
  loss: LossReport | null;
  /** Acknowledged losses, newest first (at most 5). */
  history: LossReport[];
}

export const LEDGER_KEY = 'bdhvs-device-ledger';
export const LEDGER_HISTORY = 5;

/** One small record kept in localStorage and, as a second copy, in idb-keyval. */
export interface DurableRecord<T> {
  /** The localStorage copy if readable, else the idb-keyval copy, else null. */
  read(): Promise<T | null>;
  /** Writes both copies; a copy that cannot be written (quota, private mode) is skipped. */
  write(value: T): Promise<void>;
  clear(): Promise<void>;
}

export interface RecordPlaces {
  /** `window.localStorage`, or null where there is none (or it throws on access). */
  local: Storage | null;
  kv: KeyValue | null;
}

export function durableRecord<T>(
  key: string,
  parse: (value: unknown) => T | null,
  places: RecordPlaces,
): DurableRecord<T> {
  const fromLocal = (): T | null => {
    try {
      const text = places.local?.getItem(key);
      return text ? parse(JSON.parse(text)) : null;
    } catch {
      return null;
    }
  };
  return {
    async read() {
      const local = fromLocal();
      if (local !== null) return local;
      try {
        return places.kv ? parse(await places.kv.get<unknown>(key)) : null;
      } catch {
        return null;
      }
    },
    async write(value) {
      try {
        places.local?.setItem(key, JSON.stringify(value));
      } catch {
        // full or unavailable: the other copy still holds it
      }
      await places.kv?.set(key, value).catch(() => undefined);
    },
    async clear() {
      try {
        places.local?.removeItem(key);
      } catch {
        // unavailable
      }
      await places.kv?.set(key, null).catch(() => undefined);
    },
  };
}

/** localStorage if the browser gives access to it (it throws in some private modes). */
export function browserLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function ledgerRecord(places: RecordPlaces): DurableRecord<DeviceLedger> {
  return durableRecord(LEDGER_KEY, parseLedger, places);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): v is string => typeof v === 'string';
const strOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const KINDS: readonly unknown[] = ['dataLoss', 'missing', 'empty'];

function parseLoss(v: unknown): LossReport | null {
  if (!isObject(v) || !KINDS.includes(v['kind']) || !str(v['detectedAt'])) return null;
  if (!Array.isArray(v['collections']) || !v['collections'].every(str)) return null;
  if (!(v['waiting'] === null || count(v['waiting'])) || !strOrNull(v['waitingAt'])) return null;
  if (!count(v['records']) || !strOrNull(v['lastDataAt']) || !strOrNull(v['lastSyncedAt'])) return null;
  if (typeof v['sessionLost'] !== 'boolean') return null;
  if (v['acknowledgedAt'] !== undefined && !str(v['acknowledgedAt'])) return null;
  return v as unknown as LossReport;
}

export function parseLedger(v: unknown): DeviceLedger | null {
  if (!isObject(v) || v['v'] !== 1 || !str(v['database']) || !str(v['wardCode']) || !str(v['since'])) {
    return null;
  }
  if (!Array.isArray(v['collections']) || !v['collections'].every(str)) return null;
  if (!isObject(v['counts']) || !Object.values(v['counts']).every(count)) return null;
  if (!strOrNull(v['lastDataAt']) || !strOrNull(v['waitingAt']) || !strOrNull(v['lastSyncedAt'])) return null;
  if (!(v['waiting'] === null || count(v['waiting']))) return null;
  const loss = v['loss'] === null ? null : parseLoss(v['loss']);
  if (v['loss'] !== null && loss === null) return null;
  if (!Array.isArray(v['history'])) return null;
  const history = v['history'].map(parseLoss).filter((h): h is LossReport => h !== null);
  return { ...(v as unknown as DeviceLedger), loss, history };
}

/** Live records in the ledger's last count. */
export function ledgerRecords(ledger: Pick<DeviceLedger, 'counts'>): number {
  return Object.values(ledger.counts).reduce((n, c) => n + c, 0);
}
