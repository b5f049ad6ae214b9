// The dashboard's calls (group roster drill-down, team activity). STUB: filled in by the dashboard work.
import type { ApiHttp } from '../../../api';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DashboardApi {}

export function createDashboardApi(
  _http: ApiHttp,
  _guard: <T>(call: Promise<T>) => Promise<T>,
): DashboardApi {
  return {};
}
