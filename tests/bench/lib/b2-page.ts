// B2's in-page code (run through page.evaluate, so each function is self-contained): counting what the
// app has stored in IndexedDB, the event-timing watch for responsiveness, and the two baselines (bare
// fetch of the same pull pages, raw IndexedDB chunked writes of the same documents).

/**
 * Init script for every page: esbuild (tsx) wraps named inner functions in `__name(...)`, which does not
 * exist in the browser; and a big resource-timing buffer so the first pull request is always listed.
 */
export const PAGE_SHIM = 'globalThis.__name = (f) => f; performance.setResourceTimingBufferSize?.(100000);';

/** One interaction's slowest event, as Event Timing reports it (entries ≥ 16 ms only). */
export interface EventEntry {
  interactionId: number;
  name: string;
  duration: number;
  startTime: number;
}

export interface DownloadDone {
  /** Page time of the first pull request's start (the download begins). */
  firstPullAt: number;
  /** Page time when every record was found in the app's IndexedDB. */
  doneAt: number;
  stored: number;
  events: EventEntry[];
}

/**
 * Starts the Event Timing watch, then polls the app's RxDB/Dexie databases (`rxdb-dexie-<db>--<v>--<c>`,
 * table `docs`) every 100 ms until they hold `expected` documents. Resolves with page-clock times.
 */
export function waitForAppRecords(arg: { expected: number; timeoutMs: number }): Promise<DownloadDone> {
  const events: EventEntry[] = [];
  new PerformanceObserver((list) => {
    // interactionId is not in TypeScript's DOM types yet.
    for (const e of list.getEntries() as (PerformanceEventTiming & { interactionId?: number })[])
      if (e.interactionId)
        events.push({
          interactionId: e.interactionId,
          name: e.name,
          duration: e.duration,
          startTime: e.startTime,
        });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  const open = new Map<string, IDBDatabase>();
  const started = performance.now();
  const openDb = (name: string) =>
    new Promise<IDBDatabase | null>((resolve) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains('docs')) {
          db.close();
          resolve(null);
          return;
        }
        db.onversionchange = () => {
          db.close();
          open.delete(name);
        };
        resolve(db);
      };
      req.onerror = () => resolve(null);
    });
  const count = (db: IDBDatabase) =>
    new Promise<number>((resolve, reject) => {
      const req = db.transaction('docs', 'readonly').objectStore('docs').count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const firstPull = () =>
    Math.min(
      ...performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/v1/sync/') && e.name.includes('/pull?'))
        .map((e) => e.startTime),
    );
  return new Promise((resolve, reject) => {
    const poll = async () => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '');
      for (const name of names) {
        if (!/^rxdb-dexie-bdhvs--\d+--(residents|groups|sessions|completions)$/.test(name)) continue;
        if (open.has(name)) continue;
        const db = await openDb(name);
        if (db) open.set(name, db);
      }
      let stored = 0;
      for (const db of open.values()) stored += await count(db);
      const now = performance.now();
      if (stored >= arg.expected) {
        for (const db of open.values()) db.close();
        resolve({ firstPullAt: firstPull(), doneAt: now, stored, events });
      } else if (now - started > arg.timeoutMs) {
        reject(new Error(`only ${stored} of ${arg.expected} records stored after ${arg.timeoutMs} ms`));
      } else setTimeout(() => void poll().catch(reject), 100);
    };
    void poll().catch(reject);
  });
}

export interface BareFetch {
  ms: number;
  bytes: number;
  requests: number;
}

/** Fetches every page once, in pull order, keeping the bytes unread (kept on the page for the next step). */
export async function bareFetch(paths: Record<string, string[]>): Promise<BareFetch> {
  const kept: Record<string, ArrayBuffer[]> = {};
  let bytes = 0;
  let requests = 0;
  const t0 = performance.now();
  for (const [collection, list] of Object.entries(paths)) {
    kept[collection] = [];
    for (const path of list) {
      const body = await (await fetch(path, { cache: 'no-store' })).arrayBuffer();
      kept[collection].push(body);
      bytes += body.byteLength;
      requests += 1;
    }
  }
  const ms = performance.now() - t0;
  (globalThis as unknown as { b2Pages: Record<string, ArrayBuffer[]> }).b2Pages = kept;
  return { ms, bytes, requests };
}

/**
 * Writes the documents of the fetched pages (parsed first, untimed) into a fresh database with one
 * object store per collection, one `strict`-durability transaction per chunk of `chunk` documents (the
 * app's Dexie storage is strict too). Returns the time of the writes alone; deletes the database.
 */
export async function rawIdbWrite(arg: {
  run: number;
  chunk: number;
}): Promise<{ ms: number; docs: number }> {
  const pages = (globalThis as unknown as { b2Pages: Record<string, ArrayBuffer[]> }).b2Pages;
  const decoder = new TextDecoder();
  const docs: Record<string, unknown[]> = {};
  for (const [collection, list] of Object.entries(pages))
    docs[collection] = list.flatMap(
      (b) => (JSON.parse(decoder.decode(b)) as { documents: unknown[] }).documents,
    );
  const name = `b2-raw-${arg.run}`;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      for (const collection of Object.keys(docs)) req.result.createObjectStore(collection, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  let written = 0;
  const t0 = performance.now();
  for (const [collection, list] of Object.entries(docs)) {
    for (let start = 0; start < list.length; start += arg.chunk) {
      const tx = db.transaction(collection, 'readwrite', { durability: 'strict' });
      const store = tx.objectStore(collection);
      for (const doc of list.slice(start, start + arg.chunk)) store.put(doc);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
      written += Math.min(arg.chunk, list.length - start);
    }
  }
  const ms = performance.now() - t0;
  db.close();
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
    req.onblocked = () => resolve();
  });
  return { ms, docs: written };
}
