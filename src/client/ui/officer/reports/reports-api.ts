// The officer's export downloads (src/server/http/exports.ts): the coverage table as XLSX or CSV, and a
// residential group's "not reached" list for its leader. Each answers the file's body and the name the
// server suggests; `guard` is the console's own (a refused session ends it).
import type { ApiHttp } from '../../../api';

export type ExportFormat = 'xlsx' | 'csv';

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

export interface ReportsApi {
  /** The coverage table on a date (YYYY-MM-DD). */
  coverageFile(ward: string, date: string, format: ExportFormat): Promise<DownloadedFile>;
  /** A group's adults not reached on a date; phone numbers only with the resident's contact consent. */
  notReachedFile(ward: string, groupId: string, date: string, format: ExportFormat): Promise<DownloadedFile>;
}

export function createReportsApi(http: ApiHttp, guard: <T>(call: Promise<T>) => Promise<T>): ReportsApi {
  const ward = (code: string) => `/v1/wards/${encodeURIComponent(code)}`;
  const onDate = (date: string) => `?date=${encodeURIComponent(date)}`;
  return {
    coverageFile: (code, date, format) =>
      guard(http.getFile(`${ward(code)}/coverage.${format}${onDate(date)}`)),
    notReachedFile: (code, groupId, date, format) =>
      guard(
        http.getFile(
          `${ward(code)}/groups/${encodeURIComponent(groupId)}/not-reached.${format}${onDate(date)}`,
        ),
      ),
  };
}
