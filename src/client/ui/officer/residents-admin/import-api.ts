// The officer's resident-list import calls (dry run, commit). STUB: filled in by the import work.
import type { ApiHttp } from '../../../api';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ResidentImportApi {}

export function createResidentImportApi(
  _http: ApiHttp,
  _guard: <T>(call: Promise<T>) => Promise<T>,
): ResidentImportApi {
  return {};
}
