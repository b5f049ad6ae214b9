// What the app shell shows, as signals the composition root (main.tsx) fills in over time:
// the screen (starting → choose ward / needs network → ready) and the sync controller, which
// arrives later because replication is loaded lazily.
import { signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { AppDatabase, KeyValue } from '../db';
import type { WardInfo } from '../platform';
import type { SyncController } from '../sync';

export type { WardInfo };

export type Screen =
  | { kind: 'starting' }
  | { kind: 'loading-wards' }
  | { kind: 'choose-ward'; wards: WardInfo[] }
  | { kind: 'needs-network' }
  | { kind: 'no-wards' }
  | { kind: 'db-failed' }
  | { kind: 'ready'; ward: WardInfo; db: AppDatabase };

/** The sync controller: null until the lazy sync module has started, 'failed' if it could not. */
export type SyncSlot = SyncController | null | 'failed';

export interface AppUpdateView {
  needRefresh: ReadonlySignal<boolean>;
  apply(): void;
}

export interface AppModel {
  screen: Signal<Screen>;
  sync: Signal<SyncSlot>;
  kv: KeyValue;
  update: AppUpdateView;
  chooseWard(ward: WardInfo): void;
  retryWards(): void;
}

export function createScreenSignals(): Pick<AppModel, 'screen' | 'sync'> {
  return { screen: signal<Screen>({ kind: 'starting' }), sync: signal<SyncSlot>(null) };
}
