// Period close (chốt số liệu, docs/ward.md): the coverage answer for the period's end date is stored as
// reported and never changed; records that arrive later are accepted as always, and the period's page
// recounts the same date now and shows the difference per group and for the ward as late corrections.
import {
  coverageResponseSchema,
  type CoverageResponse,
  type LateCorrection,
  type Period,
  type PeriodDetail,
} from '../../shared';
import { ApiError } from '../http/errors';
import type { PeriodRow, Store } from '../store';
import { wardCoverageResponse } from './coverage';

export function periodView(row: PeriodRow): Period {
  return {
    id: row.id,
    periodEnd: row.periodEnd,
    label: row.label,
    closedBy: row.closedByName,
    closedAt: row.closedAt,
  };
}

export async function closePeriod(
  store: Store,
  ward: { code: string; name: string },
  periodEnd: string,
  label: string,
  by: string,
): Promise<Period> {
  const figures = await wardCoverageResponse(store, ward.code, ward.name, periodEnd);
  const row = await store.closePeriod(ward.code, {
    periodEnd,
    label,
    figures: figures as unknown as Record<string, unknown>,
    closedBy: by,
  });
  if (row === undefined) {
    throw new ApiError(
      'conflict',
      `The figures as of ${periodEnd} are already closed; they are kept as reported.`,
    );
  }
  return periodView(row);
}

/** Reported vs recounted, per group (by id; a group added or removed since shows on one side as 0). */
export function lateCorrections(reported: CoverageResponse, current: CoverageResponse): LateCorrection[] {
  const ids = [
    ...new Set([...reported.groups.map((g) => g.groupId), ...current.groups.map((g) => g.groupId)]),
  ];
  const rows: LateCorrection[] = ids.map((id) => {
    const r = reported.groups.find((g) => g.groupId === id);
    const c = current.groups.find((g) => g.groupId === id);
    return correction(id, r?.groupName ?? c?.groupName ?? id, r, c);
  });
  rows.push(correction(null, reported.wardName, reported.ward, current.ward));
  // Rows with late records first, then the others (the ward row last within each part).
  const late = (x: LateCorrection) => x.lateK !== 0 || x.lateV !== 0;
  return [...rows.filter(late), ...rows.filter((x) => !late(x))];
}

function correction(
  groupId: string | null,
  name: string,
  r: { K: { count: number }; V: { count: number } } | undefined,
  c: { K: { count: number }; V: { count: number } } | undefined,
): LateCorrection {
  const reportedK = r?.K.count ?? 0;
  const reportedV = r?.V.count ?? 0;
  const currentK = c?.K.count ?? 0;
  const currentV = c?.V.count ?? 0;
  return {
    groupId,
    name,
    reportedK,
    reportedV,
    currentK,
    currentV,
    lateK: currentK - reportedK,
    lateV: currentV - reportedV,
  };
}

export async function periodDetail(
  store: Store,
  ward: { code: string; name: string },
  id: number,
): Promise<PeriodDetail> {
  const row = await store.getPeriod(ward.code, id);
  if (row === undefined) throw new ApiError('not_found', 'No such closed period in this ward.');
  const reported = coverageResponseSchema.parse(row.figures);
  const current = await wardCoverageResponse(store, ward.code, ward.name, row.periodEnd);
  return { period: periodView(row), reported, corrections: lateCorrections(reported, current) };
}
