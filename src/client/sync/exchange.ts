// One exchange with the ward server per RxDB replication call: pull a page, push a batch (recording
// receipts and quarantine notices), and the wrapper that turns each outcome into the sync status.
import type { RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import {
  checkpointParams,
  fingerprint,
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
import type { PullScope } from './scope';
import type { SentLog } from './sent-log';
import type { StatusStore, SyncStatus } from './status';

export type Tracker = <T>(exchange: () => Promise<T>) => Promise<T>;

/** Thrown instead of acting on an answer that arrived after the sync was stopped (the app closed). */
export class SyncStoppedError extends Error {
  constructor() {
    super('sync stopped');
    this.name = 'SyncStoppedError';
  }
}

const sameGroups = (a: readonly string[] | undefined, b: readonly string[]) =>
  a !== undefined && a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * One pull page. The checkpoint travels as query parameters (seq, and the scope and back-fill of a
 * leader's or volunteer's checkpoint). With `scope` (invariant 11): a pulled state never replaces a
 * record the server put aside, and when the answer's scope differs from the one sent, the in-sync local
 * records outside it are appended as eviction tombstones, so RxDB deletes them as master deletions.
 */
export function pullHandler<T>(
  http: SyncHttp,
  collection: SyncCollection,
  wardCode: string,
  receipts: Receipts | null,
  track: Tracker,
  scope?: PullScope,
  /** False once the sync is closed: a late answer then changes nothing on the device. */
  alive: () => boolean = () => true,
) {
  /** A scope change whose eviction found nothing: no need to look again while the page stays empty. */
  let nothingToEvict: string | null = null;
  return async (checkpoint: Checkpoint | undefined, batchSize: number) => {
    const query = new URLSearchParams({
      wardCode,
      ...checkpointParams(checkpoint),
      limit: String(batchSize),
    });
    const answer = await track(() => http.get(`/v1/sync/${collection}/pull?${query}`, pullResponseSchema));
    if (!alive()) throw new SyncStoppedError();
    let documents = answer.documents;
    let acked = documents;
    const next = answer.checkpoint.scope;
    if (scope !== undefined) {
      // A record put aside keeps its local state: RxDB gets that state back (a no-op for it, and the page
      // keeps its length, since RxDB stops pulling after a short page) and no receipt is written.
      const aside = await scope.putAside(documents.map((d) => String(d['id'])));
      if (aside.size > 0) {
        acked = documents.filter((d) => !aside.has(String(d['id'])));
        documents = documents.flatMap((d) => {
          const local = aside.get(String(d['id']));
          return local === undefined ? [d] : local === null ? [] : [{ ...local, _deleted: false }];
        });
      }
      const change = next === undefined ? null : `${checkpoint?.scope?.join(',') ?? '?'}>${next.join(',')}`;
      if (next !== undefined && !sameGroups(checkpoint?.scope, next) && change !== nothingToEvict) {
        const pulled = new Set(answer.documents.map((d) => String(d['id'])));
        const tombstones = (await scope.evict(next)).filter((t) => !pulled.has(String(t['id'])));
        nothingToEvict = tombstones.length === 0 ? change : null;
        documents = [...documents, ...tombstones];
        acked = [...acked, ...tombstones];
      }
    }
    if (receipts) await receipts.ack(acked);
    return {
      documents: documents as unknown as WithDeleted<T>[],
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
  /** The last state sent per record (invariant 12). */
  sentLog: SentLog;
  /** False once the sync is closed: a late answer then changes nothing on the device. */
  alive?: () => boolean;
}

export function pushHandler<T>(c: PushContext) {
  const post = (rows: { assumedMasterState: unknown; newDocumentState: unknown }[]) =>
    c.track(() =>
      c.http.post(`/v1/sync/${c.collection}/push?wardCode=${c.wardCode}`, { rows }, pushResponseSchema),
    );
  return async (rows: RxReplicationWriteToMasterRow<T>[]): Promise<WithDeleted<T>[]> => {
    const sent = new Map<string, PlainDoc>(
      rows.map((r) => [String((r.newDocumentState as PlainDoc)['id']), r.newDocumentState as PlainDoc]),
    );
    await c.sentLog.note([...sent.values()]);
    const answer = await post(
      rows.map((r) => ({
        assumedMasterState: r.assumedMasterState ?? null,
        newDocumentState: r.newDocumentState,
      })),
    );
    if (c.alive?.() === false) throw new SyncStoppedError();
    // Invariant 12: the server holds a state this device sent itself (its answer was lost), so the
    // device's newer state replaces it, once, assuming that state.
    const ours = answer.conflicts.filter((d) => c.sentLog.sent(String(d['id']), fingerprint(d)));
    let conflicts = answer.conflicts;
    let quarantined = answer.quarantined;
    if (ours.length > 0) {
      const again = await post(
        ours.map((d) => ({ assumedMasterState: d, newDocumentState: sent.get(String(d['id'])) })),
      );
      if (c.alive?.() === false) throw new SyncStoppedError();
      const oursIds = new Set(ours.map((d) => d['id']));
      conflicts = [...answer.conflicts.filter((d) => !oursIds.has(d['id'])), ...again.conflicts];
      quarantined = [...answer.quarantined, ...again.quarantined];
    }
    const refused = new Set([...conflicts.map((d) => d['id']), ...quarantined.map((q) => q.id)]);
    const accepted = [...sent.values()].filter((d) => !refused.has(d['id']));
    // Quarantine first: the receipts' notification then re-checks the records with both up to date.
    await c.quarantine.record(quarantined, sent);
    await c.quarantine.forget(accepted.map((d) => String(d['id'])));
    await c.receipts.ack([...conflicts, ...accepted]);
    if (quarantined.length > 0) c.onQuarantine();
    return conflicts as unknown as WithDeleted<T>[];
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
  /** True once the sync is stopping: no new exchange starts (not even one that was backing off). */
  stopping: () => boolean = () => false,
): Tracker {
  return async (exchange) => {
    if (stopping()) throw new SyncStoppedError();
    await backoff?.wait();
    if (stopping()) throw new SyncStoppedError();
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
