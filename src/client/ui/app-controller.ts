// The app's flow: what is stored decides the first screen (device → PIN lock, ?enroll= → enrollment,
// officer → console, nothing → start); an enrolled device opens its database and lazily starts sync,
// locks when idle, and erases itself — only after reporting to the server — when the ward revokes it.
import { signal } from '@preact/signals';
import type { Actor, AppDatabase } from '../db';
import { SETTING_KEYS } from '../db/settings';
import { reportErased, type DeviceSession } from '../session';
import type { finishAccess, NetworkSource, startSync, SyncController } from '../sync';
import type {
  AppModel,
  AppServices,
  AppUpdateView,
  DeviceState,
  Ending,
  Screen,
  StartNotice,
} from './app-state';

export interface SyncModule {
  startSync: typeof startSync;
  finishAccess: typeof finishAccess;
}

export interface AppDeps extends AppServices {
  update: AppUpdateView;
  network: NetworkSource;
  openDatabase(wardCode: string, actor: Actor): Promise<AppDatabase>;
  /** Loads client/sync (a separate chunk: replication stays out of the first screen). */
  loadSync(): Promise<SyncModule>;
  /** Calls back after inactivity; returns a stop function. */
  watchIdle(onIdle: () => void): () => void;
  /** The code from a `?enroll=` link, if the app was opened through one. */
  enrollCode: string | null;
  forgetEnrollCode(): void;
}

/** How long a user's sign-out waits for the server to hear about it before erasing anyway. */
const REPORT_TIMEOUT_MS = 4000;
const ENDING_RETRY_MS = 60_000;

