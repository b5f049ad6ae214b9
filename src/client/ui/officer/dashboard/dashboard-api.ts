// The dashboard's own calls: a residential group's roster on a date (drill-down) and the team's activity
// per week. Answers parsed with the shared contract (src/shared/dashboard-api.ts); `guard` is the
// console's own (a refused session ends it). Coverage itself comes from api.coverage.
import {
  groupRosterResponseSchema,
  teamActivityResponseSchema,
  type GroupRosterResponse,
  type TeamActivityResponse,
} from '../../../../shared/dashboard-api';
import type { ApiHttp } from '../../../api';

export interface DashboardApi {
  /** The people of one group on a date (YYYY-MM-DD; the server's today when omitted). */
  roster(ward: string, groupId: string, date?: string): Promise<GroupRosterResponse>;
  /** Sessions and completions per account and ISO week, the `weeks` weeks up to `date`. */
  activity(ward: string, options?: { weeks?: number; date?: string }): Promise<TeamActivityResponse>;
}

export function createDashboardApi(http: ApiHttp, guard: <T>(call: Promise<T>) => Promise<T>): DashboardApi {
  const ward = (code: string) => `/v1/wards/${encodeURIComponent(code)}`;
  const query = (params: Record<string, string | number | undefined>) => {
    const parts = Object.entries(params)
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
    return parts.length === 0 ? '' : `?${parts.join('&')}`;
  };
  return {
    roster: (code, groupId, date) =>
      guard(
        http.get(
          `${ward(code)}/groups/${encodeURIComponent(groupId)}/roster${query({ date })}`,
          groupRosterResponseSchema,
        ),
      ),
    activity: (code, options = {}) =>
      guard(
        http.get(
          `${ward(code)}/activity${query({ weeks: options.weeks, date: options.date })}`,
          teamActivityResponseSchema,
        ),
      ),
  };
}
