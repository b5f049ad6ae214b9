// The officer's record calls (docs/unsynced-export.md): import of a phone's "unsynced records" file, the
// ward's put-aside records, one record's history, and the per-group load. Answers parsed with the shared
// contract; `guard` is the console's own (a refused session ends it).
import {
  groupLoadResponseSchema,
  quarantineResponseSchema,
  recordHistoryResponseSchema,
  unsyncedImportResponseSchema,
  type GroupLoadResponse,
  type QuarantineResponse,
  type RecordHistoryResponse,
  type SyncCollection,
  type UnsyncedExport,
  type UnsyncedImportResponse,
} from '../../../shared';
import type { ApiHttp } from '../../api';

export interface RecordsApi {
  importUnsynced(ward: string, file: UnsyncedExport): Promise<UnsyncedImportResponse>;
  quarantine(ward: string): Promise<QuarantineResponse>;
  history(ward: string, collection: SyncCollection, id: string): Promise<RecordHistoryResponse>;
  groupLoad(ward: string): Promise<GroupLoadResponse>;
}

export function createRecordsApi(http: ApiHttp, guard: <T>(call: Promise<T>) => Promise<T>): RecordsApi {
  const ward = (code: string) => `/v1/wards/${encodeURIComponent(code)}`;
  return {
    importUnsynced: (code, file) =>
      guard(http.post(`${ward(code)}/unsynced-import`, file, unsyncedImportResponseSchema)),
    quarantine: (code) => guard(http.get(`${ward(code)}/quarantine`, quarantineResponseSchema)),
    history: (code, collection, id) =>
      guard(
        http.get(
          `${ward(code)}/records/${encodeURIComponent(collection)}/${encodeURIComponent(id)}/history`,
          recordHistoryResponseSchema,
        ),
      ),
    groupLoad: (code) => guard(http.get(`${ward(code)}/group-load`, groupLoadResponseSchema)),
  };
}
