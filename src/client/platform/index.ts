// Browser services the app is composed from: network state, service worker, storage, inactivity,
// the enrollment link, and a label for this device.
export { deviceLabel } from './device-label';
export { enrollCodeFromUrl, forgetEnrollCode } from './enroll-link';
export { IDLE_LOCK_MS, watchIdle, type IdleOptions } from './idle';
export { browserNetwork } from './network';
export { registerServiceWorker, type AppUpdate } from './service-worker';
export { requestPersistentStorage, type PersistResult } from './storage';
