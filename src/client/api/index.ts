// The app's client for the ward server's HTTP API (no RxDB here: screens may import it eagerly).
export { ApiError, SyncHttpError, createApiHttp, createApiStream, createSyncHttp } from './http';
export type { ApiHttp, ApiHttpOptions, ApiStream, FailureKind, SyncHttp } from './http';
