// Browser services the app is composed from: network state, service worker, storage, ward lookup.
export { browserNetwork } from './network';
export { registerServiceWorker, type AppUpdate } from './service-worker';
export { requestPersistentStorage, type PersistResult } from './storage';
export { fetchWards, type WardInfo, type WardsResult } from './ward-api';
export { loadStoredWard, resolveWard, storeWard, WARD_NAME_KEY, type WardResolution } from './ward-store';
