// Sync between the device and the ward server: replication, receipts, and the status stream.
export { startSync, type SyncController, type SyncOptions, type NetworkSource } from './replication';
export type { SyncStatus, SyncProblem } from './status';
