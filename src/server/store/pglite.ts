// The embedded store: PGlite (PostgreSQL in WebAssembly) in a data folder, or in memory for tests.
// One connection; PGlite queues queries behind open transactions, so a transaction is never interleaved,
// and each operation here yields to the event loop first (takingTurns).
import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable } from './db';
import { createSqlStore, type SqlStore } from './sql-store';
import type { StoreTestOptions } from './types';

export interface PgliteStoreOptions {
  /** Folder of the database; omitted = in memory (tests). A new folder takes seconds to initialise. */
  dataDir?: string;
  /** TEST-ONLY, see StoreTestOptions. */
  test?: StoreTestOptions;
}

export async function openPgliteStore(options: PgliteStoreOptions = {}): Promise<SqlStore> {
  if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });
  const pglite =
    options.dataDir === undefined ? await PGlite.create() : await PGlite.create({ dataDir: options.dataDir });
  return createSqlStore(pgliteDb(pglite), options.test);
}

function wrap(q: PGlite | Transaction): Queryable {
  return {
    query: async (sql, params) =>
      (await q.query<Record<string, unknown>>(sql, params ? [...params] : undefined)).rows,
    exec: async (sql) => {
      await q.exec(sql);
    },
  };
}

/**
 * PGlite runs SQL synchronously on the server's thread, and its own queue hands over to the next waiting
 * statement in a microtask, so a backlog runs back to back without the event loop reading a socket: with
 * 500 devices syncing (tests/load) the loop stalled 4–8 s at a time and some requests waited unread for
 * over a minute. Here every operation waits its turn (first come, first served) and starts after a
 * setImmediate, so I/O is served between any two. Statements inside a transaction go straight to it.
 */
function takingTurns(): <T>(operation: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (operation) => {
    const run = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(operation);
    tail = run.catch(() => undefined);
    return run;
  };
}

function pgliteDb(pglite: PGlite): Db {
  const turn = takingTurns();
  const direct = wrap(pglite);
  return {
    kind: 'pglite',
    query: (sql, params) => turn(() => direct.query(sql, params)),
    exec: (sql) => turn(() => direct.exec(sql)),
    transaction: (fn) => turn(() => pglite.transaction((tx) => fn(wrap(tx)))),
    close: () => pglite.close(),
  };
}
