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
  type SyncCollection,
  type WardSettings,
} from '../../shared';
import { SETTING_KEYS, type AppDatabase, type KeyValue } from '../db';
import { createApiHttp, createApiStream, type ApiHttpOptions, type SyncHttp } from '../api';
import { createBackoff, type BackoffOptions } from './backoff';
import { pullHandler, pushHandler, SyncStoppedError, trackExchange } from './exchange';
import { startLive } from './live';
import { createMarksStore, type RecordMarks } from './marks';
import { trackPending, type PendingTracker } from './pending';
import { crossTab } from './cross-tab';
import { loadSentLog } from './sent-log';
import { loadQuarantineLog, quarantineKey } from './quarantine';
import { loadReceipts, receiptsKey } from './receipts';
import { pullScope } from './scope';
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
  /** Keep the live update stream open while online (live.ts); default true. */
  liveUpdates?: boolean;
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
  const apiOptions: ApiHttpOptions = {
    ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}),
    ...(o.fetch ? { fetch: o.fetch } : {}),
    ...(o.getToken ? { getToken: o.getToken } : {}),
    ...(o.appVersion ? { appVersion: o.appVersion } : {}),
  };
  const http = createApiHttp(apiOptions);
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
  // One channel per device database: the tabs of this app on this phone.
  const tabs = crossTab(`bdhvs-sync:${o.db.rx.name}`);
  const untabs: (() => void)[] = [];
  // Stopping (the app closes, the database is swapped): no new exchange starts; those under way may
  // finish and be written down by RxDB for a moment; then the sync is closed and a later answer changes
  // nothing on the device (a stopped sync must never overwrite what the next one recorded).
  let stopping = false;
  let closed = false;
  const alive = () => !closed;
  const inFlight = new Set<Promise<unknown>>();
  const held =
    <A extends unknown[], R>(handler: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (stopping) return Promise.reject(new SyncStoppedError());
      const run = handler(...args);
      inFlight.add(run);
      void run.catch(() => undefined).finally(() => inFlight.delete(run));
      return run;
    };
  const track = trackExchange(
    o.kv,
    status,
    () => {
      tabs.announce(SETTING_KEYS.lastSyncedAt);
      if (Date.now() - settingsAt >= settingsEveryMs) refreshSettings();
    },
    backoff,
    () => stopping,
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
    const receipts = await loadReceipts(o.kv, name, () => tabs.announce(receiptsKey(name)));
    const quarantine = await loadQuarantineLog(o.kv, name, () => tabs.announce(quarantineKey(name)));
    // Another tab is the sync leader: follow what it stores (the counts and marks of this tab).
    const unTabs = tabs.listen((key) => {
      if (key === receiptsKey(name)) void receipts.reload();
      else if (key === quarantineKey(name)) void quarantine.reload().then(changed);
    });
    untabs.push(unTabs);
    const tracker = trackPending({ name, collection, receipts, quarantine, onChange: changed });
    trackers.push(tracker);
    // Scope changes (invariant 11): unsynced and put-aside records are never evicted or overwritten.
    const scope = pullScope({
      collection,
      groupField: 'groupId',
      ready: tracker.ready,
      pending: (id) => tracker.waiting.has(id),
      putAside: () => tracker.quarantined().map((e) => e.id),
      hasPutAside: () => quarantine.entries().length > 0,
    });
    replications.push(
      replicateRxCollection<PlainDoc, Checkpoint>({
        ...common,
        collection,
        replicationIdentifier: replicationId(name, o.wardCode),
        pull: {
          batchSize: 200,
          handler: held(pullHandler<PlainDoc>(http, name, o.wardCode, receipts, track, scope, alive)),
        },
        push: {
          batchSize: 100,
          handler: held(
            pushHandler<PlainDoc>({
              http,
              collection: name,
              wardCode: o.wardCode,
              receipts,
              quarantine,
              track,
              onQuarantine: changed,
              sentLog: await loadSentLog(o.kv, name),
              alive,
            }),
          ),
        },
      }),
    );
  }
  const groups = o.db.rx.groups as unknown as RxCollection<PlainDoc>;
  const groupScope = pullScope({ collection: groups, groupField: 'id' });
  replications.push(
    replicateRxCollection<PlainDoc, Checkpoint>({
      ...common,
      collection: groups,
      replicationIdentifier: replicationId('groups', o.wardCode),
      pull: {
        batchSize: 200,
        handler: held(pullHandler<PlainDoc>(http, 'groups', o.wardCode, null, track, groupScope, alive)),
      },
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
  const syncNowHere = () => {
    backoff.reset();
    exchangeNow();
  };
  /** Only the leader tab exchanges with the server: a tap in any tab reaches it. */
  const syncNow = () => {
    syncNowHere();
    tabs.announce(SYNC_NOW);
  };
  untabs.push(
    tabs.listen((key) => {
      if (key === SYNC_NOW) syncNowHere();
      else if (key === SETTING_KEYS.lastSyncedAt)
        void o.kv
          .get<string>(SETTING_KEYS.lastSyncedAt)
          .then((at) => at && status.update({ lastSyncedAt: at }));
    }),
  );
  const unNetwork = o.network.subscribe((online) => {
    status.update({ online });
    if (online) syncNowHere();
  });
  // The poll looks for server changes but does not cut a backoff short.
  const poll = setInterval(() => o.network.isOnline() && exchangeNow(), o.pollIntervalMs ?? 30_000);
  // Live updates: a change notice pulls the named collections; a (re)opened stream means the server is
  // there again, so everything is exchanged at once. The stream never changes the status.
  const live =
    o.liveUpdates === false
      ? null
      : startLive({
          stream: createApiStream(apiOptions),
          wardCode: o.wardCode,
          network: o.network,
          ...(o.backoff ? { backoff: o.backoff } : {}),
          ...(o.db.rx.multiInstance ? { ready: o.db.rx.waitForLeadership() } : {}),
          onOpen: syncNowHere,
          onChange: (names: readonly SyncCollection[]) => {
            for (const r of replications) if (names.some((n) => n === r.collection.name)) r.reSync();
          },
        });

  return {
    status,
    records: { get: marks.get, subscribe: marks.subscribe },
    wardSettings: { get: settings.get, subscribe: settings.subscribe },
    http,
    syncNow() {
      live?.kick();
      syncNow();
    },
    async awaitInSync() {
      await Promise.all(replications.map((r) => r.awaitInSync()));
    },
    async stop() {
      stopping = true;
      // Exchanges under way may finish (bounded: a held request must not keep the app from closing),
      // and RxDB gets a moment to write down what they did.
      await Promise.race([Promise.allSettled([...inFlight]), sleep(STOP_GRACE_MS)]);
      const settleUntil = Date.now() + SETTLE_MS;
      while (status.get().syncing && inFlight.size === 0 && Date.now() < settleUntil) await sleep(20);
      closed = true;
      clearInterval(poll);
      live?.stop();
      unNetwork();
      untabs.forEach((u) => u());
      tabs.close();
      trackers.forEach((t) => t.stop());
      activeSub.unsubscribe();
      await Promise.all(replications.map((r) => r.cancel()));
      await settings.stop();
    },
  };
}

const SYNC_NOW = 'syncNow';
/** How long stop() lets exchanges under way finish, and then RxDB record them. */
const STOP_GRACE_MS = 5_000;
const SETTLE_MS = 500;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One replication per collection and ward; bump the version to restart a collection's checkpoint. */
export function replicationId(collection: PushableCollection | 'groups', wardCode: string): string {
  return `bdhvs:${collection}:v1:${wardCode}`;
}
