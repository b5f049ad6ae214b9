// The officer's people and devices of a ward: list, invite (and re-invite), change a leader's or
// volunteer's groups, add officers, revoke a device. Every route checks role, then ward, before reading
// the body: another ward learns nothing. Routes that change what a person may see (groups, revocation)
// end that account's live update streams after commit (store.changes.accessChanged), so they reconnect
// under the new scope; pulls need nothing more, since every request reads the groups from the account row.
import type { FastifyInstance } from 'fastify';
import {
  FIELD_ROLES,
  changeGroupsBodySchema,
  changeGroupsResponseSchema,
  createOfficerBodySchema,
  invitationBodySchema,
  invitationResponseSchema,
  newId,
  peopleResponseSchema,
  revokeBodySchema,
  type Account,
  type ChangeGroupsResponse,
  type DeviceView,
  type InvitationResponse,
  type PersonView,
} from '../../shared';
import { audit } from '../audit/record';
import { requireRole, requireWard } from '../auth/guards';
import type { AuthContext } from '../auth/options';
import { hashPassword } from '../auth/password';
import { authenticate, principalOf, type Principal } from '../auth/principal';
import { hashInvitationCode, newInvitationCode } from '../auth/tokens';
import type { AccountRecord } from '../store';
import { ApiError } from './errors';
import { routeDoc } from './openapi-meta';
import { emptyBodySchema, idParam, parse, wardParam } from './parse';
import { accountView, deviceView, personView } from './views';

type WardParams = { Params: { ward: string } };
type PersonParams = { Params: { ward: string; accountId: string } };
type DeviceParams = { Params: { ward: string; deviceId: string } };

