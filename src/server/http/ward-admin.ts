// The officer's groups and settings (docs/ward.md "Groups"): the ward's coverage settings, creating,
// renaming and splitting residential groups, merging one into another, and importing the adult
// population figures. Officer of the ward only, checked on request, before any body is read. The logic
// is in ward/groups.ts and ward/denominator-import.ts; synced records change only through writeRecords.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { groupIdSchema, type ResidentialGroup } from '../../shared';
import {
  DENOMINATOR_FILE_MAX_BASE64,
  createGroupBodySchema,
  denominatorImportAnswerSchema,
  denominatorImportBodySchema,
  groupAnswerSchema,
  mergeGroupAnswerSchema,
  mergeGroupBodySchema,
  splitGroupAnswerSchema,
  splitGroupBodySchema,
  updateGroupBodySchema,
  wardSettingsAnswerSchema,
  wardSettingsBodySchema,
  type DenominatorImportAnswer,
  type MergeGroupAnswer,
  type SplitGroupAnswer,
  type WardSettingsAnswer,
} from '../../shared/ward-admin';
import { audit } from '../audit/record';
import { requireRole, requireWard } from '../auth/guards';
import type { AuthContext } from '../auth/options';
import { authenticate, principalOf } from '../auth/principal';
import { vietnamToday } from '../ward/coverage';
import { importDenominators } from '../ward/denominator-import';
import { createGroup, mergeGroup, splitGroup, updateGroup } from '../ward/groups';
import { ApiError } from './errors';
import { routeDoc } from './openapi-meta';
import { parse, wardParam } from './parse';

type WardParams = { Params: { ward: string } };
type GroupParams = { Params: { ward: string; group: string } };

/** The import's JSON body: the file in base64 plus a little. */
const IMPORT_BODY_LIMIT = DENOMINATOR_FILE_MAX_BASE64 + 64 * 1024;
const ACCESS = 'officer of the ward';
const TAG = 'ward';

/** A group id from the path: a malformed one names nothing, so 404 like an unknown one. */
function groupParam(value: string): string {
  if (!groupIdSchema.safeParse(value).success) {
    throw new ApiError('not_found', 'No such residential group in this ward.');
  }
  return value;
}

