// The accounts part of the Store interface: accounts, sessions, invitations and devices (docs/auth.md).
// Secrets never reach these methods in clear: callers pass scrypt hashes and SHA-256 token hashes.
// Every method whose answer depends on the time takes `now` from the caller, so tests can move the clock.
import type { DeviceStatus, ResidentialGroup, RevokeMode, Role, Ward } from '../../shared';

export interface AccountRecord {
  id: string;
  role: Role;
  /** null only for administrators. */
  wardCode: string | null;
  fullName: string;
  phone: string | null;
  username: string | null;
  /** Leaders and volunteers: their residential groups; empty for officers and administrators. */
  groupIds: string[];
  mustChangePassword: boolean;
  createdAt: string;
}

/** What sign-in needs about an account. */
export interface LoginRecord extends AccountRecord {
  passwordHash: string | null;
  failedLogins: number;
  lockedUntil: Date | null;
}

export interface NewAccount {
  id: string;
  role: Role;
  wardCode: string | null;
  fullName: string;
  phone?: string | null;
  username?: string | null;
  passwordHash?: string | null;
  groupIds?: readonly string[];
  mustChangePassword?: boolean;
  createdBy?: string | null;
}

export interface DeviceRecord {
  id: string;
  accountId: string;
  label: string | null;
  status: DeviceStatus;
  appVersion: string | null;
  enrolledAt: string;
  lastSeenAt: string | null;
  lastSyncAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  unsyncedAtErase: number | null;
  erasedAt: string | null;
}

/** A bearer token resolved to its account and to the session or device it belongs to. */
export type TokenRecord =
  | {
      kind: 'session';
      account: AccountRecord;
      session: { tokenHash: string; expiresAt: Date; revokedAt: Date | null; lastSeenAt: Date | null };
    }
  | {
      kind: 'device';
      account: AccountRecord;
      device: {
        id: string;
        status: DeviceStatus;
        appVersion: string | null;
        lastSeenAt: Date | null;
        lastSyncAt: Date | null;
        erasedAt: Date | null;
      };
    };

export interface PersonRecord {
  account: AccountRecord;
  devices: DeviceRecord[];
  /** Expiry of the newest invitation that is unused, not replaced and not expired. */
  pendingInvitationExpiresAt: string | null;
}

export interface NewInvitation {
  id: string;
  accountId: string;
  codeHash: string;
  createdBy: string;
  now: Date;
  expiresAt: Date;
}

export interface NewDevice {
  id: string;
  tokenHash: string;
  label: string | null;
  appVersion: string | null;
}

/** A leader's or volunteer's groups replaced: the account as it is now, and the groups it had. */
export interface GroupsChange {
  account: AccountRecord;
  previousGroupIds: string[];
}

export type CreateWardResult =
  | { ok: true; ward: Ward; groups: ResidentialGroup[]; officer: AccountRecord }
  | { ok: false; reason: 'ward_exists' | 'username_taken' };

export interface AccountsStore {
  /** Inserts an account; 'username_taken' when its username exists (nothing changes). */
  createAccount(account: NewAccount, now: Date): Promise<AccountRecord | 'username_taken'>;
  getAccount(id: string): Promise<AccountRecord | undefined>;
  /** The account signing in with this username (already lower-cased by the caller). */
  findLogin(username: string): Promise<LoginRecord | undefined>;
  /**
   * Counts a wrong password. At `threshold` consecutive failures the account is locked until
   * now + lockMs and the counter starts again. Returns the lock's end when this failure locked it.
   */
  recordLoginFailure(accountId: string, now: Date, threshold: number, lockMs: number): Promise<Date | null>;
  /** A right password: the failure counter and any expired lock are cleared. */
  recordLoginSuccess(accountId: string): Promise<void>;
  setPassword(accountId: string, passwordHash: string, mustChangePassword: boolean): Promise<void>;
  /** Administrators, oldest first. */
  listAdmins(): Promise<AccountRecord[]>;

  createSession(tokenHash: string, accountId: string, now: Date, expiresAt: Date): Promise<void>;
  /** Revokes one session; false when it was unknown or already revoked. */
  revokeSession(tokenHash: string, now: Date): Promise<boolean>;
  /** Revokes every live session of the account except `keepTokenHash`; returns how many. */
  revokeSessionsOf(accountId: string, now: Date, keepTokenHash?: string): Promise<number>;
  touchSession(tokenHash: string, now: Date): Promise<void>;

  /** The session or device this token hash belongs to, with its account; undefined when unknown. */
  resolveToken(tokenHash: string): Promise<TokenRecord | undefined>;

  /**
   * Creates an invitation for the account and marks its earlier unused invitations replaced, in one
   * transaction.
   */
  createInvitation(invitation: NewInvitation): Promise<void>;
  /**
   * Uses the invitation with this code hash (unused, not replaced, not expired at `now`) and enrols a
   * device for its account, in one transaction. undefined when no such invitation.
   */
  enroll(codeHash: string, device: NewDevice, now: Date): Promise<AccountRecord | undefined>;

  /**
   * Replaces a leader's or volunteer's residential groups (the caller has checked them against the
   * ward). The account's row is locked while it is read and written, so two officers changing the same
   * person at once each get the groups the other left as `previousGroupIds`. undefined (nothing changes)
   * when the account is unknown or not a leader or volunteer: officers and administrators hold no groups.
   */
  setAccountGroups(accountId: string, groupIds: readonly string[]): Promise<GroupsChange | undefined>;

  /** Every account of the ward with its devices and pending invitation; officers first, then by name. */
  listPeople(wardCode: string, now: Date): Promise<PersonRecord[]>;
  /** A device whose account is in this ward; undefined otherwise (other wards' ids are not revealed). */
  getDeviceInWard(deviceId: string, wardCode: string): Promise<DeviceRecord | undefined>;
  /**
   * Revokes a device: active → retiring (retire) or lost; retiring → lost. Any other combination
   * changes nothing. Returns the device as it is afterwards.
   */
  revokeDevice(deviceId: string, mode: RevokeMode, by: string, now: Date): Promise<DeviceRecord | undefined>;
  /**
   * A retiring or lost device reports its unsynced count and erases itself: records the count, marks
   * retiring → retired, and its token stops working. undefined when the device was not in that state.
   */
  recordErasure(deviceId: string, unsyncedCount: number, now: Date): Promise<DeviceRecord | undefined>;
  /** Updates last_seen_at, and when given the app version and/or last_sync_at. */
  touchDevice(deviceId: string, now: Date, update: { appVersion?: string; sync?: boolean }): Promise<void>;

  /**
   * An administrator's new ward: the ward, its groups (sequenced like every synced write, under the
   * ward's lock) and its first officer, in one transaction.
   */
  createWardWithOfficer(
    ward: Ward,
    groups: readonly ResidentialGroup[],
    officer: NewAccount,
    now: Date,
  ): Promise<CreateWardResult>;
}
