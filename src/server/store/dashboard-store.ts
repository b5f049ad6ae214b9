// The SQL of the officer dashboard's team activity: per account and ISO week (Monday), the live training
// sessions it logged (doc.createdBy, by the session's date) and the completions it recorded
// (doc.recordedById, by the completion's date), with the account's name. Reads only.
import { activityWeeks } from '../../shared/dashboard-api';
import type { Db, Queryable } from './db';
import { int, str, strOrNull } from './rows';

/** One account's work in one week. accountId null: no creator recorded, or no such account. */
export interface ActivityRow {
  accountId: string | null;
  /** The account's full name; null when unknown. */
  fullName: string | null;
  /** The Monday of the ISO week, YYYY-MM-DD. */
  week: string;
  sessions: number;
  completions: number;
}

export interface DashboardStore {
  /**
   * Sessions logged and completions recorded per account and ISO week, for the records dated from the
   * Monday `weeks − 1` weeks before `today`'s week up to `today` (both included). Only live records;
   * weeks with nothing are absent.
   */
  teamActivity(wardCode: string, weeks: number, today: string): Promise<ActivityRow[]>;
}

const DATE_TEXT = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;

/** $1 ward, $2 first day, $3 last day. Unknown creators (or accounts of no such ward) fold into one row. */
const ACTIVITY_SQL = `
  with work as (
    select s.doc->>'createdBy' as who, s.held_on as day, 1 as sessions, 0 as completions
      from training_sessions s
      where s.ward_code = $1 and not s.deleted and s.held_on ~ ${DATE_TEXT}
        and s.held_on >= $2 and s.held_on <= $3
    union all
    select c.doc->>'recordedById', c.done_on, 0, 1
      from completions c
      where c.ward_code = $1 and not c.deleted and c.done_on ~ ${DATE_TEXT}
        and c.done_on >= $2 and c.done_on <= $3
  )
  select a.id as account_id, a.full_name,
    to_char(date_trunc('week', w.day::date), 'YYYY-MM-DD') as week,
    sum(w.sessions)::int as sessions, sum(w.completions)::int as completions
  from work w left join accounts a on a.id = w.who and a.ward_code = $1
  group by a.id, a.full_name, 3`;

export function createDashboardStore(db: Db | Queryable): DashboardStore {
  return {
    async teamActivity(wardCode, weeks, today) {
      const rows = await db.query(ACTIVITY_SQL, [
        wardCode,
        activityWeeks(today, Math.max(1, weeks))[0]!,
        today,
      ]);
      return rows.map((row) => ({
        accountId: strOrNull(row, 'account_id'),
        fullName: strOrNull(row, 'full_name'),
        week: str(row, 'week'),
        sessions: int(row, 'sessions'),
        completions: int(row, 'completions'),
      }));
    },
  };
}
