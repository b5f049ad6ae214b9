// B4's baselines: the pushed rows stored straight into a plain table of the synced tables' shape (id
// primary key, ward, group, jsonb doc, tombstone flag, seq from a sequence; no history, no triggers, no
// other index), by one COPY and by 1000-row multi-VALUES INSERTs. On PostgreSQL over its own connection
// to the bench's schema; without PostgreSQL on a PGlite of its own (COPY from a blob).
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { PlainDoc } from '../../../src/shared';
import { copyFromStdin, copyLine } from './b4-copy';

/** One row as the server stores it. */
export interface PlainRow {
  id: string;
  wardCode: string;
  groupId: string;
  doc: PlainDoc;
  deleted: boolean;
}

export interface Baselines {
  /** Empties the plain table. */
  reset(): Promise<void>;
  /** COPY of all rows in one statement. */
  copy(rows: readonly PlainRow[]): Promise<void>;
  /** Multi-VALUES INSERTs of `batch` rows each, one autocommitted statement per batch. */
  insert(rows: readonly PlainRow[], batch: number): Promise<void>;
  close(): Promise<void>;
}

const COLUMNS = 'id, ward_code, group_id, doc, deleted';
const TABLE_SQL = `
  create sequence b4_seq;
  create table b4_plain (
    id text primary key,
    ward_code text not null,
    group_id text not null,
    doc jsonb not null,
    deleted boolean not null default false,
    seq bigint not null default nextval('b4_seq'),
    received_at timestamptz not null default now()
  );`;

const copyText = (rows: readonly PlainRow[]) =>
  rows.map((r) => copyLine([r.id, r.wardCode, r.groupId, JSON.stringify(r.doc), r.deleted])).join('');

/** `insert … values ($1…$5), ($6…$10), …` for n rows, and its flat parameters. */
function insertStatement(rows: readonly PlainRow[]): [string, unknown[]] {
  const values = rows.map(
    (_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}::jsonb, $${i * 5 + 5})`,
  );
  const params = rows.flatMap((r) => [r.id, r.wardCode, r.groupId, JSON.stringify(r.doc), r.deleted]);
  return [`insert into b4_plain (${COLUMNS}) values ${values.join(', ')}`, params];
}

async function inBatches(
  rows: readonly PlainRow[],
  batch: number,
  run: (sql: string, params: unknown[]) => Promise<unknown>,
) {
  for (let i = 0; i < rows.length; i += batch) await run(...insertStatement(rows.slice(i, i + batch)));
}

/** On PostgreSQL: `url` names the bench's throw-away schema (its search_path). */
export async function postgresBaselines(url: string): Promise<Baselines> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(TABLE_SQL);
  return {
    reset: async () => {
      await client.query('truncate b4_plain');
    },
    copy: async (rows) => {
      const copied = await copyFromStdin(client, `copy b4_plain (${COLUMNS}) from stdin`, [
        Buffer.from(copyText(rows)),
      ]);
      if (copied !== rows.length) throw new Error(`COPY stored ${copied} of ${rows.length} rows`);
    },
    insert: (rows, batch) => inBatches(rows, batch, (sql, params) => client.query(sql, params)),
    close: () => client.end(),
  };
}

/** Without PostgreSQL: a PGlite of its own, in memory (the store's PGlite is behind the Store seam). */
export async function pgliteBaselines(): Promise<Baselines> {
  const db = await PGlite.create();
  await db.exec(TABLE_SQL);
  return {
    reset: async () => {
      await db.exec('truncate b4_plain');
    },
    copy: async (rows) => {
      await db.query(`copy b4_plain (${COLUMNS}) from '/dev/blob'`, [], { blob: new Blob([copyText(rows)]) });
    },
    insert: (rows, batch) => inBatches(rows, batch, (sql, params) => db.query(sql, params)),
    close: () => db.close(),
  };
}
