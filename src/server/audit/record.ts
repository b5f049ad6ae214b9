// Writing the audit log from a route (docs/privacy.md "Audit log"): who is asking comes from the request's
// principal (account, device). A read of personal data is logged BEFORE the data leaves: if the entry
// cannot be written the request fails, so nothing is ever seen without its trace. Long id lists in an
// entry's detail are capped (firstIds).
import type { FastifyRequest } from 'fastify';
import type { AuditAction } from '../../shared';
import type { AuditWrite, Store } from '../store';

/** The entry for this request's principal (the system when there is none). */
export function auditEntry(
  request: FastifyRequest,
  wardCode: string | null,
  action: AuditAction,
  subject: string,
  detail?: Record<string, unknown>,
): AuditWrite {
  const principal = request.principal;
  return {
    wardCode,
    actorId: principal?.accountId ?? null,
    deviceId: principal?.deviceId ?? null,
    action,
    subject,
    ...(detail === undefined ? {} : { detail }),
  };
}

/** Appends one entry for this request; awaits it (a failed write fails the request). */
export function audit(
  store: Store,
  request: FastifyRequest,
  wardCode: string | null,
  action: AuditAction,
  subject: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  return store.appendAudit([auditEntry(request, wardCode, action, subject, detail)]);
}

/** At most this many ids per list in an entry's detail (a push of 1,000 rows keeps its first 200). */
export const AUDIT_IDS_MAX = 200;

/** The first AUDIT_IDS_MAX ids, for an entry's detail (the counts next to them say how many in all). */
export function firstIds(ids: readonly string[]): string[] {
  return ids.slice(0, AUDIT_IDS_MAX);
}
