// The device's local data: the only way screens and sync reach IndexedDB.
export {
  createDatabase,
  DEFAULT_DB_NAME,
  deviceStorage,
  type AppDatabase,
  type DatabaseOptions,
} from './database';
export {
  collectionVersions,
  LOCAL_COLLECTIONS,
  LOCAL_MIGRATIONS,
  withMigrations,
  type CollectionMigration,
  type LocalCollection,
  type MigrationRegistry,
} from './migrations';
export {
  judgeLoss,
  probeDeviceStorage,
  type LossFinding,
  type LossKind,
  type StorageProbe,
} from './loss-detection';
export {
  countRecords,
  forgetReplicationState,
  heldCollections,
  watchRecordCounts,
  type RecordCounts,
} from './durability';
export * from './repo-types';
export { normaliseName, normalisePhone } from './draft-helpers';
export { formatTypedDate, localIsoDate, parseTypedDate } from './dates';
export {
  draftOfResident,
  residentFromDraft,
  residentUpdateFromDraft,
  type DraftContext,
} from './resident-draft';
export { draftOfSession, sessionFromDraft, sessionUpdateFromDraft } from './session-draft';
export { completionFromDraft } from './completion-draft';
export { idbKeyValue, memoryKeyValue, SETTING_KEYS, type KeyValue } from './settings';
