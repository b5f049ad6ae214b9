// The SQL of the audit log (docs/privacy.md "Audit log"): append entries, read a ward's page newest
// first with names joined from accounts and devices, and the retention purge. The table refuses updates
// and deletes (0006_privacy.sql); only purgeAudit's transaction may delete, and only old entries.
import type { AuditAction, AuditEntry } from '../../shared';
import { storableString, type Db, type Queryable } from './db';
import { doc, int, str, timestamp } from './rows';

/** One entry to append: who (account, device), in which ward, did what to what. */
export interface AuditWrite {
  wardCode: string | null;
  actorId: string | null;
  deviceId: string | null;
  action: AuditAction;
  subject: string;
  /** Ids and counts, never names or other personal data. */
  detail?: Record<string, unknown>;
}

export interface AuditFilter {
  /** Entries with id < before. */
  before?: number;
  limit: number;
  /** Only actions starting with this ('read', 'change.sync', …). */
  actionPrefix?: string;
  /** Days (YYYY-MM-DD, Vietnam time), inclusive. */
  from?: string;
  to?: string;
}

export interface AuditStore {
  appendAudit(entries: readonly AuditWrite[]): Promise<void>;
  /** The ward's entries, newest first. */
  listAudit(wardCode: string, filter: AuditFilter): Promise<AuditEntry[]>;
  /** Deletes entries older than `days` days before `now`; returns how many. */
  purgeAudit(days: number, now: Date): Promise<number>;
}

const AUDIT_SELECT = `select l.id, l.at, l.ward_code, l.actor_id, coalesce(a.full_name, '') as actor_name,
    coalesce(a.role, '') as actor_role, l.device_id, d.label as device_label, l.action, l.subject, l.detail
  from audit_log l left join accounts a on a.id = l.actor_id left join devices d on d.id = l.device_id`;

function auditRow(row: Record<string, unknown>): AuditEntry {
  return {
    id: int(row, 'id'),
    at: timestamp(row, 'at'),
    wardCode: row['ward_code'] == null ? null : str(row, 'ward_code'),
    actorId: row['actor_id'] == null ? null : str(row, 'actor_id'),
    actorName: str(row, 'actor_name'),
    actorRole: str(row, 'actor_role'),
    deviceId: row['device_id'] == null ? null : str(row, 'device_id'),
    deviceLabel: row['device_label'] == null ? null : str(row, 'device_label'),
    action: str(row, 'action') as AuditAction,
    subject: str(row, 'subject'),
    detail: doc(row, 'detail'),
  };
}

/**
 * An entry keeps what the request named (a file's device id, a put-aside row's id): text PostgreSQL
 * cannot hold becomes U+FFFD rather than failing the request.
 */
const storableJson = (detail: Record<string, unknown>): string =>
  JSON.stringify(detail, (_key, value: unknown) =>
    typeof value === 'string' ? storableString(value) : value,
  );

/** Appends entries on a connection or inside a transaction (a push logs itself in its own transaction). */
export async function insertAudit(q: Queryable, entries: readonly AuditWrite[]): Promise<void> {
  if (entries.length === 0) return;
  await q.query(
    `insert into audit_log (ward_code, actor_id, device_id, action, subject, detail)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
    [
      entries.map((e) => e.wardCode),
      entries.map((e) => e.actorId),
      entries.map((e) => e.deviceId),
      entries.map((e) => e.action),
      entries.map((e) => storableString(e.subject)),
      entries.map((e) => storableJson(e.detail ?? {})),
    ],
  );
}

export function createAuditStore(db: Db): AuditStore {
  return {
    appendAudit: (entries) => insertAudit(db, entries),

    async listAudit(wardCode, filter) {
      const rows = await db.query(
        `${AUDIT_SELECT}
         where l.ward_code = $1 and ($2::bigint is null or l.id < $2)
           and ($3::text is null or l.action like $3 || '%')
           and ($4::date is null or l.at >= ($4::date::timestamp at time zone 'Asia/Ho_Chi_Minh'))
           and ($5::date is null or l.at < (($5::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'))
         order by l.id desc limit $6`,
        [
          wardCode,
          filter.before ?? null,
          filter.actionPrefix ?? null,
          filter.from ?? null,
          filter.to ?? null,
          filter.limit,
        ],
      );
      return rows.map(auditRow);
    },

    async purgeAudit(days, now) {
      return db.transaction(async (tx) => {
        await tx.query(`select set_config('bdhvs.audit_purge', 'on', true)`);
        const rows = await tx.query(
          `delete from audit_log where at < $1::timestamptz - make_interval(days => $2::int) returning id`,
          [now.toISOString(), days],
        );
        return rows.length;
      });
    },
  };
}
