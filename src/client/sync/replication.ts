// Replication of the device's collections with the ward server (RxDB replicateRxCollection over our
// HTTP endpoints), plus the status the indicator shows. Rules: docs/sync.md.
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { combineLatest } from 'rxjs';
import {
  pullResponseSchema,
  pushResponseSchema,
  type Checkpoint,
  type PlainDoc,
  type Resident,
  type ResidentialGroup,
  type SyncCollection,
} from '../../shared';
import { SETTING_KEYS, type AppDatabase, type KeyValue } from '../db';
import { ApiError, createApiHttp, type SyncHttp } from '../api';
import { loadQuarantineLog, stillQuarantined } from './quarantine';
import { loadReceipts, waitingIds, type Receipts } from './receipts';
import { createStatusStore, type StatusStore, type SyncStatus } from './status';

export interface NetworkSource {
  isOnline(): boolean;
  subscribe(onChange: (online: boolean) => void): () => void;
}

export interface SyncOptions {
  db: AppDatabase;
  wardCode: string;
  kv: KeyValue;
  network: NetworkSource;
  /** Origin of the ward server; '' for the same origin as the app. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The device token (or officer session token), read at each request. */
  getToken?: () => string | null;
  /** The app's build version, reported to the server so officers see which version each phone runs. */
  appVersion?: string;
  /** While online, look for server changes this often. */
  pollIntervalMs?: number;
  /** After a failed exchange, try again after this long. */
  retryMs?: number;
}

export interface SyncController {
  status: Pick<StatusStore, 'get' | 'subscribe'>;
  /** The same authenticated HTTP client the replication uses (for the erase report). */
  http: SyncHttp;
  /** Ask for an exchange now (e.g. the "sync now" button, or the network came back). */
  syncNow(): void;
  /** Resolves when everything local has been pushed and everything remote pulled. */
  awaitInSync(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSync(o: SyncOptions): Promise<SyncController> {
  const http = createApiHttp({
    ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}),
    ...(o.fetch ? { fetch: o.fetch } : {}),
    ...(o.getToken ? { getToken: o.getToken } : {}),
    ...(o.appVersion ? { appVersion: o.appVersion } : {}),
  });
  const receipts = await loadReceipts(o.kv, 'residents');
  const quarantine = await loadQuarantineLog(o.kv, 'residents');
  const status = createStatusStore({
    online: o.network.isOnline(),
    syncing: false,
    waiting: 0,
    needsAttention: 0,
    lastSyncedAt: (await o.kv.get<string>(SETTING_KEYS.lastSyncedAt)) ?? null,
    problem: null,
  });
  const track = trackExchange(o.kv, status);

  const common = {
    live: true,
    retryTime: o.retryMs ?? 5000,
    waitForLeadership: true,
    // Pausing a replication mid-push makes RxDB treat unsent rows as sent: never pause.
    toggleOnDocumentVisible: false,
    autoStart: true,
  };
  const residents = replicateRxCollection<Resident, Checkpoint>({
    ...common,
    collection: o.db.rx.residents,
    replicationIdentifier: `bdhvs:residents:v1:${o.wardCode}`,
    pull: { batchSize: 200, handler: pullHandler<Resident>(http, 'residents', o.wardCode, receipts, track) },
    push: {
      batchSize: 100,
      handler: async (rows) => {
        const sent = new Map<string, PlainDoc>(
          rows.map((r) => [String(r.newDocumentState.id), r.newDocumentState]),
        );
        const answer = await track(() =>
          http.post(
            `/v1/sync/residents/push?wardCode=${o.wardCode}`,
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
        // Quarantine first: the receipts' change notification triggers the recount of both.
        await quarantine.record(answer.quarantined, sent);
        await receipts.ack([...answer.conflicts, ...[...sent.values()].filter((d) => !refused.has(d['id']))]);
        return answer.conflicts as unknown as Resident[] as never;
      },
    },
  });
  const groups = replicateRxCollection<ResidentialGroup, Checkpoint>({
    ...common,
    collection: o.db.rx.groups,
    replicationIdentifier: `bdhvs:groups:v1:${o.wardCode}`,
    pull: { batchSize: 200, handler: pullHandler<ResidentialGroup>(http, 'groups', o.wardCode, null, track) },
  });
  const replications: RxReplicationState<unknown, Checkpoint>[] = [residents, groups] as never;

  let localDocs: PlainDoc[] = [];
  const recount = () =>
    status.update({
      waiting: waitingIds(localDocs, receipts).length,
      needsAttention: stillQuarantined(localDocs, quarantine).length,
    });
  const docsSub = o.db.rx.residents.find().$.subscribe((docs) => {
    localDocs = docs.map((d) => d.toMutableJSON() as PlainDoc);
    recount();
  });
  const unReceipts = receipts.subscribe(recount);
  const activeSub = combineLatest(replications.map((r) => r.active$)).subscribe((active) =>
    status.update({ syncing: active.some(Boolean) }),
  );
  const syncNow = () => replications.forEach((r) => r.reSync());
  const unNetwork = o.network.subscribe((online) => {
    status.update({ online });
    if (online) syncNow();
  });
  const poll = setInterval(() => o.network.isOnline() && syncNow(), o.pollIntervalMs ?? 30_000);

  return {
    status,
    http,
    syncNow,
    async awaitInSync() {
      await Promise.all(replications.map((r) => r.awaitInSync()));
    },
    async stop() {
      clearInterval(poll);
      unNetwork();
      unReceipts();
      docsSub.unsubscribe();
      activeSub.unsubscribe();
      await Promise.all(replications.map((r) => r.cancel()));
    },
  };
}

function pullHandler<T>(
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
      documents: answer.documents as never as (T & { _deleted: boolean })[],
      checkpoint: answer.checkpoint,
    };
  };
}

type Tracker = <T>(exchange: () => Promise<T>) => Promise<T>;

/** Wraps each exchange: success stamps "last synced", failure sets the problem shown to the user. */
function trackExchange(kv: KeyValue, status: StatusStore): Tracker {
  return async (exchange) => {
    try {
      const result = await exchange();
      const now = new Date().toISOString();
      // Revocation is final for this session: a retiring device's successful pushes must not clear it.
      const ended = status.get().problem === 'revoked' || status.get().problem === 'retiring';
      status.update({ lastSyncedAt: now, problem: ended ? status.get().problem : null });
      await kv.set(SETTING_KEYS.lastSyncedAt, now);
      return result;
    } catch (err) {
      const problem: SyncStatus['problem'] =
        err instanceof ApiError && err.kind !== 'rejected' ? err.kind : 'server_error';
      status.update({ problem });
      throw err;
    }
  };
}
