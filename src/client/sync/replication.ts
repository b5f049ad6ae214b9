// Replication of the device's collections with the ward server (RxDB replicateRxCollection over our
// HTTP endpoints), plus what the screens watch: the status indicator, per-record marks and the ward's
// coverage settings. Rules: docs/sync.md.
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxCollection } from 'rxdb';
import { combineLatest } from 'rxjs';
import {
  PUSHABLE_COLLECTIONS,
  type Checkpoint,
  type PlainDoc,
  type PushableCollection,
  type WardSettings,
} from '../../shared';
import { SETTING_KEYS, type AppDatabase, type KeyValue } from '../db';
import { createApiHttp, type SyncHttp } from '../api';
import { createBackoff, type BackoffOptions } from './backoff';
import { pullHandler, pushHandler, trackExchange } from './exchange';
import { createMarksStore, type RecordMarks } from './marks';
import { trackPending, type PendingTracker } from './pending';
import { loadQuarantineLog } from './quarantine';
import { loadReceipts } from './receipts';
import { createStatusStore, type StatusStore } from './status';
import { createWardSettingsStore } from './ward-settings';

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
  /** Waits between failed exchanges (exponential with jitter); defaults 1 s doubling to 2 min. */
  backoff?: BackoffOptions;
  /** While online, look for server changes this often. */
  pollIntervalMs?: number;
  /** After a failed exchange, try again after this long. */
  retryMs?: number;
  /** After a successful exchange, fetch the ward's settings again if the last fetch is older than this. */
  wardSettingsRefreshMs?: number;
}

export interface SyncController {
  status: Pick<StatusStore, 'get' | 'subscribe'>;
  /** Per-record marks for lists: ids waiting for the server, and records the server put aside with why. */
  records: { get(): RecordMarks; subscribe(onChange: (marks: RecordMarks) => void): () => void };
  /**
   * The ward's coverage settings: cached on the device (idb-keyval via KeyValue), refreshed from
   * GET /v1/sync/ward-settings on each successful exchange or start; DEFAULT_WARD_SETTINGS until known.
   */
  wardSettings: { get(): WardSettings; subscribe(onChange: (s: WardSettings) => void): () => void };
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
  const status = createStatusStore({
    online: o.network.isOnline(),
    syncing: false,
    waiting: 0,
    needsAttention: 0,
    lastSyncedAt: (await o.kv.get<string>(SETTING_KEYS.lastSyncedAt)) ?? null,
    problem: null,
  });
  const settings = await createWardSettingsStore({ kv: o.kv, http, wardCode: o.wardCode });
  const settingsEveryMs = o.wardSettingsRefreshMs ?? 60_000;
  let settingsAt = Date.now();
  const refreshSettings = () => {
    settingsAt = Date.now();
    void settings.refresh();
  };
  const backoff = createBackoff(o.backoff);
  const track = trackExchange(
    o.kv,
    status,
    () => {
      if (Date.now() - settingsAt >= settingsEveryMs) refreshSettings();
    },
    backoff,
  );

  // Counts and marks follow the trackers; recounting is cheap (set sizes), once per tick at most.
  const trackers: PendingTracker[] = [];
  const marks = createMarksStore(trackers);
  let recountQueued = false;
  const changed = () => {
    marks.invalidate();
    if (recountQueued) return;
    recountQueued = true;
    queueMicrotask(() => {
      recountQueued = false;
      status.update({
        waiting: trackers.reduce((n, t) => n + t.waiting.size, 0),
        needsAttention: trackers.reduce((n, t) => n + t.quarantined().length, 0),
      });
    });
  };

  const common = {
    live: true,
    // RxDB retries a failed exchange after retryTime; the backoff (exchange.ts) stretches the wait.
    retryTime: o.retryMs ?? 1000,
    waitForLeadership: true,
    // Pausing a replication mid-push makes RxDB treat unsent rows as sent: never pause.
    toggleOnDocumentVisible: false,
    autoStart: true,
  };
  const replications: RxReplicationState<PlainDoc, Checkpoint>[] = [];
  for (const name of PUSHABLE_COLLECTIONS) {
    const collection = o.db.rx[name] as unknown as RxCollection<PlainDoc>;
    const receipts = await loadReceipts(o.kv, name);
    const quarantine = await loadQuarantineLog(o.kv, name);
    trackers.push(trackPending({ name, collection, receipts, quarantine, onChange: changed }));
    replications.push(
      replicateRxCollection<PlainDoc, Checkpoint>({
        ...common,
        collection,
        replicationIdentifier: replicationId(name, o.wardCode),
        pull: { batchSize: 200, handler: pullHandler<PlainDoc>(http, name, o.wardCode, receipts, track) },
        push: {
          batchSize: 100,
          handler: pushHandler<PlainDoc>({
            http,
            collection: name,
            wardCode: o.wardCode,
            receipts,
            quarantine,
            track,
            onQuarantine: changed,
          }),
        },
      }),
    );
  }
  replications.push(
    replicateRxCollection<PlainDoc, Checkpoint>({
      ...common,
      collection: o.db.rx.groups as unknown as RxCollection<PlainDoc>,
      replicationIdentifier: replicationId('groups', o.wardCode),
      pull: { batchSize: 200, handler: pullHandler<PlainDoc>(http, 'groups', o.wardCode, null, track) },
    }),
  );
  refreshSettings();

  const activeSub = combineLatest(replications.map((r) => r.active$)).subscribe((active) =>
    status.update({ syncing: active.some(Boolean) }),
  );
  const exchangeNow = () => {
    replications.forEach((r) => r.reSync());
    refreshSettings();
  };
  /** A person asked, or the network came back: stop backing off. */
  const syncNow = () => {
    backoff.reset();
    exchangeNow();
  };
  const unNetwork = o.network.subscribe((online) => {
    status.update({ online });
    if (online) syncNow();
  });
  // The poll looks for server changes but does not cut a backoff short.
  const poll = setInterval(() => o.network.isOnline() && exchangeNow(), o.pollIntervalMs ?? 30_000);

  return {
    status,
    records: { get: marks.get, subscribe: marks.subscribe },
    wardSettings: { get: settings.get, subscribe: settings.subscribe },
    http,
    syncNow,
    async awaitInSync() {
      await Promise.all(replications.map((r) => r.awaitInSync()));
    },
    async stop() {
      clearInterval(poll);
      unNetwork();
      trackers.forEach((t) => t.stop());
      activeSub.unsubscribe();
      await Promise.all(replications.map((r) => r.cancel()));
      await settings.stop();
    },
  };
}

/** One replication per collection and ward; bump the version to restart a collection's checkpoint. */
export function replicationId(collection: PushableCollection | 'groups', wardCode: string): string {
  return `bdhvs:${collection}:v1:${wardCode}`;
}
