// The officer's calls for groups, settings and denominators (src/server/http/ward-admin.ts): the ward's
// coverage settings, creating, changing, splitting and merging residential groups, and the import of
// the adult population figures. Answers parsed with the shared contract; `guard` is the console's own
// (a refused session ends it).
import type { ResidentialGroup, WardSettings } from '../../../../shared';
import {
  denominatorImportAnswerSchema,
  groupAnswerSchema,
  mergeGroupAnswerSchema,
  splitGroupAnswerSchema,
  wardSettingsAnswerSchema,
  type CreateGroupBody,
  type DenominatorImportAnswer,
  type DenominatorImportBody,
  type MergeGroupAnswer,
  type SplitGroupAnswer,
  type SplitGroupBody,
  type UpdateGroupBody,
} from '../../../../shared/ward-admin';
import type { ApiHttp } from '../../../api';

export interface WardAdminApi {
  settings(ward: string): Promise<WardSettings>;
  saveSettings(ward: string, settings: WardSettings): Promise<WardSettings>;
  createGroup(ward: string, body: CreateGroupBody): Promise<ResidentialGroup>;
  /** Rename, change the kind, set (or clear with null) the entered adult population. */
  updateGroup(ward: string, groupId: string, body: UpdateGroupBody): Promise<ResidentialGroup>;
  splitGroup(ward: string, groupId: string, body: SplitGroupBody): Promise<SplitGroupAnswer>;
  mergeGroup(ward: string, groupId: string, intoId: string): Promise<MergeGroupAnswer>;
  /** commit false: the dry run (what each row would do); true: write the changed figures. */
  importDenominators(ward: string, body: DenominatorImportBody): Promise<DenominatorImportAnswer>;
}

export function createWardAdminApi(http: ApiHttp, guard: <T>(call: Promise<T>) => Promise<T>): WardAdminApi {
  const ward = (code: string) => `/v1/wards/${encodeURIComponent(code)}`;
  const group = (code: string, id: string) => `${ward(code)}/groups/${encodeURIComponent(id)}`;
  return {
    settings: async (code) =>
      (await guard(http.get(`${ward(code)}/settings`, wardSettingsAnswerSchema))).settings,
    saveSettings: async (code, settings) =>
      (await guard(http.put(`${ward(code)}/settings`, settings, wardSettingsAnswerSchema))).settings,
    createGroup: async (code, body) =>
      (await guard(http.post(`${ward(code)}/groups`, body, groupAnswerSchema))).group,
    updateGroup: async (code, id, body) =>
      (await guard(http.patch(group(code, id), body, groupAnswerSchema))).group,
    splitGroup: (code, id, body) =>
      guard(http.post(`${group(code, id)}/split`, body, splitGroupAnswerSchema)),
    mergeGroup: (code, id, intoId) =>
      guard(http.post(`${group(code, id)}/merge`, { intoId }, mergeGroupAnswerSchema)),
    importDenominators: (code, body) =>
      guard(http.post(`${ward(code)}/denominators/import`, body, denominatorImportAnswerSchema)),
  };
}
