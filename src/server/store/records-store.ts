// The SQL of the officer's record screens (RecordsStore): one record's current state for its history,
// and the live records per residential group (group load). Reads only; writes go through syncWrite.
import type { PlainDoc, SyncCollection } from '../../shared';
import type { Db } from './db';
import { bool, doc, int, str, timestamp } from './rows';
import { TABLE_OF } from './sync-tx';

/** The state of a synced row the server holds now. */
export interface StoredRecord {
  /** The record as stored (without _deleted). */
  doc: PlainDoc;
  deleted: boolean;
  seq: number;
  receivedAt: string;
}

/** Live (not tombstoned) records of one residential group. */
export interface GroupLoadRow {
  groupId: string;
  /** The group's name, or its id when the group row has none. */
  name: string;
  /** The group itself is tombstoned (listed only while live records still name it). */
  groupDeleted: boolean;
  residents: number;
  sessions: number;
  completions: number;
}

export interface RecordsStore {
  /** The record of this ward with this id, or undefined (unknown, or held by another ward). */
  getRecord(collection: SyncCollection, wardCode: string, id: string): Promise<StoredRecord | undefined>;
  /**
   * Per residential group of the ward: its live residents, sessions and completions. Every live group,
   * plus tombstoned groups that still have live records; ordered by group id.
   */
  groupLoad(wardCode: string): Promise<GroupLoadRow[]>;
}

/** Record reads per collection: fixed SQL, the table never from input. Groups are keyed by (ward, id). */
const GET_SQL: Record<SyncCollection, string> = {
  residents: getSql('residents'),
  groups: getSql('groups'),
  sessions: getSql('sessions'),
  completions: getSql('completions'),
};

function getSql(collection: SyncCollection): string {
  return `select doc, deleted, seq, received_at from ${TABLE_OF[collection]} where ward_code = $1 and id = $2`;
}

const LIVE_COUNT = (table: string) =>
  `select group_id, count(*) as n from ${table} where ward_code = $1 and not deleted group by group_id`;

const GROUP_LOAD_SQL = `
  with r as (${LIVE_COUNT(TABLE_OF.residents)}),
       s as (${LIVE_COUNT(TABLE_OF.sessions)}),
       c as (${LIVE_COUNT(TABLE_OF.completions)})
  select g.id, coalesce(g.doc->>'name', g.id) as name, g.deleted,
         coalesce(r.n, 0) as residents, coalesce(s.n, 0) as sessions, coalesce(c.n, 0) as completions
  from groups g
    left join r on r.group_id = g.id
    left join s on s.group_id = g.id
    left join c on c.group_id = g.id
  where g.ward_code = $1 and (not g.deleted or r.n > 0 or s.n > 0 or c.n > 0)
  order by g.id`;

export function createRecordsStore(db: Db): RecordsStore {
  return {
    async getRecord(collection, wardCode, id) {
      const [row] = await db.query(GET_SQL[collection], [wardCode, id]);
      return (
        row && {
          doc: doc(row, 'doc'),
          deleted: bool(row, 'deleted'),
          seq: int(row, 'seq'),
          receivedAt: timestamp(row, 'received_at'),
        }
      );
    },

    async groupLoad(wardCode) {
      const rows = await db.query(GROUP_LOAD_SQL, [wardCode]);
      return rows.map((row) => ({
        groupId: str(row, 'id'),
        name: str(row, 'name'),
        groupDeleted: bool(row, 'deleted'),
        residents: int(row, 'residents'),
        sessions: int(row, 'sessions'),
        completions: int(row, 'completions'),
      }));
    },
  };
}