export function createApp(deps: AppDeps): AppModel & { start(): Promise<void> } {
  const screen = signal<Screen>({ kind: 'starting' });
  const device: DeviceState = {
    db: signal(null),
    sync: signal(null),
    locked: signal(true),
    opened: signal(false),
    ending: signal(null),
  };
  let cleanups: (() => void)[] = [];
  let finishing = false;
  /** Bumped when the device session ends, so a database still opening for it is not used. */
  let generation = 0;

  async function start(): Promise<void> {
    try {
      const session = await deps.sessions.loadDevice();
      if (session) {
        void deps.durability?.refreshPersistence(); // keeps asking at each start until granted
        deps.forgetEnrollCode();
        if (await deps.sessions.loadPinVerifier()) enterDevice(session, true);
        else screen.value = { kind: 'choose-pin', session };
      } else if (deps.enrollCode !== null) {
        void deps.durability?.checkWithoutDevice();
        screen.value = { kind: 'enroll', code: deps.enrollCode };
      } else {
        void deps.durability?.checkWithoutDevice();
        screen.value = (await deps.sessions.loadOfficer()) ? { kind: 'officer' } : { kind: 'start' };
      }
    } catch {
      screen.value = { kind: 'failed' };
    }
  }

  function enterDevice(session: DeviceSession, locked: boolean): void {
    screen.value = { kind: 'device', session };
    device.locked.value = locked;
    device.opened.value = !locked;
    device.ending.value = null;
    cleanups.push(deps.watchIdle(() => (device.locked.value = true)));
    void openDevice(session);
  }

  async function openDevice(session: DeviceSession): Promise<void> {
    const mine = generation;
    let db: AppDatabase;
    try {
      await deps.durability?.beforeOpen().catch(() => undefined);
      db = await deps.openDatabase(session.ward.code, {
        id: session.account.id,
        name: session.account.fullName,
      });
    } catch {
      if (mine === generation) device.db.value = 'failed';
      return;
    }
    if (mine !== generation) return void db.close().catch(() => undefined);
    device.db.value = db;
    // Before sync starts: after a loss, the lost collections' replication must start over.
    await deps.durability?.afterOpen(db, session.ward.code).catch(() => null);
    if (mine !== generation) return;
    try {
      const mod = await deps.loadSync();
      if (mine !== generation) return;
      const sync = await mod.startSync({
        db,
        wardCode: session.ward.code,
        kv: deps.settings,
        network: deps.network,
        getToken: () => session.deviceToken,
        appVersion: deps.appVersion,
      });
      if (mine !== generation) return void sync.stop().catch(() => undefined);
      device.sync.value = sync;
      if (deps.durability) cleanups.push(deps.durability.follow(db, sync));
      cleanups.push(
        sync.status.subscribe((s) => {
          const mode = s.problem === 'revoked' || s.problem === 'retiring' ? s.problem : null;
          if (mode && device.ending.value === null) void finish({ mod, sync, db, mode });
        }),
      );
    } catch {
      device.sync.value = 'failed';
      if (deps.durability && mine === generation) cleanups.push(deps.durability.follow(db, null));
    }
  }

  interface Finish {
    mod: SyncModule;
    sync: SyncController;
    db: AppDatabase;
    mode: Ending['mode'];
  }

  /** Revoked by the ward: upload what is left (retiring), report, and only then erase. */
  async function finish(f: Finish): Promise<void> {
    if (finishing) return;
    finishing = true;
    device.ending.value = { mode: f.mode, needsNetwork: false };
    const result = await f.mod
      .finishAccess({ sync: f.sync, erase: () => eraseLocal(f.db) })
      .catch(() => null);
    finishing = false;
    if (result?.ok) {
      leaveDevice({ kind: 'access-ended', unsynced: result.unsyncedCount });
      return;
    }
    device.ending.value = { mode: f.mode, needsNetwork: true };
    if (retryEnding === noRetry) armRetry(() => void finish(f));
  }

  const noRetry = () => undefined;
  let retryEnding: () => void = noRetry;
  /** Tries to finish again when the network comes back, and every minute meanwhile. */
  function armRetry(retry: () => void): void {
    retryEnding = retry;
    const timer = setInterval(retry, ENDING_RETRY_MS);
    const unNetwork = deps.network.subscribe((online) => online && retry());
    cleanups.push(() => {
      clearInterval(timer);
      unNetwork();
      retryEnding = noRetry;
    });
  }

  /** Erases the device's data and who it belonged to; the chosen language stays. */
  async function eraseLocal(db: AppDatabase | null): Promise<void> {
    await deps.durability?.forget(); // first: an erase cut short must not look like a loss
    await db?.erase();
    const language = await deps.settings.get<unknown>(SETTING_KEYS.locale).catch(() => undefined);
    await deps.settings.clear();
    if (language !== undefined) await deps.settings.set(SETTING_KEYS.locale, language);
    await deps.sessions.forgetDevice();
  }

  function leaveDevice(notice: StartNotice): void {
    generation += 1;
    cleanups.forEach((stop) => stop());
    cleanups = [];
    device.db.value = null;
    device.sync.value = null;
    device.ending.value = null;
    device.opened.value = false;
    device.locked.value = true;
    screen.value = { kind: 'start', notice };
  }

  async function eraseDevice(): Promise<void> {
    const sync = device.sync.value;
    if (sync && sync !== 'failed') {
      const reported = reportErased(sync.http, sync.status.get().waiting).catch(() => undefined);
      await Promise.race([reported, new Promise((resolve) => setTimeout(resolve, REPORT_TIMEOUT_MS))]);
      await sync.stop();
    }
    const db = device.db.value;
    await eraseLocal(db === 'failed' ? null : db);
    leaveDevice({ kind: 'signed-out' });
  }

  const actions: AppModel['actions'] = {
    chooseVolunteer: () => (screen.value = { kind: 'enroll', code: '' }),
    chooseOfficer: () => (screen.value = { kind: 'officer' }),
    backToStart: () => {
      deps.forgetEnrollCode();
      screen.value = { kind: 'start' };
    },
    enrolled: (session) => {
      void deps.durability?.askPersistence(); // right after enrollment, while the person is here
      deps.forgetEnrollCode();
      screen.value = { kind: 'choose-pin', session };
    },
    pinChosen: (session) => enterDevice(session, false),
    unlocked: () => {
      device.locked.value = false;
      device.opened.value = true;
    },
    lock: () => (device.locked.value = true),
    eraseDevice,
    retryEnding: () => retryEnding(),
  };

  return { screen, device, update: deps.update, services: deps, actions, start };
}
