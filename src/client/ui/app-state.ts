// What the app shows, as signals the controller (app-controller.ts) fills in over time: the screen
// (start → enrollment → PIN → field app, or the officer's screens), and for an enrolled device its
// database, sync controller, lock and end-of-access state.
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { ApiHttp } from '../api';
import type { AppDatabase, KeyValue } from '../db';
import type { DeviceSession, PinLock, SessionStore } from '../session';
import type { SyncController } from '../sync';
import type { DeviceDurability } from './device/durability-controller';

export type Screen =
  | { kind: 'starting' }
  /** The settings store itself is unreadable. */
  | { kind: 'failed' }
  | { kind: 'start'; notice?: StartNotice }
  | { kind: 'enroll'; code: string }
  | { kind: 'choose-pin'; session: DeviceSession }
  | { kind: 'device'; session: DeviceSession }
  | { kind: 'officer' };

export type StartNotice = { kind: 'signed-out' } | { kind: 'access-ended'; unsynced: number };

/** The sync controller: null until the lazy sync module has started, 'failed' if it could not. */
export type SyncSlot = SyncController | null | 'failed';
/** The device database: null while it opens. */
export type DbSlot = AppDatabase | null | 'failed';

/** The ward revoked this device: it is finishing (upload, report, erase), or waits for the network. */
export interface Ending {
  mode: 'revoked' | 'retiring';
  needsNetwork: boolean;
}

export interface DeviceState {
  db: Signal<DbSlot>;
  sync: Signal<SyncSlot>;
  locked: Signal<boolean>;
  /** The field screens are mounted at the first unlock and then only hidden while locked. */
  opened: Signal<boolean>;
  ending: Signal<Ending | null>;
}

export interface AppUpdateView {
  needRefresh: ReadonlySignal<boolean>;
  apply(): void;
}

export interface AppServices {
  settings: KeyValue;
  sessions: SessionStore;
  pinLock: PinLock;
  /** An API client that sends the given token (none for enrollment and sign-in). */
  api(getToken?: () => string | null): ApiHttp;
  appVersion: string;
  deviceLabel?: string | undefined;
  /** PBKDF2 iterations for a new PIN (tests pass a small number). */
  pinIterations?: number | undefined;
  /** Persistent storage, the device ledger and the lost-database check (docs/device-durability.md). */
  durability?: DeviceDurability | undefined;
}

export interface AppActions {
  chooseVolunteer(): void;
  chooseOfficer(): void;
  backToStart(): void;
  enrolled(session: DeviceSession): void;
  pinChosen(session: DeviceSession): void;
  unlocked(): void;
  lock(): void;
  /** Sign out and erase this device: stop sync, erase the database, settings and session. */
  eraseDevice(): Promise<void>;
  retryEnding(): void;
}

export interface AppModel {
  screen: Signal<Screen>;
  device: DeviceState;
  update: AppUpdateView;
  services: AppServices;
  actions: AppActions;
}
