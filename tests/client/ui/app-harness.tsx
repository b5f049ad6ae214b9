// Builds the whole app (controller and screens) around fakes for the edges: an in-memory settings
// store, the fake server, a real in-memory device database, and a hand-driven sync controller.
import { signal } from '@preact/signals';
import { render } from '@testing-library/preact';
import { vi } from 'vitest';
import { createApiHttp } from '../../../src/client/api';
import type { AppDatabase, KeyValue } from '../../../src/client/db';
import { watchIdle } from '../../../src/client/platform/idle';
import {
  createPinLock,
  createSessionStore,
  saveNewPin,
  type DeviceSession,
} from '../../../src/client/session';
import type { FinishAccessResult, RecordMarks, SyncController, SyncStatus } from '../../../src/client/sync';
import { DEFAULT_WARD_SETTINGS } from '../../../src/shared';
import { App, createApp, type AppDeps } from '../../../src/client/ui';
import { navigate } from '../../../src/client/ui/router';
import { DEVICE_ID, DEVICE_TOKEN, fakeServer, VOLUNTEER, WARD, type Route } from './fake-server';
import { openTestDatabase } from './helpers';

/** A KeyValue whose whole content a test can read (to check that no PIN was stored). */
export function inspectableKeyValue(): KeyValue & { dump(): string } {
  const map = new Map<string, unknown>();
  return {
    get: async <T,>(key: string) => map.get(key) as T | undefined,
    set: async (key, value) => {
      map.set(key, structuredClone(value));
    },
    clear: async () => map.clear(),
    dump: () => JSON.stringify([...map.entries()]),
  };
}

export const SESSION: DeviceSession = {
  deviceId: DEVICE_ID,
  deviceToken: DEVICE_TOKEN,
  account: VOLUNTEER,
  ward: WARD,
};

export function fakeSync(initial: Partial<SyncStatus> = {}) {
  let current: SyncStatus = {
    online: true,
    syncing: false,
    waiting: 0,
    needsAttention: 0,
    lastSyncedAt: null,
    problem: null,
    ...initial,
  };
  const listeners = new Set<(s: SyncStatus) => void>();
  const marks: RecordMarks = { waiting: new Set(), quarantined: new Map() };
  const controller: SyncController = {
    status: {
      get: () => current,
      subscribe(onChange) {
        listeners.add(onChange);
        onChange(current);
        return () => listeners.delete(onChange);
      },
    },
    http: createApiHttp({ fetch: async () => new Response('{}') }),
    syncNow: vi.fn(),
    awaitInSync: async () => undefined,
    stop: vi.fn(async () => undefined),
    records: {
      get: () => marks,
      subscribe(onChange) {
        onChange(marks);
        return () => undefined;
      },
    },
    wardSettings: {
      get: () => DEFAULT_WARD_SETTINGS,
      subscribe(onChange) {
        onChange(DEFAULT_WARD_SETTINGS);
        return () => undefined;
      },
    },
  };
  const emit = (patch: Partial<SyncStatus>) => {
    current = { ...current, ...patch };
    listeners.forEach((l) => l(current));
  };
  return { controller, emit };
}

export interface HarnessOptions {
  routes?: Record<string, Route>;
  enrollCode?: string | null;
  /** Start as an enrolled device with this PIN. */
  enrolledWithPin?: string;
  sync?: ReturnType<typeof fakeSync>;
  finishAccess?: (o: { erase: () => Promise<void> }) => Promise<FinishAccessResult>;
}

export async function startApp(o: HarnessOptions = {}) {
  navigate({ name: 'roster' }, { replace: true }); // the route is a module-level signal
  const server = fakeServer(o.routes ?? {});
  const settings = inspectableKeyValue();
  const sessionKv = inspectableKeyValue();
  const sessions = createSessionStore(sessionKv);
  if (o.enrolledWithPin) {
    await sessions.saveDevice(SESSION);
    await saveNewPin(sessions, o.enrolledWithPin, { iterations: 1000 });
  }
  const sync = o.sync ?? fakeSync();
  const databases: AppDatabase[] = [];
  const online = new Set<(online: boolean) => void>();
  const deps: AppDeps = {
    settings,
    sessions,
    pinLock: createPinLock(sessions),
    api: (getToken) =>
      createApiHttp({ fetch: server.fetch, appVersion: 'test', ...(getToken ? { getToken } : {}) }),
    appVersion: 'test',
    pinIterations: 1000,
    update: { needRefresh: signal(false), apply: vi.fn() },
    network: {
      isOnline: () => true,
      subscribe: (cb) => {
        online.add(cb);
        return () => online.delete(cb);
      },
    },
    openDatabase: async () => {
      const db = await openTestDatabase();
      databases.push(db);
      return db;
    },
    loadSync: async () => ({
      startSync: vi.fn(async () => sync.controller),
      finishAccess: vi.fn(o.finishAccess ?? (async () => ({ ok: true as const, unsyncedCount: 0 }))),
    }),
    watchIdle: (onIdle) => watchIdle({ onIdle }),
    enrollCode: o.enrollCode ?? null,
    forgetEnrollCode: vi.fn(),
  };
  const app = createApp(deps);
  render(<App model={app} />);
  await app.start();
  return {
    app,
    deps,
    server,
    sessions,
    sessionKv,
    settings,
    sync,
    databases,
    goOnline: () => online.forEach((cb) => cb(true)),
  };
}
