// When the ward revokes this device: upload what can still be uploaded (retire), tell the server how
// many records were left unsynced, and only then erase — so nothing disappears without a trace.
import { eraseReportBodySchema } from '../../shared';
import { z } from 'zod/mini';
import { ApiError } from '../api';
import type { SyncController } from './replication';

export interface FinishAccessOptions {
  sync: SyncController;
  /** Erases the device's local data (database and settings). */
  erase: () => Promise<void>;
  /** How long a retiring device may keep uploading before it reports what is left. */
  uploadGraceMs?: number;
}

export type FinishAccessResult =
  | { ok: true; unsyncedCount: number }
  /** The report could not reach the server: nothing was erased; try again when online. */
  | { ok: false; reason: 'unreachable' };

const okSchema = z.unknown();

export async function finishAccess(o: FinishAccessOptions): Promise<FinishAccessResult> {
  if (o.sync.status.get().problem === 'retiring') await uploadWhatIsLeft(o.sync, o.uploadGraceMs ?? 60_000);
  const unsyncedCount = o.sync.status.get().waiting;
  const body = eraseReportBodySchema.parse({ unsyncedCount });
  try {
    await o.sync.http.post('/v1/auth/device/erased', body, okSchema);
  } catch (err) {
    // An unknown token means the server already recorded this device's end: erasing loses nothing new.
    const gone = err instanceof ApiError && (err.kind === 'unauthenticated' || err.kind === 'revoked');
    if (!gone) return { ok: false, reason: 'unreachable' };
  }
  await o.sync.stop();
  await o.erase();
  return { ok: true, unsyncedCount };
}

/** Waits until every record the server can accept is acknowledged (quarantined ones never will be). */
function uploadWhatIsLeft(sync: SyncController, graceMs: number): Promise<void> {
  sync.syncNow();
  return new Promise((resolve) => {
    let stop: () => void = () => undefined;
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, graceMs);
    stop = sync.status.subscribe((s) => {
      if (s.waiting - s.needsAttention <= 0) {
        clearTimeout(timer);
        queueMicrotask(() => stop());
        resolve();
      }
    });
  });
}
