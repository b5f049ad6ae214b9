// The device's local data: the only way screens and sync reach IndexedDB.
export { createDatabase, DEFAULT_DB_NAME, type AppDatabase, type DatabaseOptions } from './database';
export type { ResidentsRepo, ResidentDraft, FieldErrors, SaveResult } from './residents-repo';
export { normaliseName, normalisePhone, residentFromDraft } from './residents-repo';
export type { GroupsRepo } from './groups-repo';
export { idbKeyValue, memoryKeyValue, SETTING_KEYS, type KeyValue } from './settings';
