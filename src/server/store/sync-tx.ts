// The write operations of one sync transaction (SyncTx), over a connection that already holds the
// ward's advisory lock. Every stored row takes nextval('sync_seq') here, in order.
import { createHash } from 'node:crypto';
import type { SyncCollection } from '../../shared';
import type { Queryable } from './db';
import { bool, doc, str } from './rows';
import type { CurrentRow, RowWrite, StoreTestOptions, SyncTx } from './types';

type Statement = [sql: string, params: unknown[]];

/** The table of each synced collection: fixed, never from input. */
export const TABLE_OF = {
  residents: 'residents',
  groups: 'groups',
  // "sessions" already holds officers' sign-ins (0002_accounts.sql).
  sessions: 'training_sessions',
  completions: 'completions',
} as const satisfies Record<SyncCollection, string>;

type CollectionSql = {
  current: (ids: string[], ward: string) => Statement;
  upsert: (row: RowWrite, ward: string) => Statement;
};

/**
 * A table of records with client-made UUIDs (residents, training sessions, completions). Ids are global,
 * so a row of another ward is found (and then refused by push). An upsert never moves a row to another
 * ward: the `where` makes it return no row instead.
 */
function uuidTableSql(collection: Exclude<SyncCollection, 'groups'>): CollectionSql {
  const table = TABLE_OF[collection];
  return {
    current: (ids) => [
      `select id, ward_code, doc, deleted from ${table} where id = any($1::text[]) for update`,
      [ids],
    ],
    upsert: (row, ward) => [
      keepingHistory(
        `select id, ward_code, doc, deleted, seq from ${table} where id = $1`,
        `insert into ${table} (id, ward_code, group_id, doc, deleted, seq)
         values ($1, $2, $3, $4::jsonb, $5, nextval('sync_seq'))
         on conflict (id) do update set group_id = excluded.group_id, doc = excluded.doc,
           deleted = excluded.deleted, seq = excluded.seq, received_at = now()
           where ${table}.ward_code = excluded.ward_code
         returning seq`,
        '$6',
      ),
      [row.id, ward, row.groupId, JSON.stringify(row.doc), row.deleted, collection],
    ],
  };
}

/**
 * Invariant 10: one statement that reads the row's current state, writes the new one, and appends the
 * replaced state to record_history — all CTEs see the snapshot from before the write. A row of another
 * ward is neither written nor recorded (the upsert returns nothing, so the history insert has no rows).
 */
function keepingHistory(selectOld: string, upsert: string, collectionParam: string): string {
  return `with old as (${selectOld}),
    up as (${upsert}),
    kept as (
      insert into record_history (collection, doc_id, ward_code, doc, deleted, seq, replaced_by_seq)
      select ${collectionParam}::text, old.id, old.ward_code, old.doc, old.deleted, old.seq, up.seq
      from old, up where old.ward_code = $2
    )
    select seq from up`;
}

/** Fixed SQL per collection. Group ids are local to their ward, so groups are keyed by (ward, id). */
const SQL: Record<SyncCollection, CollectionSql> = {
  residents: uuidTableSql('residents'),
  sessions: uuidTableSql('sessions'),
  completions: uuidTableSql('completions'),
  groups: {
    current: (ids, ward) => [
      'select id, ward_code, doc, deleted from groups where ward_code = $1 and id = any($2::text[]) for update',
      [ward, ids],
    ],
    upsert: (row, ward) => [
      keepingHistory(
        'select id, ward_code, doc, deleted, seq from groups where ward_code = $2 and id = $1',
        `insert into groups (id, ward_code, doc, deleted, seq)
         values ($1, $2, $3::jsonb, $4, nextval('sync_seq'))
         on conflict (ward_code, id) do update set doc = excluded.doc,
           deleted = excluded.deleted, seq = excluded.seq, received_at = now()
         returning seq`,
        '$5',
      ),
      [row.id, ward, JSON.stringify(row.doc), row.deleted, 'groups'],
    ],
  },
};

