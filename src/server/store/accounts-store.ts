// The SQL of accounts, sessions, invitations and devices (AccountsStore), over the Db seam.
// Tokens and codes arrive here already hashed; passwords as scrypt hashes. Times come from the caller.
import { DEVICE_STATUSES, ROLES, type DeviceStatus, type ResidentialGroup, type Role } from '../../shared';
import type { Db, Queryable, Row } from './db';
import {
  bool,
  dateOrNull,
  int,
  intOrNull,
  str,
  strArray,
  strOrNull,
  timestamp,
  timestampOrNull,
} from './rows';
import { createSyncTx, lockWard } from './sync-tx';
import type {
  AccountRecord,
  AccountsStore,
  DeviceRecord,
  LoginRecord,
  NewAccount,
  PersonRecord,
} from './accounts-types';

const ACCOUNT_COLUMNS = `a.id, a.role, a.ward_code, a.full_name, a.phone, a.username, a.group_ids,
  a.must_change_password, a.created_at`;

const DEVICE_COLUMNS = `d.id, d.account_id, d.label, d.status, d.app_version, d.enrolled_at, d.last_seen_at,
  d.last_sync_at, d.revoked_at, d.revoked_by, d.unsynced_at_erase, d.erased_at`;

function role(row: Row): Role {
  const value = str(row, 'role');
  const found = ROLES.find((r) => r === value);
  if (found === undefined) throw new Error(`accounts: unknown role ${value}`);
  return found;
}

function deviceStatus(row: Row, column = 'status'): DeviceStatus {
  const value = str(row, column);
  const found = DEVICE_STATUSES.find((s) => s === value);
  if (found === undefined) throw new Error(`devices: unknown status ${value}`);
  return found;
}

function toAccount(row: Row): AccountRecord {
  return {
    id: str(row, 'id'),
    role: role(row),
    wardCode: strOrNull(row, 'ward_code'),
    fullName: str(row, 'full_name'),
    phone: strOrNull(row, 'phone'),
    username: strOrNull(row, 'username'),
    groupIds: strArray(row, 'group_ids'),
    mustChangePassword: bool(row, 'must_change_password'),
    createdAt: timestamp(row, 'created_at'),
  };
}

function toDevice(row: Row): DeviceRecord {
  return {
    id: str(row, 'id'),
    accountId: str(row, 'account_id'),
    label: strOrNull(row, 'label'),
    status: deviceStatus(row),
    appVersion: strOrNull(row, 'app_version'),
    enrolledAt: timestamp(row, 'enrolled_at'),
    lastSeenAt: timestampOrNull(row, 'last_seen_at'),
    lastSyncAt: timestampOrNull(row, 'last_sync_at'),
    revokedAt: timestampOrNull(row, 'revoked_at'),
    revokedBy: strOrNull(row, 'revoked_by'),
    unsyncedAtErase: intOrNull(row, 'unsynced_at_erase'),
    erasedAt: timestampOrNull(row, 'erased_at'),
  };
}

async function insertAccount(
  q: Queryable,
  account: NewAccount,
  now: Date,
): Promise<AccountRecord | undefined> {
  const rows = await q.query(
    `insert into accounts as a (id, role, ward_code, full_name, phone, username, password_hash, group_ids,
       must_change_password, created_at, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10, $11)
     on conflict (username) do nothing
     returning ${ACCOUNT_COLUMNS}`,
    [
      account.id,
      account.role,
      account.wardCode,
      account.fullName,
      account.phone ?? null,
      account.username ?? null,
      account.passwordHash ?? null,
      [...(account.groupIds ?? [])],
      account.mustChangePassword ?? false,
      now,
      account.createdBy ?? null,
    ],
  );
  const [row] = rows;
  return row && toAccount(row);
}

/** Thrown inside a transaction to roll it back with a reason the caller reports. */
class Rollback extends Error {
  constructor(readonly reason: 'ward_exists' | 'username_taken') {
    super(reason);
  }
}

