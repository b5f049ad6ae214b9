// Composition root: renders at once (offline too) and decides the first screen from what this browser
// holds. The device database opens only for an enrolled device; sync and the officer's screens are
// separate chunks loaded when needed.
import { render } from 'preact';
import { createApiHttp } from './api';
import { APP_VERSION } from './app-version';
import { idbKeyValue } from './db/settings';
import {
  browserLocalStorage,
  browserNetwork,
  deviceLabel,
  enrollCodeFromUrl,
  forgetEnrollCode,
  registerServiceWorker,
  watchIdle,
} from './platform';
import { createPinLock, createSessionStore } from './session';
import { App, createApp, loadLocale } from './ui';
import { createDeviceDurability } from './ui/device/durability-controller';

const settings = idbKeyValue();
const sessions = createSessionStore(idbKeyValue('bdhvs-session'));
const appUpdate = registerServiceWorker();

const app = createApp({
  settings,
  sessions,
  pinLock: createPinLock(sessions),
  api: (getToken) => createApiHttp({ appVersion: APP_VERSION, ...(getToken ? { getToken } : {}) }),
  appVersion: APP_VERSION,
  deviceLabel: deviceLabel(),
  update: { needRefresh: appUpdate.needRefresh, apply: () => void appUpdate.apply() },
  network: browserNetwork(),
  // RxDB and Dexie are the biggest chunk: loaded only when an enrolled device opens its records, so the
  // first screen (enrollment, sign-in, PIN) does not wait for them (issue 8's first-screen budget).
  openDatabase: async (wardCode, actor) =>
    (await import('./db/database')).createDatabase({ wardCode, actor }),
  loadSync: () => import('./sync'),
  watchIdle: (onIdle) => watchIdle({ onIdle }),
  enrollCode: enrollCodeFromUrl(),
  forgetEnrollCode: () => forgetEnrollCode(),
  // Asks for persistent storage after enrollment and at start until granted; notices a wiped database.
  durability: createDeviceDurability({
    places: { local: browserLocalStorage(), kv: settings },
    indexedDB: typeof indexedDB === 'undefined' ? null : indexedDB,
    navigator,
  }),
});

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
root.textContent = ''; // the static "loading" text from index.html; Preact would otherwise keep it
render(<App model={app} />, root);

void loadLocale(settings);
void app.start();
