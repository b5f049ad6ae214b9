// The SQL of breach sizing (docs/breach.md): for one account or one device, who it is, its devices, the
// records its scope reaches (counted by kind of personal field) and what the audit log says it read.
// Read-only; used by `npm run admin -- exposure`.
import type { Db } from './db';
import { int, str, timestamp } from './rows';

export interface ExposureDevice {
  id: string;
  label: string | null;
  status: string;
  enrolledAt: string;
  lastSyncAt: string | null;
  revokedAt: string | null;
  erasedAt: string | null;
}

export interface ExposureAccount {
  id: string;
  fullName: string;
  role: string;
  wardCode: string | null;
  username: string | null;
  groupIds: string[];
  createdAt: string;
  devices: ExposureDevice[];
}

/** What the records of a scope hold: residents (live), and how many carry each optional personal field. */
export interface ExposureCounts {
  residents: number;
  withPhone: number;
  withBirthDate: number;
  withCitizenIdLast4: number;
  /** Records deleted or erased: a phone that has not synced since may still hold their older state. */
  deletedResidents: number;
  sessions: number;
  completions: number;
}

export interface ExposureReads {
  action: string;
  count: number;
  first: string;
  last: string;
}

export interface ExposureStore {
  /** The account by id or username, with its devices; or the account owning this device id. */
  exposureAccount(key: {
    accountId?: string;
    username?: string;
    deviceId?: string;
  }): Promise<ExposureAccount | undefined>;
  /** Counts over a ward, or over some of its residential groups. */
  exposureCounts(wardCode: string, groupIds?: readonly string[]): Promise<ExposureCounts>;
  /** The account's audit entries by action (reads and exports it made). */
  exposureReads(accountId: string): Promise<ExposureReads[]>;
}

const opt = (row: Record<string, unknown>, column: string) =>
  row[column] == null ? null : timestamp(row, column);

export function createExposureStore(db: Db): ExposureStore {
  return {
    async exposureAccount(key) {
      const [row] = await db.query(
        `select a.id, a.full_name, a.role, a.ward_code, a.username, a.group_ids, a.created_at from accounts a
         where ($1::text is not null and a.id = $1) or ($2::text is not null and a.username = $2)
            or ($3::text is not null and a.id = (select account_id from devices where id = $3))
         limit 1`,
        [key.accountId ?? null, key.username ?? null, key.deviceId ?? null],
      );
      if (row === undefined) return undefined;
      const devices = await db.query(
        `select id, label, status, enrolled_at, last_sync_at, revoked_at, erased_at from devices
         where account_id = $1 order by enrolled_at`,
        [str(row, 'id')],
      );
      return {
        id: str(row, 'id'),
        fullName: str(row, 'full_name'),
        role: str(row, 'role'),
        wardCode: row['ward_code'] == null ? null : str(row, 'ward_code'),
        username: row['username'] == null ? null : str(row, 'username'),
        groupIds: Array.isArray(row['group_ids']) ? row['group_ids'].map(String) : [],
        createdAt: timestamp(row, 'created_at'),
        devices: devices.map((d) => ({
          id: str(d, 'id'),
          label: d['label'] == null ? null : str(d, 'label'),
          status: str(d, 'status'),
          enrolledAt: timestamp(d, 'enrolled_at'),
          lastSyncAt: opt(d, 'last_sync_at'),
          revokedAt: opt(d, 'revoked_at'),
          erasedAt: opt(d, 'erased_at'),
        })),
      };
    },

    async exposureCounts(wardCode, groupIds) {
      const groups = groupIds === undefined ? null : [...groupIds];
      const [r] = await db.query(
        `select count(*) filter (where not deleted) as residents,
                count(*) filter (where not deleted and doc ? 'phone') as with_phone,
                count(*) filter (where not deleted and doc ? 'birthDate') as with_birth_date,
                count(*) filter (where not deleted and doc ? 'citizenIdLast4') as with_id4,
                count(*) filter (where deleted) as deleted_residents
         from residents where ward_code = $1 and ($2::text[] is null or group_id = any($2::text[]))`,
        [wardCode, groups],
      );
      const [s] = await db.query(
        `select count(*) as n from training_sessions
         where ward_code = $1 and not deleted and ($2::text[] is null or group_id = any($2::text[]))`,
        [wardCode, groups],
      );
      const [c] = await db.query(
        `select count(*) as n from completions
         where ward_code = $1 and not deleted and ($2::text[] is null or group_id = any($2::text[]))`,
        [wardCode, groups],
      );
      return {
        residents: int(r!, 'residents'),
        withPhone: int(r!, 'with_phone'),
        withBirthDate: int(r!, 'with_birth_date'),
        withCitizenIdLast4: int(r!, 'with_id4'),
        deletedResidents: int(r!, 'deleted_residents'),
        sessions: int(s!, 'n'),
        completions: int(c!, 'n'),
      };
    },

    async exposureReads(accountId) {
      const rows = await db.query(
        `select action, count(*) as n, min(at) as first, max(at) as last from audit_log
         where actor_id = $1 group by action order by action`,
        [accountId],
      );
      return rows.map((row) => ({
        action: str(row, 'action'),
        count: int(row, 'n'),
        first: timestamp(row, 'first'),
        last: timestamp(row, 'last'),
      }));
    },
  };
}
