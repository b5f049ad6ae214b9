// The SQL of the officer's reviews (docs/ward.md): the residents duplicate proposals are made from, their
// completion counts, dismissed pairs, the merge audit trail, and closed reporting periods. The merge itself
// is a resident write (SyncTx.recordMerge keeps its audit row in the same transaction).
import type { PlainDoc } from '../../shared';
import type { Db } from './db';
import { doc, int, str, timestamp } from './rows';

/**
 * A live resident not merged into another record, with its registration consent in force (a withdrawn
 * one is not processed: docs/privacy.md C2): what duplicate proposals compare.
 */
export interface UnmergedResident {
  id: string;
  groupId: string;
  doc: PlainDoc;
}

export interface RecordCounts {
  completions: number;
  vneid: number;
  sessions: number;
}

export interface MergeRow {
  id: number;
  fromId: string;
  intoId: string;
  /** The records' names as they are now. */
  fromName: string;
  intoName: string;
  reason: string;
  mergedBy: string;
  mergedByName: string;
  mergedAt: string;
  undoneBy: string | null;
  undoneByName: string | null;
  undoneAt: string | null;
}

export interface PeriodRow {
  id: number;
  periodEnd: string;
  label: string;
  figures: PlainDoc;
  closedBy: string;
  closedByName: string;
  closedAt: string;
}

export interface WardReviewStore {
  /** Live, unmerged, processed residents of the ward (of these groups when given). */
  unmergedResidents(wardCode: string, groupIds?: readonly string[]): Promise<UnmergedResident[]>;
  /** Live completions (VNeID among them) and attended live sessions of each of these records. */
  recordCounts(wardCode: string, ids: readonly string[]): Promise<Map<string, RecordCounts>>;
  /** Dismissed pairs of the ward as "a\nb" keys (a < b). */
  dismissedPairs(wardCode: string): Promise<Set<string>>;
  /** Records "not the same person" (idempotent). */
  dismissPair(wardCode: string, aId: string, bId: string, by: string): Promise<void>;
  /** The ward's merges, newest first (at most 500). */
  listMerges(wardCode: string): Promise<MergeRow[]>;
  getMerge(wardCode: string, id: number): Promise<MergeRow | undefined>;
  /** Stores a closed period; false when the ward already closed that date. */
  closePeriod(
    wardCode: string,
    period: { periodEnd: string; label: string; figures: PlainDoc; closedBy: string },
  ): Promise<PeriodRow | undefined>;
  listPeriods(wardCode: string): Promise<PeriodRow[]>;
  getPeriod(wardCode: string, id: number): Promise<PeriodRow | undefined>;
}

/** The merges with who decided and undid them, and the records' names as they are now. */
const MERGE_SELECT = `select m.id, m.from_id, m.into_id, m.reason, m.merged_by, a.full_name as merged_by_name,
    m.merged_at, m.undone_by, u.full_name as undone_by_name, m.undone_at,
    coalesce(f.doc->>'fullName', '') as from_name, coalesce(i.doc->>'fullName', '') as into_name
  from resident_merges m join accounts a on a.id = m.merged_by left join accounts u on u.id = m.undone_by
    left join residents f on f.id = m.from_id and f.ward_code = m.ward_code
    left join residents i on i.id = m.into_id and i.ward_code = m.ward_code`;

function mergeRow(row: Record<string, unknown>): MergeRow {
  const undoneAt = row['undone_at'];
  return {
    id: int(row, 'id'),
    fromId: str(row, 'from_id'),
    intoId: str(row, 'into_id'),
    fromName: str(row, 'from_name'),
    intoName: str(row, 'into_name'),
    reason: str(row, 'reason'),
    mergedBy: str(row, 'merged_by'),
    mergedByName: str(row, 'merged_by_name'),
    mergedAt: timestamp(row, 'merged_at'),
    undoneBy: row['undone_by'] == null ? null : str(row, 'undone_by'),
    undoneByName: row['undone_by_name'] == null ? null : str(row, 'undone_by_name'),
    undoneAt: undoneAt == null ? null : timestamp(row, 'undone_at'),
  };
}

const PERIOD_SELECT = `select p.id, p.period_end, p.label, p.figures, p.closed_by, a.full_name, p.closed_at
  from period_closes p join accounts a on a.id = p.closed_by`;

