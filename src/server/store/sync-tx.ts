// The write operations of one sync transaction (SyncTx), over a connection that already holds the
// ward's advisory lock. Every stored row takes nextval('sync_seq') here.
//
// One round trip per batch: a push reads what it needs in ONE statement (readBatch: current rows,
// groups of the ward, erased residents), writes all its rows in ONE statement (write: every row's upsert
// and its record_history entry) and puts aside all its bad documents in ONE statement (quarantine). No
// statement per row: a batch of 500 rows costs the same number of round trips as a batch of 1.
import { createHash } from 'node:crypto';
import type { SyncCollection } from '../../shared';
import { insertAudit } from './audit-store';
import type { Queryable } from './db';
import { bool, doc, str } from './rows';
import type { BatchReads, CurrentRow, RowWrite, StoreTestOptions, SyncTx } from './types';

/** The table of each synced collection: fixed, never from input. */
export const TABLE_OF = {
  residents: 'residents',
  groups: 'groups',
  // "sessions" already holds officers' sign-ins (0002_accounts.sql).
  sessions: 'training_sessions',
  completions: 'completions',
} as const satisfies Record<SyncCollection, string>;

interface CollectionSql {
  /** $1 ids, $2 ward, $3 group ids, $4 resident ids → rows tagged 'current', 'group' or 'erased'. */
  read: string;
  /** $1 jsonb array of {id, group_id, doc, deleted}, $2 ward, $3 collection, $4 the ids → (id, seq) stored. */
  write: string;
}

/**
 * The reads of a batch in one statement. The current rows (whatever their ward for client-made UUIDs,
 * locked for update) come from a CTE because FOR UPDATE cannot sit beside UNION. Every lookup goes by
 * primary key: the residents of the erased check are found by id first (a MATERIALIZED CTE keeps the
 * planner from scanning the ward's index instead, which it may well choose on tables never analysed,
 * as PGlite's are), then filtered by ward.
 */
function readSql(currentRows: string): string {
  return `with cur as (${currentRows} for update),
    named as materialized (
      select id, ward_code, deleted, doc->'erasedAt' as erased_at from residents where id = any($4::text[])
    )
    select 'current' as kind, id, ward_code, doc, deleted, null::text as erased_at from cur
    union all
    select 'group', id, null, null, null, null from groups where ward_code = $2 and id = any($3::text[])
    union all
    select 'erased', id, null, null, null, erased_at #>> '{}' from named
      where ward_code = $2 and deleted and jsonb_typeof(erased_at) = 'string'`;
}

/**
 * Invariant 10, for a whole batch in one statement: `old` reads the current rows, `up` upserts every row
 * (each with its own nextval, taken under the ward's lock: invariant 3), and `kept` appends each
 * replaced state to record_history. All CTEs see the snapshot from before the write, so `old` is the
 * replaced state; a new row has no `old` and leaves no history. A row of another ward is neither written
 * nor recorded: the upsert's `where` makes it return nothing, so `kept` has no row for it either. An
 * upsert may not touch one row twice in a statement (PostgreSQL refuses), so input ids must be unique.
 * `old` is MATERIALIZED and looks rows up by primary key ($4, the ids): otherwise the planner may push
 * `kept`'s ward filter into it and scan the whole ward for every batch.
 */
function keepingHistory(selectOld: string, upsert: string): string {
  return `with input as (
      select * from jsonb_to_recordset($1::jsonb) as i(id text, group_id text, doc jsonb, deleted boolean)
    ),
    old as materialized (${selectOld}),
    up as (${upsert}),
    kept as (
      insert into record_history (collection, doc_id, ward_code, doc, deleted, seq, replaced_by_seq)
      select $3::text, old.id, old.ward_code, old.doc, old.deleted, old.seq, up.seq
      from old join up on up.id = old.id where old.ward_code = $2::text
    )
    select id, seq from up`;
}

/**
 * A table of records with client-made UUIDs (residents, training sessions, completions). Ids are global,
 * so a row of another ward is found (and then refused by push). An upsert never moves a row to another
 * ward: the `where` makes it return no row instead.
 */
function uuidTableSql(collection: Exclude<SyncCollection, 'groups'>): CollectionSql {
  const table = TABLE_OF[collection];
  return {
    read: readSql(`select id, ward_code, doc, deleted from ${table} where id = any($1::text[])`),
    write: keepingHistory(
      `select id, ward_code, doc, deleted, seq from ${table} where id = any($4::text[])`,
      `insert into ${table} (id, ward_code, group_id, doc, deleted, seq)
       select id, $2::text, group_id, doc, deleted, nextval('sync_seq') from input
       on conflict (id) do update set group_id = excluded.group_id, doc = excluded.doc,
         deleted = excluded.deleted, seq = excluded.seq, received_at = now()
         where ${table}.ward_code = excluded.ward_code
       returning id, seq`,
    ),
  };
}