export function registerWardAdmin(app: FastifyInstance, ctx: AuthContext): void {
  const { store } = ctx;
  /** Runs after authenticate, before the body is read: another ward learns nothing. */
  const officerOfWard = async (request: FastifyRequest<WardParams>) => {
    const principal = principalOf(request);
    requireRole(principal, 'officer');
    requireWard(principal, wardParam(request.params.ward));
  };
  const onRequest = [authenticate(ctx), officerOfWard];

  app.get<WardParams>(
    '/v1/wards/:ward/settings',
    {
      onRequest,
      config: routeDoc({
        tag: TAG,
        summary: "The ward's coverage settings: adult age and its own yearly targets (others: the defaults)",
        access: ACCESS,
        response: wardSettingsAnswerSchema,
      }),
    },
    async (request): Promise<WardSettingsAnswer> => {
      const settings = await store.getWardSettings(wardParam(request.params.ward));
      if (settings === undefined) throw new ApiError('ward_not_found', 'No such ward on this server.');
      return { settings };
    },
  );

  // Phones read the settings from GET /v1/sync/ward-settings (the same stored row) at start and after a
  // sync exchange once the copy is a minute old, so a change reaches them without anything more here.
  app.put<WardParams>(
    '/v1/wards/:ward/settings',
    {
      onRequest,
      config: routeDoc({
        tag: TAG,
        summary: "Replaces the ward's coverage settings (adult age 14–30; one target per year and indicator)",
        access: ACCESS,
        body: wardSettingsBodySchema,
        response: wardSettingsAnswerSchema,
      }),
    },
    async (request): Promise<WardSettingsAnswer> => {
      const ward = wardParam(request.params.ward);
      const settings = parse(wardSettingsBodySchema, request.body, 'invalid_body', 'body');
      if (!(await store.setWardSettings(ward, settings))) {
        throw new ApiError('ward_not_found', 'No such ward on this server.');
      }
      await audit(store, request, ward, 'change.settings', 'settings', { adultAge: settings.adultAge });
      request.log.info({ wardCode: ward, adultAge: settings.adultAge }, 'ward settings changed');
      return { settings };
    },
  );

  app.post<WardParams>(
    '/v1/wards/:ward/groups',
    {
      onRequest,
      config: routeDoc({
        tag: TAG,
        summary: 'Creates a residential group (id: the next free tdp-NN)',
        access: ACCESS,
        body: createGroupBodySchema,
        response: groupAnswerSchema,
        status: 201,
      }),
    },
    async (request, reply): Promise<{ group: ResidentialGroup }> => {
      const ward = wardParam(request.params.ward);
      const body = parse(createGroupBodySchema, request.body, 'invalid_body', 'body');
      const group = await createGroup(store, ward, body);
      await audit(store, request, ward, 'change.groups', `groups/${group.id}`, { op: 'create' });
      request.log.info({ wardCode: ward, groupId: group.id }, 'group created');
      void reply.code(201);
      return { group };
    },
  );

  app.patch<GroupParams>(
    '/v1/wards/:ward/groups/:group',
    {
      onRequest,
      config: routeDoc({
        tag: TAG,
        summary: 'Renames a group, changes its kind, sets or clears (null) its entered adult population',
        access: ACCESS,
        body: updateGroupBodySchema,
        response: groupAnswerSchema,
      }),
    },
    async (request): Promise<{ group: ResidentialGroup }> => {
      const ward = wardParam(request.params.ward);
      const id = groupParam(request.params.group);
      const body = parse(updateGroupBodySchema, request.body, 'invalid_body', 'body');
      const group = await updateGroup(store, ward, id, body);
      const changed = { op: 'update', fields: Object.keys(body) };
      await audit(store, request, ward, 'change.groups', `groups/${id}`, changed);
      request.log.info({ wardCode: ward, groupId: id, fields: Object.keys(body) }, 'group changed');
      return { group };
    },
  );

  app.post<GroupParams>(
    '/v1/wards/:ward/groups/:group/split',
    {
      onRequest,
      config: routeDoc({
        tag: TAG,
        summary:
          'Splits chosen residents (with their completions) off into a new group; its leaders and volunteers get it too',
        access: ACCESS,
        body: splitGroupBodySchema,
        response: splitGroupAnswerSchema,
      }),
    },
    async (request): Promise<SplitGroupAnswer> => {
      const ward = wardParam(request.params.ward);
      const id = groupParam(request.params.group);
      const body = parse(splitGroupBodySchema, request.body, 'invalid_body', 'body');
      const answer = await splitGroup(store, ward, id, body, ctx.now());
      const split = { op: 'split', into: answer.group.id, moved: answer.moved, accounts: answer.accounts };
      await audit(store, request, ward, 'change.groups', `groups/${id}`, split);
      request.log.info(
        { wardCode: ward, from: id, to: answer.group.id, moved: answer.moved, accounts: answer.accounts },
        'group split',
      );
      return answer;
    },
  );

  app.post<GroupParams>(
    '/v1/wards/:ward/groups/:group/merge',
    {
      onRequest,
      config: routeDoc({
        tag: TAG,
        summary:
          'Merges a group into another: residents, completions and sessions move, the group is deleted (safe to repeat)',
        access: ACCESS,
        body: mergeGroupBodySchema,
        response: mergeGroupAnswerSchema,
      }),
    },
    async (request): Promise<MergeGroupAnswer> => {
      const ward = wardParam(request.params.ward);
      const id = groupParam(request.params.group);
      const body = parse(mergeGroupBodySchema, request.body, 'invalid_body', 'body');
      const answer = await mergeGroup(store, ward, id, body.intoId, ctx.now());
      const merge = { op: 'merge', into: body.intoId, moved: answer.moved, accounts: answer.accounts };
      await audit(store, request, ward, 'change.groups', `groups/${id}`, merge);
      request.log.info(
        { wardCode: ward, from: id, into: body.intoId, moved: answer.moved, accounts: answer.accounts },
        'group merged',
      );
      return answer;
    },
  );

  app.post<WardParams>(
    '/v1/wards/:ward/denominators/import',
    {
      onRequest,
      bodyLimit: IMPORT_BODY_LIMIT,
      config: routeDoc({
        tag: TAG,
        summary:
          'Adult population per group from a CSV or XLSX file: a dry run checks each row, commit writes the changed figures',
        access: ACCESS,
        body: denominatorImportBodySchema,
        response: denominatorImportAnswerSchema,
      }),
    },
    async (request): Promise<DenominatorImportAnswer> => {
      const ward = wardParam(request.params.ward);
      const body = parse(denominatorImportBodySchema, request.body, 'invalid_body', 'body');
      const answer = await importDenominators(store, ward, body, vietnamToday(ctx.now()));
      const figures = { counts: answer.counts, written: answer.written };
      if (answer.committed) await audit(store, request, ward, 'change.settings', 'denominators', figures);
      request.log.info(
        { wardCode: ward, commit: body.commit, counts: answer.counts, written: answer.written },
        'denominators imported',
      );
      return answer;
    },
  );
}
