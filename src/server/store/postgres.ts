// The production store: real PostgreSQL through a pg connection pool (DATABASE_URL).
import pg from 'pg';
import type { Db, Queryable } from './db';
import { createSqlStore, type SqlStore } from './sql-store';
import type { StoreTestOptions } from './types';

export interface PostgresStoreOptions {
  /** postgres://… ; `?options=-c search_path=…` selects a schema (tests use one per run). */
  url: string;
  /** Connections in the pool. */
  maxConnections?: number;
  /** An idle pooled connection failed (e.g. the server restarted); the pool replaces it. */
  onIdleError?: (error: Error) => void;
  /** TEST-ONLY, see StoreTestOptions. */
  test?: StoreTestOptions;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<SqlStore> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
  pool.on('error', (error) => options.onIdleError?.(error));
  const store = createSqlStore(postgresDb(pool), options.test);
  try {
    await store.ping();
  } catch (error) {
    await pool.end();
    throw error;
  }
  return store;
}

function wrap(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    query: async (sql, params) =>
      (await q.query<Record<string, unknown>>(sql, params ? [...params] : undefined)).rows,
    exec: async (sql) => {
      await q.query(sql);
    },
  };
}

function postgresDb(pool: pg.Pool): Db {
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (error) {
        try {
          await client.query('rollback');
        } catch (rollbackError) {
          // The connection is unusable: destroy it instead of returning it to the pool.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