const DOC_ID_MAX = 200;

/**
 * Invariant 3: serialise the ward's writers BEFORE any nextval, so seq order = commit order. Held
 * until the transaction ends.
 */
export async function lockWard(q: Queryable, wardCode: string): Promise<void> {
  await q.query("select pg_advisory_xact_lock(hashtextextended('ward:' || $1, 0))", [wardCode]);
}

/**
 * The write operations of one sync transaction. `onWritten` hears about every row stored (store.syncWrite
 * collects their groups to publish the change once the transaction has committed).
 */
export function createSyncTx(
  q: Queryable,
  collection: SyncCollection,
  wardCode: string,
  testOptions: StoreTestOptions,
  onWritten?: (rows: readonly RowWrite[]) => void,
): SyncTx {
  return {
    collection,
    wardCode,

    async getCurrent(ids) {
      const current = new Map<string, CurrentRow>();
      if (ids.length === 0) return current;
      const [sql, params] = SQL[collection].current([...new Set(ids)], wardCode);
      const rows = await q.query(sql, params);
      for (const row of rows) {
        current.set(str(row, 'id'), {
          doc: doc(row, 'doc'),
          deleted: bool(row, 'deleted'),
          wardCode: str(row, 'ward_code'),
        });
      }
      return current;
    },

    async groupsOfWard(groupIds) {
      if (groupIds.length === 0) return new Set();
      const rows = await q.query('select id from groups where ward_code = $1 and id = any($2::text[])', [
        wardCode,
        [...new Set(groupIds)],
      ]);
      return new Set(rows.map((row) => str(row, 'id')));
    },

    async erasedResidents(residentIds) {
      if (residentIds.length === 0) return new Map();
      const rows = await q.query(
        `select id, doc->>'erasedAt' as erased_at from residents
         where ward_code = $1 and id = any($2::text[])
           and deleted and jsonb_typeof(doc->'erasedAt') = 'string'`,
        [wardCode, [...new Set(residentIds)]],
      );
      return new Map(rows.map((row) => [str(row, 'id'), str(row, 'erased_at')]));
    },

    async write(rows) {
      if (rows.length === 0) return;
      for (const row of rows) {
        const [sql, params] = SQL[collection].upsert(row, wardCode);
        const stored = await q.query(sql, params);
        if (stored.length !== 1)
          throw new Error(`${collection} ${row.id} belongs to another ward: not written`);
      }
      onWritten?.(rows);
      await testOptions.afterAssignSeq?.();
    },

    async recordMerge(merge) {
      const [row] = await q.query(
        `insert into resident_merges (ward_code, from_id, into_id, reason, merged_by)
         values ($1, $2, $3, $4, $5) returning id`,
        [wardCode, merge.fromId, merge.intoId, merge.reason, merge.by],
      );
      return Number(row?.['id']);
    },

    async recordUnmerge(mergeId, by) {
      const rows = await q.query(
        `update resident_merges set undone_by = $3, undone_at = now()
         where ward_code = $1 and id = $2 and undone_at is null returning id`,
        [wardCode, mergeId, by],
      );
      return rows.length > 0;
    },

    async quarantine(items) {
      let added = 0;
      for (const item of items) {
        const hash = createHash('sha256').update(`${wardCode}\n${item.payload}`).digest('hex');
        const inserted = await q.query(
          `insert into quarantine (collection, doc_id, ward_code, reason_code, reason, payload, payload_hash)
           values ($1, $2, $3, $4, $5, $6, $7)
           on conflict (collection, payload_hash) do nothing
           returning id`,
          [
            collection,
            safeText(item.docId).slice(0, DOC_ID_MAX),
            wardCode,
            item.reasonCode,
            safeText(item.reason),
            item.payload,
            hash,
          ],
        );
        added += inserted.length;
      }
      return added;
    },
  };
}

/** PostgreSQL text cannot hold NUL; a bad document's id or message might. */
function safeText(value: string): string {
  return value.replaceAll('\u0000', '\uFFFD');
}