export function registerPeople(app: FastifyInstance, ctx: AuthContext): void {
  const { store } = ctx;
  const auth = { onRequest: authenticate(ctx) };

  /** An officer acting on their own ward: the ward code, else 403. */
  const officerWard = (principal: Principal, ward: string): string => {
    requireRole(principal, 'officer');
    const code = wardParam(ward);
    requireWard(principal, code);
    return code;
  };

  /** A leader or volunteer of the ward (never an officer, an admin or another ward's person), else 404. */
  const fieldPerson = async (ward: string, id: string): Promise<AccountRecord> => {
    const person = await store.getAccount(id);
    const fieldRole = FIELD_ROLES.some((r) => r === person?.role);
    if (person === undefined || person.wardCode !== ward || !fieldRole) {
      throw new ApiError('not_found', 'No such person in this ward.');
    }
    return person;
  };

  /** The distinct group ids, each a live group of the ward, else 400 naming the others. */
  const wardGroups = async (ward: string, ids: readonly string[]): Promise<string[]> => {
    const groupIds = [...new Set(ids)];
    const known = new Set((await store.listGroups(ward)).map((g) => g.id));
    const unknown = groupIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new ApiError(
        'invalid_body',
        `Invalid body: groupIds: ${unknown.join(', ')} not a group of ward ${ward}`,
      );
    }
    return groupIds;
  };

  /** A new invitation code for the person; earlier unused codes stop working. */
  const invite = async (principal: Principal, person: AccountRecord): Promise<InvitationResponse> => {
    const code = newInvitationCode();
    const now = ctx.now();
    const expiresAt = new Date(now.getTime() + ctx.options.invitationTtlMs);
    await store.createInvitation({
      id: newId(),
      accountId: person.id,
      codeHash: hashInvitationCode(code),
      createdBy: principal.accountId,
      now,
      expiresAt,
    });
    return { person: accountView(person), code, expiresAt: expiresAt.toISOString() };
  };

  const peopleDoc = routeDoc({
    tag: 'people',
    summary: "The ward's people (officers first, then by name) with their devices and pending invitations",
    access: 'officer of the ward',
    response: peopleResponseSchema,
  });
  app.get<WardParams>(
    '/v1/wards/:ward/people',
    { ...auth, config: peopleDoc },
    async (request): Promise<{ people: PersonView[] }> => {
      const ward = officerWard(principalOf(request), request.params.ward);
      return { people: (await store.listPeople(ward, ctx.now())).map(personView) };
    },
  );

  app.post<WardParams>(
    '/v1/wards/:ward/invitations',
    {
      ...auth,
      config: routeDoc({
        tag: 'people',
        summary: 'Invite a leader or volunteer for groups of the ward: their account and a one-time code',
        access: 'officer of the ward',
        body: invitationBodySchema,
        response: invitationResponseSchema,
        status: 201,
      }),
    },
    async (request, reply): Promise<InvitationResponse> => {
      const principal = principalOf(request);
      const ward = officerWard(principal, request.params.ward);
      const body = parse(invitationBodySchema, request.body, 'invalid_body', 'body');
      const groupIds = await wardGroups(ward, body.groupIds);
      const person = await store.createAccount(
        {
          id: newId(),
          role: body.role,
          wardCode: ward,
          fullName: body.fullName,
          phone: body.phone ?? null,
          groupIds,
          createdBy: principal.accountId,
        },
        ctx.now(),
      );
      if (person === 'username_taken') throw new Error('a person without a username clashed');
      const answer = await invite(principal, person);
      const invited = { role: person.role, groupIds };
      await audit(store, request, ward, 'account.invite', `accounts/${person.id}`, invited);
      request.log.info({ accountId: person.id, role: person.role, groupIds }, 'person invited');
      void reply.code(201);
      return answer;
    },
  );

  app.post<PersonParams>(
    '/v1/wards/:ward/people/:accountId/invitations',
    {
      ...auth,
      config: routeDoc({
        tag: 'people',
        summary: 'A new invitation code for a leader or volunteer; their earlier unused code stops working',
        access: 'officer of the ward',
        body: emptyBodySchema,
        response: invitationResponseSchema,
        status: 201,
      }),
    },
    async (request, reply): Promise<InvitationResponse> => {
      const principal = principalOf(request);
      const ward = officerWard(principal, request.params.ward);
      const id = idParam(request.params.accountId, 'person');
      parse(emptyBodySchema, request.body, 'invalid_body', 'body');
      const person = await fieldPerson(ward, id);
      const answer = await invite(principal, person);
      await audit(store, request, ward, 'account.invite', `accounts/${person.id}`, { op: 'reinvite' });
      request.log.info({ accountId: person.id }, 'person re-invited');
      void reply.code(201);
      return answer;
    },
  );

  // A leader's or volunteer's groups. Their phones take the new scope at their next pull, which reads the
  // groups from the account row (auth/principal.ts): the gained groups are back-filled and the lost ones
  // evicted on the phone (docs/sync.md invariant 11).
  app.post<PersonParams>(
    '/v1/wards/:ward/people/:accountId/groups',
    {
      ...auth,
      config: routeDoc({
        tag: 'people',
        summary: "Replace a leader's or volunteer's residential groups; their phones follow at the next pull",
        access: 'officer of the ward',
        body: changeGroupsBodySchema,
        response: changeGroupsResponseSchema,
      }),
    },
    async (request): Promise<ChangeGroupsResponse> => {
      const principal = principalOf(request);
      const ward = officerWard(principal, request.params.ward);
      const id = idParam(request.params.accountId, 'person');
      const body = parse(changeGroupsBodySchema, request.body, 'invalid_body', 'body');
      const person = await fieldPerson(ward, id);
      const groupIds = await wardGroups(ward, body.groupIds);
      const change = await store.setAccountGroups(person.id, groupIds);
      if (change === undefined) throw new ApiError('not_found', 'No such person in this ward.');
      const before = change.previousGroupIds;
      const changed = before.length !== groupIds.length || before.some((id) => !groupIds.includes(id));
      // Committed: open live update streams of this person end and reconnect under the new groups.
      if (changed) store.changes.accessChanged(person.id);
      const groups = { op: 'groups', before, after: change.account.groupIds };
      await audit(store, request, ward, 'account.invite', `accounts/${person.id}`, groups);
      request.log.info(
        { accountId: person.id, before, after: change.account.groupIds, changed },
        'person groups changed',
      );
      return { account: accountView(change.account) };
    },
  );

  app.post<WardParams>(
    '/v1/wards/:ward/officers',
    {
      ...auth,
      config: routeDoc({
        tag: 'people',
        summary: 'Add an officer to the ward: answers {account}',
        access: 'officer of the ward, administrator',
        body: createOfficerBodySchema,
        status: 201,
      }),
    },
    async (request, reply): Promise<{ account: Account }> => {
      const principal = principalOf(request);
      requireRole(principal, 'admin', 'officer');
      const ward = wardParam(request.params.ward);
      if (principal.role === 'officer') requireWard(principal, ward);
      else if ((await store.getWard(ward)) === undefined) {
        throw new ApiError('ward_not_found', `Ward ${ward} is not registered on this server.`);
      }
      const body = parse(createOfficerBodySchema, request.body, 'invalid_body', 'body');
      const account = await store.createAccount(
        {
          id: newId(),
          role: 'officer',
          wardCode: ward,
          fullName: body.fullName,
          username: body.username,
          passwordHash: await hashPassword(body.password),
          createdBy: principal.accountId,
        },
        ctx.now(),
      );
      if (account === 'username_taken')
        throw new ApiError('conflict', `The username ${body.username} is taken.`);
      await audit(store, request, ward, 'account.invite', `accounts/${account.id}`, { role: 'officer' });
      request.log.info({ accountId: account.id, wardCode: ward }, 'officer created');
      void reply.code(201);
      return { account: accountView(account) };
    },
  );

  app.post<DeviceParams>(
    '/v1/wards/:ward/devices/:deviceId/revoke',
    {
      ...auth,
      config: routeDoc({
        tag: 'people',
        summary: 'Retire a device, or report it lost or stolen: answers {device}',
        access: 'officer of the ward',
        body: revokeBodySchema,
      }),
    },
    async (request): Promise<{ device: DeviceView }> => {
      const principal = principalOf(request);
      const ward = officerWard(principal, request.params.ward);
      const id = idParam(request.params.deviceId, 'device');
      const body = parse(revokeBodySchema, request.body, 'invalid_body', 'body');
      const before = await store.getDeviceInWard(id, ward);
      if (before === undefined) throw new ApiError('not_found', 'No such device in this ward.');
      const device = await store.revokeDevice(id, body.mode, principal.accountId, ctx.now());
      if (device === undefined) throw new ApiError('not_found', 'No such device in this ward.');
      // Committed: the account's open live update streams end; the revoked device cannot reopen one.
      if (device.status !== before.status) store.changes.accessChanged(device.accountId);
      if (body.mode === 'retire' && device.status === 'lost') {
        throw new ApiError('conflict', 'This device was reported lost or stolen; it cannot be retired.');
      }
      const revoked = { mode: body.mode, status: device.status };
      await audit(store, request, ward, 'device.revoke', `devices/${id}`, revoked);
      request.log.info({ deviceId: id, mode: body.mode, status: device.status }, 'device revoked');
      return { device: deviceView(device) };
    },
  );
}
