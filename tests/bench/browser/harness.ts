// Bench harness page (B1, B10): the app's real device storage code in Chromium — `createDatabase` opened
// as src/client/main.tsx opens it, its repositories and its sync — next to plain IndexedDB writes of the
// same records, exposed to the Node side (tests/bench/lib/device-harness.ts) as `window.bench`.
import { b1, type B1Options, type B1Times } from './b1-saves';
import { b10Collections, b10Raw, b10Sync, type B10Options, type B10Result } from './b10-fill';

export type { B1Options, B1Times, B10Options, B10Result };

export interface StorageFigures {
  usage: number;
  indexedDB: number | null;
}

export interface DeviceBench {
  b1(options: B1Options): Promise<B1Times>;
  /** The first sync of a fresh device through the app's own startSync. */
  b10Sync(options: B10Options): Promise<B10Result>;
  /** B10's breakdown: the app's collections alone (bulkInsert), without the sync's metadata. */
  b10Collections(options: B10Options): Promise<B10Result>;
  /** B10's floor: the same records in plain object stores. */
  b10Raw(options: B10Options): Promise<B10Result>;
  /** `navigator.storage.estimate()` of this origin. */
  storage(): Promise<StorageFigures>;
  /**
   * Opens and closes every IndexedDB database of the origin (Chromium's LevelDB deletes the files its
   * last compactions made obsolete only when it opens again). Returns how many there are.
   */
  touch(): Promise<number>;
}

/** The page's global as the Node side sees it. */
export type BenchWindow = Window & { bench?: DeviceBench };

async function storage(): Promise<StorageFigures> {
  const estimate = (await navigator.storage.estimate()) as StorageEstimate & {
    usageDetails?: { indexedDB?: number };
  };
  return { usage: estimate.usage ?? 0, indexedDB: estimate.usageDetails?.indexedDB ?? null };
}

async function touch(): Promise<number> {
  const names = (await indexedDB.databases()).flatMap((d) => (d.name ? [d.name] : []));
  for (const name of names) {
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
  }
  return names.length;
}

(window as BenchWindow).bench = { b1, b10Sync, b10Collections, b10Raw, storage, touch };
