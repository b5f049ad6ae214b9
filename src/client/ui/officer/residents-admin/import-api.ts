// The officer's resident-list import calls (POST /v1/wards/:ward/residents/import): the dry run and the
// commit are the same call, told apart by `commit`. Answers parsed with the shared contract; `guard` is
// the console's own (a refused session ends it).
import {
  residentImportResponseSchema,
  type ResidentImportBody,
  type ResidentImportResponse,
} from '../../../../shared/resident-import';
import type { ApiHttp } from '../../../api';

export interface ResidentImportApi {
  /** Dry run (commit: false) or import of the new rows (commit: true, consentConfirmed: true). */
  run(ward: string, body: ResidentImportBody): Promise<ResidentImportResponse>;
}

export function createResidentImportApi(
  http: ApiHttp,
  guard: <T>(call: Promise<T>) => Promise<T>,
): ResidentImportApi {
  return {
    run: (ward, body) =>
      guard(
        http.post(
          `/v1/wards/${encodeURIComponent(ward)}/residents/import`,
          body,
          residentImportResponseSchema,
        ),
      ),
  };
}