/** Fixed SQL per collection. Group ids are local to their ward, so groups are keyed by (ward, id). */
const SQL: Record<SyncCollection, CollectionSql> = {
  residents: uuidTableSql('residents'),
  sessions: uuidTableSql('sessions'),
  completions: uuidTableSql('completions'),
  groups: {
    read: readSql(
      'select id, ward_code, doc, deleted from groups where ward_code = $2 and id = any($1::text[])',
    ),
    write: keepingHistory(
      'select id, ward_code, doc, deleted, seq from groups where ward_code = $2::text and id = any($4::text[])',
      `insert into groups (id, ward_code, doc, deleted, seq)
       select id, $2::text, doc, deleted, nextval('sync_seq') from input
       on conflict (ward_code, id) do update set doc = excluded.doc,
         deleted = excluded.deleted, seq = excluded.seq, received_at = now()
       returning id, seq`,
    ),
  },
};

const QUARANTINE_SQL = `insert into quarantine
    (collection, doc_id, ward_code, reason_code, reason, payload, payload_hash)
  select $1::text, doc_id, $2::text, reason_code, reason, payload, payload_hash
  from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
    as i(doc_id, reason_code, reason, payload, payload_hash)
  on conflict (collection, payload_hash) do nothing
  returning id`;

const DOC_ID_MAX = 200;

/**
 * Invariant 3: serialise the ward's writers BEFORE any nextval, so seq order = commit order. Held
 * until the transaction ends.
 */
export async function lockWard(q: Queryable, wardCode: string): Promise<void> {
  await q.query("select pg_advisory_xact_lock(hashtextextended('ward:' || $1, 0))", [wardCode]);
}

/** One row per id, the last one given (a later state of a record replaces the earlier one). */
function lastOfEachId(rows: readonly RowWrite[]): RowWrite[] {
  return [...new Map(rows.map((row) => [row.id, row])).values()];
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
  async function readBatch(
    ids: readonly string[],
    groupIds: readonly string[],
    residentIds: readonly string[],
  ): Promise<BatchReads> {
    const reads: BatchReads = { current: new Map(), groups: new Set(), erasedResidents: new Map() };
    if (ids.length + groupIds.length + residentIds.length === 0) return reads;
    const unique = (values: readonly string[]) => [...new Set(values)];
    const rows = await q.query(SQL[collection].read, [
      unique(ids),
      wardCode,
      unique(groupIds),
      unique(residentIds),
    ]);
    for (const row of rows) {
      const id = str(row, 'id');
      const kind = str(row, 'kind');
      if (kind === 'group') reads.groups.add(id);
      else if (kind === 'erased') reads.erasedResidents.set(id, str(row, 'erased_at'));
      else {
        const current: CurrentRow = {
          doc: doc(row, 'doc'),
          deleted: bool(row, 'deleted'),
          wardCode: str(row, 'ward_code'),
        };
        reads.current.set(id, current);
      }
    }
    return reads;
  }

  return {
    collection,
    wardCode,
    readBatch,
    getCurrent: async (ids) => (await readBatch(ids, [], [])).current,
    groupsOfWard: async (groupIds) => (await readBatch([], groupIds, [])).groups,
    erasedResidents: async (residentIds) => (await readBatch([], [], residentIds)).erasedResidents,

    async write(rows) {
      const batch = lastOfEachId(rows);
      if (batch.length === 0) return;
      const input = batch.map((row) => ({
        id: row.id,
        group_id: row.groupId,
        doc: row.doc,
        deleted: row.deleted,
      }));
      const stored = await q.query(SQL[collection].write, [
        JSON.stringify(input),
        wardCode,
        collection,
        batch.map((row) => row.id),
      ]);
      if (stored.length !== batch.length) {
        const written = new Set(stored.map((row) => str(row, 'id')));
        const refused = batch.filter((row) => !written.has(row.id)).map((row) => row.id);
        throw new Error(`${collection} ${refused.join(', ')}: held by another ward, not written`);
      }
      onWritten?.(batch);
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

    audit: (entries) => insertAudit(q, entries),

    async quarantine(items) {
      if (items.length === 0) return 0;
      const inserted = await q.query(QUARANTINE_SQL, [
        collection,
        wardCode,
        items.map((item) => safeText(item.docId).slice(0, DOC_ID_MAX)),
        items.map((item) => item.reasonCode),
        items.map((item) => safeText(item.reason)),
        items.map((item) => item.payload),
        items.map((item) => createHash('sha256').update(`${wardCode}\n${item.payload}`).digest('hex')),
      ]);
      return inserted.length;
    },
  };
}

/** PostgreSQL text cannot hold NUL; a bad document's id or message might. */
function safeText(value: string): string {
  return value.replaceAll('\u0000', '\uFFFD');
}
