// One exchange with the ward server per RxDB replication call: pull a page, push a batch (recording
// receipts and quarantine notices), and the wrapper that turns each outcome into the sync status.
import type { RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import {
  pullResponseSchema,
  pushResponseSchema,
  type Checkpoint,
  type PlainDoc,
  type PushableCollection,
  type SyncCollection,
} from '../../shared';
import { SETTING_KEYS, type KeyValue } from '../db';
import { ApiError, type SyncHttp } from '../api';
import type { Backoff } from './backoff';
import type { QuarantineLog } from './quarantine';
import type { Receipts } from './receipts';
import type { StatusStore, SyncStatus } from './status';

export type Tracker = <T>(exchange: () => Promise<T>) => Promise<T>;

export function pullHandler<T>(
  http: SyncHttp,
  collection: SyncCollection,
  wardCode: string,
  receipts: Receipts | null,
  track: Tracker,
) {
  return async (checkpoint: Checkpoint | undefined, batchSize: number) => {
    const seq = checkpoint?.seq ?? 0;
    const answer = await track(() =>
      http.get(
        `/v1/sync/${collection}/pull?wardCode=${wardCode}&seq=${seq}&limit=${batchSize}`,
        pullResponseSchema,
      ),
    );
    if (receipts) await receipts.ack(answer.documents);
    return {
      documents: answer.documents as unknown as WithDeleted<T>[],
      checkpoint: answer.checkpoint,
    };
  };
}

export interface PushContext {
  http: SyncHttp;
  collection: PushableCollection;
  wardCode: string;
  receipts: Receipts;
  quarantine: QuarantineLog;
  track: Tracker;
  /** The quarantine log changed (a refusal needs no receipt, so receipts may not say so). */
  onQuarantine(): void;
}

export function pushHandler<T>(c: PushContext) {
  return async (rows: RxReplicationWriteToMasterRow<T>[]): Promise<WithDeleted<T>[]> => {
    const sent = new Map<string, PlainDoc>(
      rows.map((r) => [String((r.newDocumentState as PlainDoc)['id']), r.newDocumentState as PlainDoc]),
    );
    const answer = await c.track(() =>
      c.http.post(
        `/v1/sync/${c.collection}/push?wardCode=${c.wardCode}`,
        {
          rows: rows.map((r) => ({
            assumedMasterState: r.assumedMasterState ?? null,
            newDocumentState: r.newDocumentState,
          })),
        },
        pushResponseSchema,
      ),
    );
    const refused = new Set([
      ...answer.conflicts.map((d) => d['id']),
      ...answer.quarantined.map((q) => q.id),
    ]);
    const accepted = [...sent.values()].filter((d) => !refused.has(d['id']));
    // Quarantine first: the receipts' notification then re-checks the records with both up to date.
    await c.quarantine.record(answer.quarantined, sent);
    await c.quarantine.forget(accepted.map((d) => String(d['id'])));
    await c.receipts.ack([...answer.conflicts, ...accepted]);
    if (answer.quarantined.length > 0) c.onQuarantine();
    return answer.conflicts as unknown as WithDeleted<T>[];
  };
}

/**
 * Wraps each exchange: success stamps "last synced" (and calls onSuccess), failure sets the problem
 * shown to the user.
 */
export function trackExchange(
  kv: KeyValue,
  status: StatusStore,
  onSuccess: () => void,
  backoff?: Backoff,
): Tracker {
  return async (exchange) => {
    await backoff?.wait();
    try {
      const result = await exchange();
      backoff?.succeeded();
      const now = new Date().toISOString();
      // Revocation is final for this session: a retiring device's successful pushes must not clear it.
      const ended = status.get().problem === 'revoked' || status.get().problem === 'retiring';
      status.update({ lastSyncedAt: now, problem: ended ? status.get().problem : null });
      await kv.set(SETTING_KEYS.lastSyncedAt, now);
      onSuccess();
      return result;
    } catch (err) {
      backoff?.failed();
      const problem: SyncStatus['problem'] =
        err instanceof ApiError && err.kind !== 'rejected' ? err.kind : 'server_error';
      status.update({ problem });
      throw err;
    }
  };
}
