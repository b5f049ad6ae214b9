// The detail of the audit entries whose content takes more than a line to gather (docs/privacy.md A2,
// A4): a sync push and the import of a phone's unsynced file. Ids and counts only, never names.
import type { ImportOutcome, PushResponse, UnsyncedImportResponse } from '../../shared';
import type { ResidentImportResponse } from '../../shared/resident-import';
import { firstIds } from './record';

/** A push: how many rows came, and the ids written, answered as conflicts and put aside. */
export function pushDetail(rows: number, written: readonly string[], answer: PushResponse) {
  const conflicts = answer.conflicts.map((doc) => String(doc['id']));
  const putAside = answer.quarantined.map((notice) => notice.id);
  return {
    rows,
    counts: { written: written.length, conflicts: conflicts.length, putAside: putAside.length },
    written: firstIds(written),
    conflicts: firstIds(conflicts),
    putAside: firstIds(putAside),
  };
}

const WRITTEN: readonly ImportOutcome[] = ['added', 'updated', 'merged'];

/** An unsynced-records file: the device it says it came from, the outcomes, and the ids written. */
export function unsyncedImportDetail(fileDeviceId: string | null, answer: UnsyncedImportResponse) {
  const ids = (outcomes: readonly ImportOutcome[]) =>
    firstIds(answer.results.filter((r) => outcomes.includes(r.outcome)).map((r) => r.id));
  return {
    fileDeviceId,
    counts: answer.counts,
    written: ids(WRITTEN),
    putAside: ids(['quarantined']),
  };
}

/** A resident file checked (dry run) or imported: the row counts and, on commit, the new records' ids. */
export function residentImportDetail(commit: boolean, answer: ResidentImportResponse) {
  const fresh = answer.rows.flatMap((r) => (r.status === 'new' && r.id !== undefined ? [r.id] : []));
  return { commit, summary: answer.summary, ...(commit ? { written: firstIds(fresh) } : {}) };
}
