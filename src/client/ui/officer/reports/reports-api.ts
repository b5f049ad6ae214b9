// The officer's export downloads (XLSX, CSV). STUB: filled in by the exports work.
import type { ApiHttp } from '../../../api';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReportsApi {}

export function createReportsApi(_http: ApiHttp, _guard: <T>(call: Promise<T>) => Promise<T>): ReportsApi {
  return {};
}
