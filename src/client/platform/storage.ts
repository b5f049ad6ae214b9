// Asks the browser to keep this app's data when the phone runs low on space (persistent storage), so
// registered residents are not evicted before they sync, and remembers the answer for the account screen.
// Never throws.
import { durableRecord, type RecordPlaces } from './device-ledger';

export type PersistResult = 'granted' | 'denied' | 'unsupported';

/** Asks for persistent storage (Chromium decides silently; Firefox may ask the person). */
export async function requestPersistentStorage(nav: Navigator = navigator): Promise<PersistResult> {
  const storage = nav.storage as StorageManager | undefined;
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

/** Whether storage is persistent now, without asking. */
export async function persistentStorageNow(nav: Navigator = navigator): Promise<PersistResult> {
  const storage = nav.storage as StorageManager | undefined;
  if (!storage || typeof storage.persisted !== 'function') return 'unsupported';
  try {
    return (await storage.persisted()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

export interface StorageUse {
  /** Bytes this app uses, and the most the browser lets it use. */
  usage: number;
  quota: number;
}

/** The browser's estimate of this app's storage use, or null where it has none. */
export async function storageUse(nav: Navigator = navigator): Promise<StorageUse | null> {
  const storage = nav.storage as StorageManager | undefined;
  if (!storage || typeof storage.estimate !== 'function') return null;
  try {
    const { usage, quota } = await storage.estimate();
    return typeof usage === 'number' && typeof quota === 'number' && quota > 0 ? { usage, quota } : null;
  } catch {
    return null;
  }
}

/** The last answer about persistent storage, and when it was given. */
export interface PersistenceRecord {
  result: PersistResult;
  checkedAt: string;
}

export const PERSISTENCE_KEY = 'bdhvs-persistence';

export function persistenceRecord(places: RecordPlaces) {
  return durableRecord<PersistenceRecord>(
    PERSISTENCE_KEY,
    (v) => {
      if (typeof v !== 'object' || v === null) return null;
      const { result, checkedAt } = v as Record<string, unknown>;
      const ok = result === 'granted' || result === 'denied' || result === 'unsupported';
      return ok && typeof checkedAt === 'string' ? { result, checkedAt } : null;
    },
    places,
  );
}
