// /v1/admin: what only administrators do — create a ward with its groups and first officer, list wards.
// Administrators never see residents or people's devices.
import type { FastifyInstance } from 'fastify';
import {
  createWardBodySchema,
  groupSchema,
  newId,
  type Account,
  type ResidentialGroup,
  type Ward,
} from '../../shared';
import { audit } from '../audit/record';
import { requireRole } from '../auth/guards';
import type { AuthContext } from '../auth/options';
import { hashPassword } from '../auth/password';
import { authenticate, principalOf } from '../auth/principal';
import { ApiError } from './errors';
import { routeDoc } from './openapi-meta';
import { parse } from './parse';
import { accountView } from './views';

export interface CreateWardResponse {
  ward: Ward;
  groups: ResidentialGroup[];
  officer: Account;
}

export function registerAdmin(app: FastifyInstance, ctx: AuthContext): void {
  const { store } = ctx;
  const auth = { onRequest: authenticate(ctx) };

  app.get(
    '/v1/admin/wards',
    {
      ...auth,
      config: routeDoc({ tag: 'admin', summary: 'Every ward on this server', access: 'administrator' }),
    },
    async (request): Promise<{ wards: Ward[] }> => {
      requireRole(principalOf(request), 'admin');
      return { wards: await store.listWards() };
    },
  );

  app.post(
    '/v1/admin/wards',
    {
      ...auth,
      config: routeDoc({
        tag: 'admin',
        summary: 'Create a ward with its residential groups and its first officer',
        access: 'administrator',
        body: createWardBodySchema,
        status: 201,
      }),
    },
    async (request, reply): Promise<CreateWardResponse> => {
      const principal = principalOf(request);
      requireRole(principal, 'admin');
      const body = parse(createWardBodySchema, request.body, 'invalid_body', 'body');
      const groups = body.groups.map((g) => ({
        id: g.id,
        wardCode: body.ward.code,
        name: g.name,
        kind: g.kind,
      }));
      const ids = groups.map((g) => g.id);
      const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
      if (duplicate !== undefined) {
        throw new ApiError('invalid_body', `Invalid body: groups: group id ${duplicate} appears twice`);
      }
      for (const group of groups) parse(groupSchema, group, 'invalid_body', 'group');
      const now = ctx.now();
      const result = await store.createWardWithOfficer(
        body.ward,
        groups,
        {
          id: newId(),
          role: 'officer',
          wardCode: body.ward.code,
          fullName: body.officer.fullName,
          username: body.officer.username,
          passwordHash: await hashPassword(body.officer.password),
          createdBy: principal.accountId,
        },
        now,
      );
      if (!result.ok) {
        throw new ApiError(
          'conflict',
          result.reason === 'ward_exists'
            ? `Ward ${body.ward.code} already exists.`
            : `The username ${body.officer.username} is taken.`,
        );
      }
      const created = { groups: ids, officerId: result.officer.id };
      await audit(store, request, result.ward.code, 'change.ward', `wards/${result.ward.code}`, created);
      request.log.info({ wardCode: result.ward.code, officerId: result.officer.id }, 'ward created');
      void reply.code(201);
      return { ward: result.ward, groups: result.groups, officer: accountView(result.officer) };
    },
  );
}
