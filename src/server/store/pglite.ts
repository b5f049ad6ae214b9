// The embedded store: PGlite (PostgreSQL in WebAssembly) in a data folder, or in memory for tests.
// One connection; PGlite queues queries behind open transactions, so a transaction is never interleaved.
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

function pgliteDb(pglite: PGlite): Db {
  return {
    kind: 'pglite',
    ...wrap(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    close: () => pglite.close(),
  };
}
