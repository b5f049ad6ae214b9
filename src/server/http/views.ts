// Store records → the wire shapes of src/shared/auth.ts. Nothing secret is ever on a record's way out:
// these functions pick fields one by one.
import type { Account, DeviceView, PersonView } from '../../shared';
import type { AccountRecord, DeviceRecord, PersonRecord } from '../store';

export function accountView(record: AccountRecord): Account {
  return {
    id: record.id,
    fullName: record.fullName,
    role: record.role,
    wardCode: record.wardCode,
    groupIds: [...record.groupIds],
    ...(record.username === null ? {} : { username: record.username }),
    ...(record.phone === null ? {} : { phone: record.phone }),
  };
}

export function deviceView(record: DeviceRecord): DeviceView {
  return {
    id: record.id,
    label: record.label,
    status: record.status,
    appVersion: record.appVersion,
    enrolledAt: record.enrolledAt,
    lastSeenAt: record.lastSeenAt,
    lastSyncAt: record.lastSyncAt,
    revokedAt: record.revokedAt,
    unsyncedAtErase: record.unsyncedAtErase,
    erasedAt: record.erasedAt,
  };
}

export function personView(record: PersonRecord): PersonView {
  return {
    account: accountView(record.account),
    devices: record.devices.map(deviceView),
    pendingInvitation:
      record.pendingInvitationExpiresAt === null ? null : { expiresAt: record.pendingInvitationExpiresAt },
  };
}
