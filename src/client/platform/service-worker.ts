// Registers the service worker (vite-plugin-pwa, "prompt" mode) and exposes "a new version is
// waiting" as a signal; applying it tells the waiting worker to take over, then the page reloads.
import { signal, type ReadonlySignal } from '@preact/signals';
import { registerSW } from 'virtual:pwa-register';

export interface AppUpdate {
  /** True when a newer version has been downloaded and waits for the user's go-ahead. */
  needRefresh: ReadonlySignal<boolean>;
  apply(): Promise<void>;
}

/** Look for a new version this often while the app stays open (phones keep PWAs open for days). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function registerServiceWorker(): AppUpdate {
  const needRefresh = signal(false);
  if (!('serviceWorker' in navigator)) return { needRefresh, apply: async () => {} };
  const updateSW = registerSW({
    onNeedRefresh: () => {
      needRefresh.value = true;
    },
    onRegisteredSW: (_url, registration) => {
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine) registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
  });
  return { needRefresh, apply: () => updateSW(true) };
}
