// Bench harness (browser side), B10: fills a fresh device with the same residents and completions three
// ways — the app's first sync (startSync: RxDB replication with its meta instance, receipts in
// idb-keyval) served from memory by a stand-in `fetch`; the app's collections alone (bulkInsert); plain
// IndexedDB object stores (the floor).
import { idbKeyValue } from '../../../src/client/db';
import { startSync } from '../../../src/client/sync';
import { DEFAULT_WARD_SETTINGS, type PlainDoc } from '../../../src/shared';
import { BENCH_WARD, benchCompletion, benchResident, jsonBytes } from './records';
import { openAppDb, openRawDb, rawPut } from './storages';

export interface B10Options {
  residents: number;
  completionsPerResident: number;
}

export interface B10Result {
  records: number;
  /** UTF-8 bytes of JSON.stringify of every record (the baseline). */
  jsonBytes: number;
  /** Records stored, counted back (must equal what was written). */
  stored: number;
  /** Wall time of the writes. */
  ms: number;
}

/** Writes per transaction, as the app's pull (batchSize 200, src/client/sync/replication.ts). */
const BATCH = 200;

function records(o: B10Options) {
  const residents = Array.from({ length: o.residents }, (_, i) => benchResident(i));
  const completions = residents.flatMap((r, i) =>
    Array.from({ length: o.completionsPerResident }, (_, k) => benchCompletion(r, i + k)),
  );
  return { residents, completions, records: residents.length + completions.length };
}

/** The ward server's pull endpoints (and ward settings) answered from memory, as `fetch`. */
function pullServer(collections: Partial<Record<string, readonly PlainDoc[]>>): typeof fetch {
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  return async (input) => {
    const url = new URL(String(input), location.origin);
    const pull = /^\/v1\/sync\/(\w+)\/pull$/.exec(url.pathname);
    if (pull) {
      const seq = Number(url.searchParams.get('seq') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? BATCH);
      const page = (collections[pull[1]!] ?? [])
        .slice(seq, seq + limit)
        .map((d) => ({ ...d, _deleted: false }));
      return json({ documents: page, checkpoint: { seq: seq + page.length } });
    }
    if (url.pathname === '/v1/sync/ward-settings') {
      return json({ wardCode: BENCH_WARD, settings: DEFAULT_WARD_SETTINGS });
    }
    return new Response('{"error":{"code":"not_found","message":"bench"}}', { status: 404 });
  };
}

/** The device's first download through the app's own sync. */
export async function b10Sync(o: B10Options): Promise<B10Result> {
  const { residents, completions, records: count } = records(o);
  const db = await openAppDb();
  const t0 = performance.now();
  const sync = await startSync({
    db,
    wardCode: BENCH_WARD,
    kv: idbKeyValue(),
    network: { isOnline: () => true, subscribe: () => () => undefined },
    fetch: pullServer({ residents, completions }),
    getToken: () => 'bench-device-token',
    liveUpdates: false,
  });
  try {
    await sync.awaitInSync();
    const ms = performance.now() - t0;
    const stored = (await db.rx.residents.count().exec()) + (await db.rx.completions.count().exec());
    return { records: count, jsonBytes: jsonBytes(residents) + jsonBytes(completions), stored, ms };
  } finally {
    await sync.stop();
    await db.close();
  }
}

/** The app's collections alone: bulkInsert in pull-sized batches, no replication metadata or receipts. */
export async function b10Collections(o: B10Options): Promise<B10Result> {
  const { residents, completions, records: count } = records(o);
  const db = await openAppDb();
  const t0 = performance.now();
  try {
    for (let i = 0; i < residents.length; i += BATCH)
      await db.rx.residents.bulkInsert(residents.slice(i, i + BATCH));
    for (let i = 0; i < completions.length; i += BATCH) {
      await db.rx.completions.bulkInsert(completions.slice(i, i + BATCH));
    }
    const ms = performance.now() - t0;
    const stored = (await db.rx.residents.count().exec()) + (await db.rx.completions.count().exec());
    return { records: count, jsonBytes: jsonBytes(residents) + jsonBytes(completions), stored, ms };
  } finally {
    await db.close();
  }
}

/** The floor: the same records in plain object stores (no indexes), in pull-sized transactions. */
export async function b10Raw(o: B10Options): Promise<B10Result> {
  const { residents, completions, records: count } = records(o);
  const db = await openRawDb('bench-raw-b10', ['residents', 'completions']);
  const t0 = performance.now();
  try {
    for (const [store, docs] of [
      ['residents', residents],
      ['completions', completions],
    ] as const) {
      for (let i = 0; i < docs.length; i += BATCH) await rawPut(db, store, docs.slice(i, i + BATCH));
    }
    const ms = performance.now() - t0;
    const counted = (store: string) =>
      new Promise<number>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).count();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const stored = (await counted('residents')) + (await counted('completions'));
    return { records: count, jsonBytes: jsonBytes(residents) + jsonBytes(completions), stored, ms };
  } finally {
    db.close();
  }
}
