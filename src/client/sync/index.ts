// Sync between the device and the ward server: replication, receipts, the status stream, per-record
// marks, the ward's settings, the API client, and what happens when the ward revokes the device.
export { startSync, type SyncController, type SyncOptions, type NetworkSource } from './replication';
export type { SyncStatus, SyncProblem } from './status';
export type { RecordMarks } from './marks';
export { loadWardSettings } from './ward-settings';
export { ApiError, createApiHttp, type ApiHttp, type ApiHttpOptions, type FailureKind } from '../api';
export { finishAccess, type FinishAccessOptions, type FinishAccessResult } from './access-ended';
