// Sizing a breach (docs/breach.md): what one account, or one device, could have seen — its scope (the
// whole ward for an officer, its residential groups for a leader or volunteer), the records in that scope
// by kind of personal field, its devices and their last sync (what a lost phone may still hold), and the
// reads the audit log recorded for it. Pure over the Store; printed by `npm run admin -- exposure`.
import type { ExposureAccount, ExposureCounts, ExposureReads, Store } from '../store';

/** An account by its id or username, or a device by its id. */
export type ExposureKey = { account: string } | { deviceId: string };

export interface ExposureReport {
  account: ExposureAccount;
  /** The device asked about, when the key was a device. */
  device: ExposureAccount['devices'][number] | null;
  scope: { wardCode: string | null; groupIds: string[] | 'whole ward' | 'none' };
  counts: ExposureCounts | null;
  reads: ExposureReads[];
}

export async function exposureReport(store: Store, key: ExposureKey): Promise<ExposureReport | undefined> {
  const account = await store.exposureAccount(
    'account' in key ? { accountId: key.account, username: key.account.trim().toLowerCase() } : key,
  );
  if (account === undefined) return undefined;
  const device = 'deviceId' in key ? (account.devices.find((d) => d.id === key.deviceId) ?? null) : null;
  const groupIds =
    account.wardCode === null ? 'none' : account.role === 'officer' ? 'whole ward' : account.groupIds;
  const counts =
    account.wardCode === null
      ? null
      : await store.exposureCounts(
          account.wardCode,
          groupIds === 'whole ward' ? undefined : account.groupIds,
        );
  return {
    account,
    device,
    scope: { wardCode: account.wardCode, groupIds },
    counts,
    reads: await store.exposureReads(account.id),
  };
}

const day = (iso: string | null) => (iso === null ? '—' : iso.replace('T', ' ').slice(0, 16) + ' UTC');

/** The report as plain text for the person running the command (English: an operator's tool). */
export function exposureText(report: ExposureReport): string {
  const { account, device, scope, counts, reads } = report;
  const lines = [
    `Account  ${account.fullName} (${account.role}) id ${account.id}` +
      (account.username === null ? '' : ` username ${account.username}`),
    `Ward     ${scope.wardCode ?? '— (administrator: no ward, sees no resident)'}`,
    `Scope    ${Array.isArray(scope.groupIds) ? `groups ${scope.groupIds.join(', ') || '(none)'}` : scope.groupIds}`,
    `         (the scope now; earlier group changes are in the audit log as account.invite entries)`,
  ];
  if (device !== null) {
    lines.push(
      `Device   ${device.label ?? '(no label)'} id ${device.id} status ${device.status}`,
      `         enrolled ${day(device.enrolledAt)}, last sync ${day(device.lastSyncAt)}, ` +
        `revoked ${day(device.revokedAt)}, erased ${day(device.erasedAt)}`,
      `         A lost phone holds what it had pulled by its last sync (and what was typed on it since).`,
    );
  } else if (account.devices.length > 0) {
    lines.push(`Devices  ${account.devices.length}:`);
    for (const d of account.devices)
      lines.push(
        `         ${d.label ?? '(no label)'} ${d.id} ${d.status}, last sync ${day(d.lastSyncAt)}` +
          (d.erasedAt === null ? '' : `, erased ${day(d.erasedAt)}`),
      );
  }
  if (counts !== null) {
    lines.push(
      `Records in scope now:`,
      `  residents ${counts.residents} (name, year of birth, sex, group)`,
      `    with phone number ${counts.withPhone}, with full birth date ${counts.withBirthDate}, ` +
        `with last 4 ID digits ${counts.withCitizenIdLast4}`,
      `  deleted or erased residents ${counts.deletedResidents} (older states may remain on an unsynced phone)`,
      `  training sessions ${counts.sessions}, completions ${counts.completions}`,
    );
  }
  lines.push(reads.length === 0 ? 'Audit log: no entries for this account.' : 'Audit log (by action):');
  for (const r of reads)
    lines.push(`  ${r.action.padEnd(18)} ${r.count}× from ${day(r.first)} to ${day(r.last)}`);
  return lines.join('\n');
}
