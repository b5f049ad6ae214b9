// How long the audit log is kept (docs/privacy.md A3, AUDIT_RETENTION_DAYS) and the purge that enforces
// it: at server start, then once a day. The purge deletes only entries older than the retention (the
// table refuses every other delete); a failed purge is logged and tried again the next day.
import { errorFields, type BootLog } from '../log';
import type { Store } from '../store';

/** Days an entry is kept: the default and the range AUDIT_RETENTION_DAYS accepts. */
export const AUDIT_RETENTION_DAYS = { default: 730, min: 30, max: 3650 } as const;

export const PURGE_INTERVAL_MS = 24 * 3600_000;

/** Deletes the entries older than `days`; logs how many, or the failure (never throws). */
export async function purgeOldAudit(
  store: Store,
  days: number,
  log: BootLog,
  now: Date = new Date(),
): Promise<void> {
  try {
    const purged = await store.purgeAudit(days, now);
    if (purged > 0) log.info('old audit log entries deleted', { purged, retentionDays: days });
  } catch (error) {
    log.error('audit log purge failed', errorFields(error));
  }
}

/** Purges now, then every 24 h on a timer that does not keep the process alive. Returns its stop. */
export async function startAuditRetention(store: Store, days: number, log: BootLog): Promise<() => void> {
  await purgeOldAudit(store, days, log);
  const timer = setInterval(() => void purgeOldAudit(store, days, log), PURGE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