export function createAccountsStore(db: Db): AccountsStore {
  return {
    async createAccount(account, now) {
      return (await insertAccount(db, account, now)) ?? 'username_taken';
    },

    async getAccount(id) {
      const [row] = await db.query(`select ${ACCOUNT_COLUMNS} from accounts a where a.id = $1`, [id]);
      return row && toAccount(row);
    },

    async findLogin(username) {
      const [row] = await db.query(
        `select ${ACCOUNT_COLUMNS}, a.password_hash, a.failed_logins, a.locked_until
         from accounts a where a.username = $1`,
        [username],
      );
      if (row === undefined) return undefined;
      const login: LoginRecord = {
        ...toAccount(row),
        passwordHash: strOrNull(row, 'password_hash'),
        failedLogins: int(row, 'failed_logins'),
        lockedUntil: dateOrNull(row, 'locked_until'),
      };
      return login;
    },

    async recordLoginFailure(accountId, now, threshold, lockMs) {
      // One statement, so concurrent wrong guesses cannot slip past the threshold.
      const [row] = await db.query(
        `update accounts set
           failed_logins = case when failed_logins + 1 >= $2 then 0 else failed_logins + 1 end,
           locked_until = case when failed_logins + 1 >= $2 then $3::timestamptz else locked_until end
         where id = $1
         returning locked_until, (failed_logins = 0) as locked_now`,
        [accountId, threshold, new Date(now.getTime() + lockMs)],
      );
      return row !== undefined && bool(row, 'locked_now') ? dateOrNull(row, 'locked_until') : null;
    },

    async recordLoginSuccess(accountId) {
      await db.query('update accounts set failed_logins = 0, locked_until = null where id = $1', [accountId]);
    },

    async setPassword(accountId, passwordHash, mustChangePassword) {
      await db.query(
        `update accounts set password_hash = $2, must_change_password = $3, failed_logins = 0,
           locked_until = null where id = $1`,
        [accountId, passwordHash, mustChangePassword],
      );
    },

    async listAdmins() {
      const rows = await db.query(
        `select ${ACCOUNT_COLUMNS} from accounts a where a.role = 'admin' order by a.created_at, a.id`,
      );
      return rows.map(toAccount);
    },

    async createSession(tokenHash, accountId, now, expiresAt) {
      await db.query(
        'insert into sessions (token_hash, account_id, created_at, expires_at, last_seen_at) values ($1, $2, $3, $4, $3)',
        [tokenHash, accountId, now, expiresAt],
      );
    },

    async revokeSession(tokenHash, now) {
      const rows = await db.query(
        'update sessions set revoked_at = $2 where token_hash = $1 and revoked_at is null returning token_hash',
        [tokenHash, now],
      );
      return rows.length > 0;
    },

    async revokeSessionsOf(accountId, now, keepTokenHash) {
      const rows = await db.query(
        `update sessions set revoked_at = $2
         where account_id = $1 and revoked_at is null and expires_at > $2 and token_hash <> $3
         returning token_hash`,
        [accountId, now, keepTokenHash ?? ''],
      );
      return rows.length;
    },

    async touchSession(tokenHash, now) {
      await db.query('update sessions set last_seen_at = $2 where token_hash = $1', [tokenHash, now]);
    },

    async resolveToken(tokenHash) {
      // Devices first: they call far more often (every sync) than officers' sessions.
      const [device] = await db.query(
        `select ${ACCOUNT_COLUMNS}, d.id as device_id, d.status as device_status, d.app_version,
           d.last_seen_at, d.last_sync_at, d.erased_at
         from devices d join accounts a on a.id = d.account_id where d.token_hash = $1`,
        [tokenHash],
      );
      if (device !== undefined) {
        return {
          kind: 'device',
          account: toAccount(device),
          device: {
            id: str(device, 'device_id'),
            status: deviceStatus(device, 'device_status'),
            appVersion: strOrNull(device, 'app_version'),
            lastSeenAt: dateOrNull(device, 'last_seen_at'),
            lastSyncAt: dateOrNull(device, 'last_sync_at'),
            erasedAt: dateOrNull(device, 'erased_at'),
          },
        };
      }
      const [session] = await db.query(
        `select ${ACCOUNT_COLUMNS}, s.token_hash, s.expires_at, s.revoked_at, s.last_seen_at
         from sessions s join accounts a on a.id = s.account_id where s.token_hash = $1`,
        [tokenHash],
      );
      if (session === undefined) return undefined;
      return {
        kind: 'session',
        account: toAccount(session),
        session: {
          tokenHash: str(session, 'token_hash'),
          expiresAt: new Date(timestamp(session, 'expires_at')),
          revokedAt: dateOrNull(session, 'revoked_at'),
          lastSeenAt: dateOrNull(session, 'last_seen_at'),
        },
      };
    },

    createInvitation(invitation) {
      return db.transaction(async (q) => {
        // Serialise invitations of one person so two at once cannot both stay valid.
        await q.query('select id from accounts where id = $1 for update', [invitation.accountId]);
        await q.query(
          `update invitations set replaced_at = $2
           where account_id = $1 and used_at is null and replaced_at is null`,
          [invitation.accountId, invitation.now],
        );
        await q.query(
          `insert into invitations (id, account_id, code_hash, created_by, created_at, expires_at)
           values ($1, $2, $3, $4, $5, $6)`,
          [
            invitation.id,
            invitation.accountId,
            invitation.codeHash,
            invitation.createdBy,
            invitation.now,
            invitation.expiresAt,
          ],
        );
      });
    },

    enroll(codeHash, device, now) {
      return db.transaction(async (q) => {
        // The update is the check: a code can be used once even by two phones at the same moment.
        const [used] = await q.query(
          `update invitations set used_at = $2
           where code_hash = $1 and used_at is null and replaced_at is null and expires_at > $2
           returning account_id`,
          [codeHash, now],
        );
        if (used === undefined) return undefined;
        const accountId = str(used, 'account_id');
        await q.query(
          `insert into devices (id, account_id, token_hash, label, app_version, status, enrolled_at, last_seen_at)
           values ($1, $2, $3, $4, $5, 'active', $6, $6)`,
          [device.id, accountId, device.tokenHash, device.label, device.appVersion, now],
        );
        const [account] = await q.query(`select ${ACCOUNT_COLUMNS} from accounts a where a.id = $1`, [
          accountId,
        ]);
        return account && toAccount(account);
      });
    },

    setAccountGroups(accountId, groupIds) {
      return db.transaction(async (q) => {
        const [before] = await q.query(
          `select group_ids from accounts where id = $1 and role in ('leader', 'volunteer') for update`,
          [accountId],
        );
        if (before === undefined) return undefined;
        const [after] = await q.query(
          `update accounts a set group_ids = $2::text[] where a.id = $1 returning ${ACCOUNT_COLUMNS}`,
          [accountId, [...groupIds]],
        );
        if (after === undefined) throw new Error('accounts: a locked row vanished');
        return { account: toAccount(after), previousGroupIds: strArray(before, 'group_ids') };
      });
    },

    async listPeople(wardCode, now) {
      const accounts = await db.query(
        `select ${ACCOUNT_COLUMNS} from accounts a where a.ward_code = $1
         order by case a.role when 'officer' then 0 when 'leader' then 1 else 2 end, a.full_name, a.id`,
        [wardCode],
      );
      const devices = await db.query(
        `select ${DEVICE_COLUMNS} from devices d join accounts a on a.id = d.account_id
         where a.ward_code = $1 order by d.enrolled_at, d.id`,
        [wardCode],
      );
      const invitations = await db.query(
        `select i.account_id, max(i.expires_at) as expires_at
         from invitations i join accounts a on a.id = i.account_id
         where a.ward_code = $1 and i.used_at is null and i.replaced_at is null and i.expires_at > $2
         group by i.account_id`,
        [wardCode, now],
      );
      const byAccount = new Map<string, DeviceRecord[]>();
      for (const row of devices) {
        const d = toDevice(row);
        byAccount.set(d.accountId, [...(byAccount.get(d.accountId) ?? []), d]);
      }
      const pending = new Map(
        invitations.map((row) => [str(row, 'account_id'), timestamp(row, 'expires_at')]),
      );
      return accounts.map((row): PersonRecord => {
        const account = toAccount(row);
        return {
          account,
          devices: byAccount.get(account.id) ?? [],
          pendingInvitationExpiresAt: pending.get(account.id) ?? null,
        };
      });
    },

    async getDeviceInWard(deviceId, wardCode) {
      const [row] = await db.query(
        `select ${DEVICE_COLUMNS} from devices d join accounts a on a.id = d.account_id
         where d.id = $1 and a.ward_code = $2`,
        [deviceId, wardCode],
      );
      return row && toDevice(row);
    },

    async revokeDevice(deviceId, mode, by, now) {
      const target = mode === 'retire' ? 'retiring' : 'lost';
      await db.query(
        `update devices set status = $2, revoked_at = coalesce(revoked_at, $3), revoked_by = $4
         where id = $1 and erased_at is null
           and (status = 'active' or (status = 'retiring' and $2 = 'lost'))`,
        [deviceId, target, now, by],
      );
      const [row] = await db.query(`select ${DEVICE_COLUMNS} from devices d where d.id = $1`, [deviceId]);
      return row && toDevice(row);
    },

    async recordErasure(deviceId, unsyncedCount, now) {
      const [row] = await db.query(
        `update devices d set unsynced_at_erase = $2, erased_at = $3, revoked_at = coalesce(revoked_at, $3),
           status = case when status in ('retiring', 'active') then 'retired' else status end
         where id = $1 and erased_at is null and status in ('active', 'retiring', 'lost')
         returning ${DEVICE_COLUMNS}`,
        [deviceId, unsyncedCount, now],
      );
      return row && toDevice(row);
    },

    async touchDevice(deviceId, now, update) {
      await db.query(
        `update devices set last_seen_at = $2, app_version = coalesce($3, app_version),
           last_sync_at = case when $4 then $2 else last_sync_at end
         where id = $1`,
        [deviceId, now, update.appVersion ?? null, update.sync === true],
      );
    },

    async createWardWithOfficer(ward, groups, officer, now) {
      try {
        return await db.transaction(async (q) => {
          const created = await q.query(
            `insert into wards (code, name, province_code) values ($1, $2, $3)
             on conflict (code) do nothing returning code`,
            [ward.code, ward.name, ward.provinceCode],
          );
          if (created.length === 0) throw new Rollback('ward_exists');
          // Groups are synced rows: the ward's lock before their sequence values (docs/sync.md inv. 3).
          await lockWard(q, ward.code);
          const stored: ResidentialGroup[] = groups.map((g) => ({ ...g, wardCode: ward.code }));
          await createSyncTx(q, 'groups', ward.code, {}).write(
            stored.map((g) => ({ id: g.id, groupId: g.id, doc: { ...g }, deleted: false })),
          );
          const account = await insertAccount(q, { ...officer, wardCode: ward.code }, now);
          if (account === undefined) throw new Rollback('username_taken');
          return { ok: true as const, ward, groups: stored, officer: account };
        });
      } catch (error) {
        if (error instanceof Rollback) return { ok: false, reason: error.reason };
        throw error;
      }
    },
  };
}
