// The privacy tab's calls (docs/privacy.md): find a resident, the withdrawn list, the data-subject requests
// (see everything, correct, erase) and their log, the audit log and its CSV. Answers parsed with the shared
// contract (src/shared/privacy-api.ts); `guard` is the console's own (a refused session ends it).
import {
  accessResponseSchema,
  auditPageSchema,
  eraseResponseSchema,
  rectifyResponseSchema,
  residentSearchResponseSchema,
  subjectRequestsResponseSchema,
  withdrawnResponseSchema,
  type AccessBody,
  type AccessResponse,
  type AuditPage,
  type EraseBody,
  type EraseResponse,
  type RectifyBody,
  type RectifyResponse,
  type ResidentSearchResponse,
  type SubjectRequestsResponse,
  type WithdrawnResponse,
} from '../../../../shared/privacy-api';
import type { ApiHttp } from '../../../api';
import type { DownloadedFile } from '../reports/reports-api';

/** Which entries of the audit log: an action prefix ('read', 'change', 'request') and days, inclusive. */
export interface AuditFilter {
  action?: string;
  from?: string;
  to?: string;
}

export interface PrivacyApi {
  search(ward: string, q: string): Promise<ResidentSearchResponse>;
  /** Residents whose registration consent is withdrawn, not erased yet. */
  withdrawn(ward: string): Promise<WithdrawnResponse>;
  access(ward: string, residentId: string, body: AccessBody): Promise<AccessResponse>;
  rectify(ward: string, residentId: string, body: RectifyBody): Promise<RectifyResponse>;
  erase(ward: string, residentId: string, body: EraseBody): Promise<EraseResponse>;
  /** The ward's data-subject requests, as logged. */
  requests(ward: string): Promise<SubjectRequestsResponse>;
  /** One page of the audit log, newest first; `before` is the previous page's `next`. */
  audit(ward: string, filter: AuditFilter & { before?: string; limit?: number }): Promise<AuditPage>;
  auditCsv(ward: string, filter: AuditFilter): Promise<DownloadedFile>;
}

/** "?a=1&b=2" from the defined, non-empty parameters ('' when there are none). */
function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

export function createPrivacyApi(http: ApiHttp, guard: <T>(call: Promise<T>) => Promise<T>): PrivacyApi {
  const ward = (code: string) => `/v1/wards/${encodeURIComponent(code)}`;
  const resident = (code: string, id: string, what: string) =>
    `${ward(code)}/residents/${encodeURIComponent(id)}/${what}`;
  const filterParams = (f: AuditFilter) => ({ action: f.action, from: f.from, to: f.to });
  return {
    search: (code, q) =>
      guard(http.get(`${ward(code)}/privacy/residents${query({ q })}`, residentSearchResponseSchema)),
    withdrawn: (code) => guard(http.get(`${ward(code)}/privacy/withdrawn`, withdrawnResponseSchema)),
    access: (code, id, body) => guard(http.post(resident(code, id, 'access'), body, accessResponseSchema)),
    rectify: (code, id, body) => guard(http.post(resident(code, id, 'rectify'), body, rectifyResponseSchema)),
    erase: (code, id, body) => guard(http.post(resident(code, id, 'erase'), body, eraseResponseSchema)),
    requests: (code) => guard(http.get(`${ward(code)}/subject-requests`, subjectRequestsResponseSchema)),
    audit: (code, f) =>
      guard(
        http.get(
          `${ward(code)}/audit${query({ before: f.before, limit: f.limit, ...filterParams(f) })}`,
          auditPageSchema,
        ),
      ),
    auditCsv: (code, f) => guard(http.getFile(`${ward(code)}/audit.csv${query(filterParams(f))}`)),
  };
}