function periodRow(row: Record<string, unknown>): PeriodRow {
  return {
    id: int(row, 'id'),
    periodEnd: str(row, 'period_end'),
    label: str(row, 'label'),
    figures: doc(row, 'figures'),
    closedBy: str(row, 'closed_by'),
    closedByName: str(row, 'full_name'),
    closedAt: timestamp(row, 'closed_at'),
  };
}

export function createWardReviewStore(db: Db): WardReviewStore {
  const getPeriod = async (wardCode: string, id: number) => {
    const [row] = await db.query(`${PERIOD_SELECT} where p.ward_code = $1 and p.id = $2`, [wardCode, id]);
    return row && periodRow(row);
  };
  return {
    async unmergedResidents(wardCode, groupIds) {
      const rows = await db.query(
        `select r.id, r.group_id, r.doc from residents r
         join groups g on g.ward_code = r.ward_code and g.id = r.group_id and not g.deleted
         where r.ward_code = $1 and not r.deleted and not r.registration_withdrawn and r.merged_into is null
           and ($2::text[] is null or r.group_id = any($2::text[]))`,
        [wardCode, groupIds === undefined ? null : [...groupIds]],
      );
      return rows.map((row) => ({ id: str(row, 'id'), groupId: str(row, 'group_id'), doc: doc(row, 'doc') }));
    },

    async recordCounts(wardCode, ids) {
      const out = new Map<string, RecordCounts>();
      if (ids.length === 0) return out;
      for (const id of ids) out.set(id, { completions: 0, vneid: 0, sessions: 0 });
      const completions = await db.query(
        `select resident_id, count(*)::int as n, (count(*) filter (where kind = 'vneid'))::int as v
         from completions where ward_code = $1 and not deleted and resident_id = any($2::text[])
         group by resident_id`,
        [wardCode, [...ids]],
      );
      for (const row of completions) {
        const c = out.get(str(row, 'resident_id'));
        if (c) {
          c.completions = int(row, 'n');
          c.vneid = int(row, 'v');
        }
      }
      const sessions = await db.query(
        `select a.rid, count(*)::int as n
         from training_sessions s, jsonb_array_elements_text(array_of(s.doc->'attendeeIds')) as a(rid)
         where s.ward_code = $1 and not s.deleted and a.rid = any($2::text[]) group by a.rid`,
        [wardCode, [...ids]],
      );
      for (const row of sessions) {
        const c = out.get(str(row, 'rid'));
        if (c) c.sessions = int(row, 'n');
      }
      return out;
    },

    async dismissedPairs(wardCode) {
      const rows = await db.query('select a_id, b_id from duplicate_dismissals where ward_code = $1', [
        wardCode,
      ]);
      return new Set(rows.map((row) => `${str(row, 'a_id')}\n${str(row, 'b_id')}`));
    },

    async dismissPair(wardCode, aId, bId, by) {
      const [a, b] = aId < bId ? [aId, bId] : [bId, aId];
      await db.query(
        `insert into duplicate_dismissals (ward_code, a_id, b_id, dismissed_by) values ($1, $2, $3, $4)
         on conflict do nothing`,
        [wardCode, a, b, by],
      );
    },

    async listMerges(wardCode) {
      const rows = await db.query(`${MERGE_SELECT} where m.ward_code = $1 order by m.id desc limit 500`, [
        wardCode,
      ]);
      return rows.map(mergeRow);
    },

    async getMerge(wardCode, id) {
      const [row] = await db.query(`${MERGE_SELECT} where m.ward_code = $1 and m.id = $2`, [wardCode, id]);
      return row && mergeRow(row);
    },

    async closePeriod(wardCode, period) {
      const inserted = await db.query(
        `insert into period_closes (ward_code, period_end, label, figures, closed_by)
         values ($1, $2, $3, $4::jsonb, $5) on conflict (ward_code, period_end) do nothing returning id`,
        [wardCode, period.periodEnd, period.label, JSON.stringify(period.figures), period.closedBy],
      );
      const [row] = inserted;
      return row === undefined ? undefined : getPeriod(wardCode, int(row, 'id'));
    },

    async listPeriods(wardCode) {
      const rows = await db.query(`${PERIOD_SELECT} where p.ward_code = $1 order by p.period_end desc`, [
        wardCode,
      ]);
      return rows.map(periodRow);
    },

    getPeriod,
  };
}
