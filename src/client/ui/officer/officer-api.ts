// The officer's and administrator's calls: sign-in and sign-out, wards, people and their devices,
// invitations, a person's groups, revocation. Every answer is parsed with the shared contract; a token the server no
// longer accepts ends the session (the screens go back to sign-in).
import { z } from 'zod/mini';
import {
  changeGroupsResponseSchema,
  groupSchema,
  invitationResponseSchema,
  loginResponseSchema,
  passwordChangedSchema,
  peopleResponseSchema,
  pullResponseSchema,
  wardCodeSchema,
  type Account,
  type InvitationResponse,
  type PersonView,
  type ResidentialGroup,
  type RevokeMode,
} from '../../../shared';
import type { ApiError, ApiHttp } from '../../api';
import type { OfficerSession } from '../../session';
import { isSessionOver } from '../failure-message';
import { createRecordsApi, type RecordsApi } from './records-api';
import { createCoverageApi, type CoverageApi } from './coverage-api';
import { createDashboardApi, type DashboardApi } from './dashboard/dashboard-api';
import { createResidentImportApi, type ResidentImportApi } from './residents-admin/import-api';
import { createReportsApi, type ReportsApi } from './reports/reports-api';
import { createWardAdminApi, type WardAdminApi } from './ward-admin/ward-admin-api';
import { createPrivacyApi, type PrivacyApi } from './privacy/privacy-api';

const anyAnswer = z.unknown();
const wardsResponseSchema = z.object({
  wards: z.array(z.object({ code: wardCodeSchema, name: z.string(), provinceCode: z.string() })),
});
export type WardRow = z.infer<typeof wardsResponseSchema>['wards'][number];

export interface InvitationBody {
  fullName: string;
  phone?: string;
  role: 'leader' | 'volunteer';
  groupIds: string[];
}

export interface CreateWardBody {
  ward: { code: string; name: string; provinceCode: string };
  groups: Pick<ResidentialGroup, 'id' | 'name' | 'kind'>[];
  officer: { fullName: string; username: string; password: string };
}

export async function login(http: ApiHttp, username: string, password: string): Promise<OfficerSession> {
  const answer = await http.post('/v1/auth/login', { username, password }, loginResponseSchema);
  const { token, expiresAt, account, mustChangePassword } = answer;
  return { token, expiresAt, account, ...(mustChangePassword ? { mustChangePassword } : {}) };
}

export interface OfficerApi {
  wards(): Promise<WardRow[]>;
  people(ward: string): Promise<PersonView[]>;
  groups(ward: string): Promise<ResidentialGroup[]>;
  invite(ward: string, body: InvitationBody): Promise<InvitationResponse>;
  /** A new code for someone already invited; their earlier unused code stops working. */
  reinvite(ward: string, accountId: string): Promise<InvitationResponse>;
  /** Replaces a leader's or volunteer's groups; the account as it is now. */
  changeGroups(ward: string, accountId: string, groupIds: string[]): Promise<Account>;
  revoke(ward: string, deviceId: string, mode: RevokeMode): Promise<void>;
  createWard(body: CreateWardBody): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  logout(): Promise<void>;
  /** The ward's records: put aside, imported from a phone's file, their history, load per group. */
  records: RecordsApi;
  /** Coverage, duplicates and period close (docs/ward.md). */
  coverage: CoverageApi;
  /** The dashboard's roster drill-down and team activity. */
  dashboard: DashboardApi;
  /** Groups, settings (adult age, targets) and denominators. */
  wardAdmin: WardAdminApi;
  /** Import of a resident list from the officer's Excel file. */
  residentImport: ResidentImportApi;
  /** XLSX and CSV downloads. */
  reports: ReportsApi;
  /** Finding a resident, data-subject requests and the audit log (docs/privacy.md). */
  privacy: PrivacyApi;
}

export function createOfficerApi(http: ApiHttp, onSessionOver: (err: ApiError) => void): OfficerApi {
  async function guard<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (err) {
      if (isSessionOver(err)) onSessionOver(err);
      throw err;
    }
  }
  const ward = (code: string) => `/v1/wards/${encodeURIComponent(code)}`;
  return {
    wards: async () => (await guard(http.get('/v1/wards', wardsResponseSchema))).wards,
    people: async (code) => (await guard(http.get(`${ward(code)}/people`, peopleResponseSchema))).people,
    groups: async (code) => {
      const path = `/v1/sync/groups/pull?wardCode=${encodeURIComponent(code)}&seq=0&limit=1000`;
      return liveGroups((await guard(http.get(path, pullResponseSchema))).documents);
    },
    invite: (code, body) => guard(http.post(`${ward(code)}/invitations`, body, invitationResponseSchema)),
    reinvite: (code, accountId) =>
      guard(
        http.post(
          `${ward(code)}/people/${encodeURIComponent(accountId)}/invitations`,
          {},
          invitationResponseSchema,
        ),
      ),
    changeGroups: async (code, accountId, groupIds) => {
      const path = `${ward(code)}/people/${encodeURIComponent(accountId)}/groups`;
      return (await guard(http.post(path, { groupIds }, changeGroupsResponseSchema))).account;
    },
    revoke: async (code, deviceId, mode) => {
      await guard(
        http.post(`${ward(code)}/devices/${encodeURIComponent(deviceId)}/revoke`, { mode }, anyAnswer),
      );
    },
    createWard: async (body) => {
      await guard(http.post('/v1/admin/wards', body, anyAnswer));
    },
    changePassword: async (currentPassword, newPassword) => {
      await guard(http.post('/v1/auth/password', { currentPassword, newPassword }, passwordChangedSchema));
    },
    logout: async () => {
      await http.post('/v1/auth/logout', {}, anyAnswer);
    },
    records: createRecordsApi(http, guard),
    coverage: createCoverageApi(http, guard),
    dashboard: createDashboardApi(http, guard),
    wardAdmin: createWardAdminApi(http, guard),
    residentImport: createResidentImportApi(http, guard),
    reports: createReportsApi(http, guard),
    privacy: createPrivacyApi(http, guard),
  };
}

/** The groups of a pull answer that are not deleted, sorted by name (Tổ 2 before Tổ 10). */
export function liveGroups(documents: Record<string, unknown>[]): ResidentialGroup[] {
  const groups: ResidentialGroup[] = [];
  for (const { _deleted, ...doc } of documents) {
    const parsed = groupSchema.safeParse(doc);
    if (_deleted !== true && parsed.success) groups.push(parsed.data);
  }
  return groups.sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
}
