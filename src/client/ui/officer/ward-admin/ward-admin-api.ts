// The officer's calls for groups, settings and denominators. STUB: filled in by the groups work.
import type { ApiHttp } from '../../../api';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WardAdminApi {}

export function createWardAdminApi(
  _http: ApiHttp,
  _guard: <T>(call: Promise<T>) => Promise<T>,
): WardAdminApi {
  return {};
}
