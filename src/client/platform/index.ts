// Browser services the app is composed from: network state, service worker, storage, inactivity,
// the enrollment link, a label for this device, and the device ledger kept outside the database.
export { deviceLabel } from './device-label';
export { enrollCodeFromUrl, forgetEnrollCode } from './enroll-link';
export { IDLE_LOCK_MS, watchIdle, type IdleOptions } from './idle';
export { browserNetwork } from './network';
export { registerServiceWorker, type AppUpdate } from './service-worker';
export {
  persistenceRecord,
  persistentStorageNow,
  requestPersistentStorage,
  storageUse,
  type PersistenceRecord,
  type PersistResult,
  type StorageUse,
} from './storage';
export {
  browserLocalStorage,
  ledgerRecord,
  type DeviceLedger,
  type LossReport,
  type RecordPlaces,
} from './device-ledger';
