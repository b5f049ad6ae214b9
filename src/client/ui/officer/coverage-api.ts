// The officer's coverage, duplicates and period-close calls (docs/ward.md). Answers parsed with the shared
// contract (src/shared/ward-api.ts); `guard` is the console's own (a refused session ends it).
import {
  coverageResponseSchema,
  duplicatesResponseSchema,
  mergeRecordSchema,
  mergesResponseSchema,
  periodDetailSchema,
  periodSchema,
  periodsResponseSchema,
  type CoverageResponse,
  type DuplicateCandidate,
  type MergeBody,
  type MergeRecord,
  type Period,
  type PeriodDetail,
} from '../../../shared';
import { z } from 'zod/mini';
import type { ApiHttp } from '../../api';

export interface CoverageApi {
  /** The ward's coverage on a date (YYYY-MM-DD; the server's today when omitted). */
  coverage(ward: string, date?: string): Promise<CoverageResponse>;
  duplicates(ward: string): Promise<DuplicateCandidate[]>;
  merge(ward: string, body: MergeBody): Promise<MergeRecord>;
  undoMerge(ward: string, mergeId: number): Promise<MergeRecord>;
  dismiss(ward: string, aId: string, bId: string): Promise<void>;
  merges(ward: string): Promise<MergeRecord[]>;
  periods(ward: string): Promise<Period[]>;
  closePeriod(ward: string, periodEnd: string, label: string): Promise<Period>;
  period(ward: string, id: number): Promise<PeriodDetail>;
}

export function createCoverageApi(http: ApiHttp, guard: <T>(call: Promise<T>) => Promise<T>): CoverageApi {
  const ward = (code: string) => `/v1/wards/${encodeURIComponent(code)}`;
  return {
    coverage: (code, date) =>
      guard(
        http.get(
          `${ward(code)}/coverage${date ? `?date=${encodeURIComponent(date)}` : ''}`,
          coverageResponseSchema,
        ),
      ),
    duplicates: async (code) =>
      (await guard(http.get(`${ward(code)}/duplicates`, duplicatesResponseSchema))).candidates,
    merge: async (code, body) =>
      (await guard(http.post(`${ward(code)}/duplicates/merge`, body, z.object({ merge: mergeRecordSchema }))))
        .merge,
    undoMerge: async (code, id) =>
      (await guard(http.post(`${ward(code)}/merges/${id}/undo`, {}, z.object({ merge: mergeRecordSchema }))))
        .merge,
    dismiss: async (code, aId, bId) => {
      await guard(http.post(`${ward(code)}/duplicates/dismiss`, { aId, bId }, z.unknown()));
    },
    merges: async (code) => (await guard(http.get(`${ward(code)}/merges`, mergesResponseSchema))).merges,
    periods: async (code) => (await guard(http.get(`${ward(code)}/periods`, periodsResponseSchema))).periods,
    closePeriod: async (code, periodEnd, label) =>
      (
        await guard(
          http.post(`${ward(code)}/periods`, { periodEnd, label }, z.object({ period: periodSchema })),
        )
      ).period,
    period: (code, id) => guard(http.get(`${ward(code)}/periods/${id}`, periodDetailSchema)),
  };
}
