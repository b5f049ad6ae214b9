// Sign-in, enrollment, revocation and "no secret in clear" (docs/auth.md rules 1–5, 7, 8), written once
// and run on both engines: auth.test.ts (PGlite) and auth.pg.test.ts (real PostgreSQL). The server's
// clock is a variable the tests move.
import { Writable } from 'node:stream';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  APP_VERSION_HEADER,
  enrollResponseSchema,
  formatInvitationCode,
  invitationResponseSchema,
  loginResponseSchema,
  newId,
  peopleResponseSchema,
  type PersonView,
} from '../../../src/shared';
import { createServer } from '../../../src/server/app';
import { createAdmin as createAdminWithOneTimePassword } from '../../../src/server/auth/bootstrap';
import { hashPassword } from '../../../src/server/auth/password';
import { loggerOptions } from '../../../src/server/log';
import type { SqlStore } from '../../../src/server/store';
import {
  PROTOCOL_HEADERS,
  authHeaders,
  expectErrorResponse,
  makeResident,
  nextWardCode,
  seedTestWard,
  startTestServer,
  type TestServer,
} from '../../helpers/server';
import type { ContractSetup } from './sync-contract';

const HOUR = 3_600_000;
const PASSWORD = 'mat-khau-dung-2026';

export function authContract(setup: () => Promise<ContractSetup>): void {
  let ctx: ContractSetup | undefined;
  let server: TestServer | undefined;
  /** The server's clock. */
  let clock = Date.parse('2026-11-23T08:00:00.000Z');
  const store = (): SqlStore => ctx!.store;
  const inject = (options: InjectOptions) => server!.app.inject(options);
  let serial = 0;

  beforeAll(async () => {
    ctx = await setup();
    server = await startTestServer({ store: ctx.store, now: () => new Date(clock) });
  });
  afterAll(async () => {
    await server?.close();
    await ctx?.teardown();
  });

  /** An officer of a new ward (groups g1, g2) who has a password. */
  async function officerWithPassword(ward?: string) {
    const wardCode = ward ?? (await seedTestWard(store()));
    const username = `canbo-${serial++}-${wardCode}`;
    const account = await store().createAccount(
      {
        id: newId(),
        role: 'officer',
        wardCode,
        fullName: 'Cán bộ Thử',
        username,
        passwordHash: await hashPassword(PASSWORD),
      },
      new Date(clock),
    );
    if (account === 'username_taken') throw new Error('clash');
    return { wardCode, username, accountId: account.id };
  }

  const login = (username: string, password: string) =>
    inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: PROTOCOL_HEADERS,
      payload: { username, password },
    });

  async function signIn(username: string, password = PASSWORD): Promise<string> {
    const res = await login(username, password);
    expect(res.statusCode, res.body).toBe(200);
    return loginResponseSchema.parse(res.json()).token;
  }

  const me = (token: string) => inject({ url: '/v1/auth/me', headers: authHeaders(token) });

  async function invite(token: string, wardCode: string, groupIds = ['g1'], role = 'volunteer') {
    const res = await inject({
      method: 'POST',
      url: `/v1/wards/${wardCode}/invitations`,
      headers: authHeaders(token),
      payload: { fullName: 'Trần Thị Mai', phone: '0912345678', role, groupIds },
    });
    expect(res.statusCode, res.body).toBe(201);
    return invitationResponseSchema.parse(res.json());
  }

  const enroll = (code: string, extra: Record<string, unknown> = {}) =>
    inject({
      method: 'POST',
      url: '/v1/auth/enroll',
      headers: PROTOCOL_HEADERS,
      payload: { code, appVersion: '0.1.0', ...extra },
    });

  async function enrolled(code: string) {
    const res = await enroll(code);
    expect(res.statusCode, res.body).toBe(201);
    return enrollResponseSchema.parse(res.json());
  }

  async function people(token: string, wardCode: string): Promise<PersonView[]> {
    const res = await inject({ url: `/v1/wards/${wardCode}/people`, headers: authHeaders(token) });
    expect(res.statusCode, res.body).toBe(200);
    return peopleResponseSchema.parse(res.json()).people;
  }

  const pullAs = (token: string, wardCode: string, collection = 'residents') =>
    inject({
      url: `/v1/sync/${collection}/pull?wardCode=${wardCode}&seq=0&limit=1000`,
      headers: authHeaders(token),
    });

  const pushAs = (token: string, wardCode: string, docs: Record<string, unknown>[]) =>
    inject({
      method: 'POST',
      url: `/v1/sync/residents/push?wardCode=${wardCode}`,
      headers: authHeaders(token),
      payload: { rows: docs.map((newDocumentState) => ({ newDocumentState })) },
    });

  const revoke = (token: string, wardCode: string, deviceId: string, mode: 'retire' | 'lost') =>
    inject({
      method: 'POST',
      url: `/v1/wards/${wardCode}/devices/${deviceId}/revoke`,
      headers: authHeaders(token),
      payload: { mode },
    });

  const eraseReport = (token: string, unsyncedCount: number) =>
    inject({
      method: 'POST',
      url: '/v1/auth/device/erased',
      headers: authHeaders(token),
      payload: { unsyncedCount },
    });

  describe('sign-in', () => {
    test('the right password gives a 12-hour session token that works on /v1/auth/me', async () => {
      const officer = await officerWithPassword();
      const res = await login(officer.username, PASSWORD);
      expect(res.statusCode).toBe(200);
      const body = loginResponseSchema.parse(res.json());
      expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(body.expiresAt).toBe(new Date(clock + 12 * HOUR).toISOString());
      expect(body.account).toEqual({
        id: officer.accountId,
        fullName: 'Cán bộ Thử',
        role: 'officer',
        wardCode: officer.wardCode,
        groupIds: [],
        username: officer.username,
      });
      expect(res.body).not.toContain('scrypt');
      const who = await me(body.token);
      expect(who.statusCode).toBe(200);
      expect(who.json()).toMatchObject({ account: { id: officer.accountId }, mustChangePassword: false });
    });

    test('the username is matched whatever its case and surrounding spaces', async () => {
      const officer = await officerWithPassword();
      expect((await login(`  ${officer.username.toUpperCase()} `, PASSWORD)).statusCode).toBe(200);
    });

    test('a wrong password and an unknown username get the same 401 invalid_credentials', async () => {
      const officer = await officerWithPassword();
      const wrong = await login(officer.username, 'not-the-password');
      const unknown = await login('nobody.here', PASSWORD);
      expectErrorResponse(wrong, 401, 'invalid_credentials');
      expectErrorResponse(unknown, 401, 'invalid_credentials');
      expect(wrong.json()).toEqual(unknown.json());
    });

    test('5 wrong passwords lock the username: 429 with a numeric Retry-After, even for the right password, until the lock expires', async () => {
      const officer = await officerWithPassword();
      for (let i = 1; i <= 4; i++) {
        expectErrorResponse(await login(officer.username, `wrong-password-${i}`), 401, 'invalid_credentials');
      }
      const fifth = await login(officer.username, 'wrong-password-5');
      expectErrorResponse(fifth, 429, 'rate_limited');
      expect(fifth.headers['retry-after']).toBe('900');

      clock += 60_000;
      const right = await login(officer.username, PASSWORD);
      expectErrorResponse(right, 429, 'rate_limited');
      expect(right.headers['retry-after']).toBe('840');

      clock += 14 * 60_000;
      expect((await login(officer.username, PASSWORD)).statusCode).toBe(200);
      // The counter started again: one wrong password is just wrong.
      expectErrorResponse(await login(officer.username, 'wrong-again'), 401, 'invalid_credentials');
    });

    test('a successful sign-in resets the count of wrong passwords', async () => {
      const officer = await officerWithPassword();
      for (let i = 0; i < 4; i++) await login(officer.username, 'wrong-password');
      await signIn(officer.username);
      for (let i = 0; i < 4; i++) {
        expectErrorResponse(await login(officer.username, 'wrong-password'), 401, 'invalid_credentials');
      }
    });

    test('a session expires after 12 hours: 401 session_expired', async () => {
      const officer = await officerWithPassword();
      const token = await signIn(officer.username);
      clock += 12 * HOUR - 1000;
      expect((await me(token)).statusCode).toBe(200);
      clock += 1000;
      expectErrorResponse(await me(token), 401, 'session_expired');
    });

    test('signing out revokes the token: it then gets 401 token_revoked everywhere', async () => {
      const officer = await officerWithPassword();
      const token = await signIn(officer.username);
      const out = await inject({ method: 'POST', url: '/v1/auth/logout', headers: authHeaders(token) });
      expect(out.statusCode).toBe(200);
      expectErrorResponse(await me(token), 401, 'token_revoked');
      expectErrorResponse(await pullAs(token, officer.wardCode), 401, 'token_revoked');
      expectErrorResponse(
        await inject({ method: 'POST', url: '/v1/auth/logout', headers: authHeaders(token) }),
        401,
        'token_revoked',
      );
    });

    test('an unknown or malformed token answers 401 unauthenticated', async () => {
      expectErrorResponse(await me('A'.repeat(43)), 401, 'unauthenticated');
      const malformed = await inject({ url: '/v1/auth/me', headers: { authorization: 'Bearer short' } });
      expectErrorResponse(malformed, 401, 'unauthenticated');
      const basic = await inject({
        url: '/v1/auth/me',
        headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
      });
      expectErrorResponse(basic, 401, 'unauthenticated');
    });

    test('a one-time password must be changed before anything else, and the change ends other sessions', async () => {
      const username = `quantri-${serial++}`;
      const created = await createAdminWithOneTimePassword(store(), username, new Date(clock));
      if (created === 'username_taken') throw new Error('clash');
      const first = await login(username, created.password);
      expect(first.json()).toMatchObject({ mustChangePassword: true, account: { role: 'admin' } });
      const token = loginResponseSchema.parse(first.json()).token;
      const other = await signIn(username, created.password);

      expectErrorResponse(
        await inject({ url: '/v1/admin/wards', headers: authHeaders(token) }),
        403,
        'forbidden',
      );
      expect((await me(token)).json()).toMatchObject({ mustChangePassword: true });

      const change = (currentPassword: string, newPassword: string) =>
        inject({
          method: 'POST',
          url: '/v1/auth/password',
          headers: authHeaders(token),
          payload: { currentPassword, newPassword },
        });
      expectErrorResponse(await change('wrong-current', 'mat-khau-moi-2026'), 401, 'invalid_credentials');
      expectErrorResponse(await change(created.password, 'short'), 400, 'invalid_body');
      expectErrorResponse(await change(created.password, created.password), 400, 'invalid_body');
      expect((await change(created.password, 'mat-khau-moi-2026')).statusCode).toBe(200);

      expect((await inject({ url: '/v1/admin/wards', headers: authHeaders(token) })).statusCode).toBe(200);
      expectErrorResponse(await me(other), 401, 'token_revoked');
      expectErrorResponse(await login(username, created.password), 401, 'invalid_credentials');
      await signIn(username, 'mat-khau-moi-2026');
    });
  });

  describe('enrollment', () => {
    test('an invitation code enrols a device once; a second use answers 400 invitation_invalid', async () => {
      const officer = await officerWithPassword();
      const token = await signIn(officer.username);
      const invitation = await invite(token, officer.wardCode, ['g1', 'g2']);
      expect(invitation.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
      expect(invitation.expiresAt).toBe(new Date(clock + 7 * 24 * HOUR).toISOString());
      expect(invitation.person).toMatchObject({
        role: 'volunteer',
        groupIds: ['g1', 'g2'],
        phone: '0912345678',
      });

      const device = await enrolled(invitation.code);
      expect(device.account.id).toBe(invitation.person.id);
      expect(device.ward.code).toBe(officer.wardCode);
      expect(device.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expectErrorResponse(await enroll(invitation.code), 400, 'invitation_invalid');

      const whoAmI = await me(device.deviceToken);
      expect(whoAmI.json()).toMatchObject({
        account: { id: invitation.person.id, groupIds: ['g1', 'g2'] },
        device: { id: device.deviceId, status: 'active' },
      });
    });

    test('an expired code is refused with 400 invitation_invalid', async () => {
      const officer = await officerWithPassword();
      const token = await signIn(officer.username);
      const early = await invite(token, officer.wardCode);
      const late = await invite(token, officer.wardCode);
      clock += 7 * 24 * HOUR - 1000;
      await enrolled(early.code);
      clock += 1000;
      expectErrorResponse(await enroll(late.code), 400, 'invitation_invalid');
    });

    test('a code typed in lowercase, with dashes or with spaces is accepted', async () => {
      const officer = await officerWithPassword();
      const token = await signIn(officer.username);
      const typings = [
        (c: string) => c.toLowerCase(),
        (c: string) => formatInvitationCode(c).toLowerCase(),
        (c: string) => ` ${c.slice(0, 4)} ${c.slice(4)} `,
      ];
      for (const typed of typings) {
        const { code } = await invite(token, officer.wardCode);
        expect((await enroll(typed(code))).statusCode).toBe(201);
      }
    });

    test('a code that cannot be one, or an unknown code, answers 400 invitation_invalid', async () => {
      for (const code of ['', 'ABC', 'OOOO-IIII', 'ABCD-EFGH-J', 'ABCD\u0000EFG', 'AAAA-AAAA']) {
        expectErrorResponse(await enroll(code), 400, 'invitation_invalid');
      }
    });

    test("the device token is scoped to the person's groups", async () => {
      const officer = await officerWithPassword();
      const token = await signIn(officer.username);
      const mine = makeResident(officer.wardCode, 'g2');
      const theirs = makeResident(officer.wardCode, 'g1');
      expect((await pushAs(token, officer.wardCode, [mine, theirs])).json()).toEqual({
        conflicts: [],
        quarantined: [],
      });
      const device = await enrolled((await invite(token, officer.wardCode, ['g2'], 'leader')).code);

      const pulled = await pullAs(device.deviceToken, officer.wardCode);
      expect(pulled.json().documents).toEqual([mine]);
      const groups = await pullAs(device.deviceToken, officer.wardCode, 'groups');
      expect(groups.json().documents.map((g: { id: string }) => g.id)).toEqual(['g2']);

      const edit = { ...theirs, fullName: 'Sửa Tên Người Khác' };
      const pushed = await pushAs(device.deviceToken, officer.wardCode, [edit]);
      expect(pushed.json()).toEqual({
        conflicts: [],
        quarantined: [{ id: theirs['id'], code: 'out_of_scope', message: expect.any(String) }],
      });
      // Moving another group's record into one's own group is refused too, without revealing it.
      const moved = await pushAs(device.deviceToken, officer.wardCode, [{ ...theirs, groupId: 'g2' }]);
      expect(moved.json()).toEqual({
        conflicts: [],
        quarantined: [{ id: theirs['id'], code: 'out_of_scope', message: expect.any(String) }],
      });
      expect(moved.body).not.toContain(String(theirs['fullName']));
      expect((await pullAs(token, officer.wardCode)).json().documents).toEqual(
        expect.arrayContaining([mine, theirs]),
      );
    });

    test('a new invitation for the same person replaces the unused code', async () => {
      const officer = await officerWithPassword();
      const token = await signIn(officer.username);
      const first = await invite(token, officer.wardCode);
      clock += 60_000;
      const again = await inject({
        method: 'POST',
        url: `/v1/wards/${officer.wardCode}/people/${first.person.id}/invitations`,
        headers: authHeaders(token),
      });
      expect(again.statusCode, again.body).toBe(201);
      const second = invitationResponseSchema.parse(again.json());
      expect(second.person.id).toBe(first.person.id);
      expect(second.code).not.toBe(first.code);

      const pending = (await people(token, officer.wardCode)).find((p) => p.account.id === first.person.id);
      expect(pending?.pendingInvitation).toEqual({ expiresAt: second.expiresAt });

      expectErrorResponse(await enroll(first.code), 400, 'invitation_invalid');
      const device = await enrolled(second.code);
      expect(device.account.id).toBe(first.person.id);
      const after = (await people(token, officer.wardCode)).find((p) => p.account.id === first.person.id);
      expect(after?.pendingInvitation).toBeNull();
    });

    test('an invitation needs groups of that ward, a field role and a valid body', async () => {
      const officer = await officerWithPassword();
      const token = await signIn(officer.username);
      const post = (payload: object) =>
        inject({
          method: 'POST',
          url: `/v1/wards/${officer.wardCode}/invitations`,
          headers: authHeaders(token),
          payload,
        });
      const base = { fullName: 'Lê Văn Tâm', role: 'volunteer', groupIds: ['g1'] };
      expectErrorResponse(await post({ ...base, groupIds: ['g9'] }), 400, 'invalid_body');
      expectErrorResponse(await post({ ...base, groupIds: [] }), 400, 'invalid_body');
      expectErrorResponse(await post({ ...base, role: 'officer' }), 400, 'invalid_body');
      expectErrorResponse(await post({ ...base, phone: '12345' }), 400, 'invalid_body');
      expectErrorResponse(await post({ ...base, extra: 1 }), 400, 'invalid_body');
    });

    test('the officer sees each device with its label, app version, last seen and last sync', async () => {
      const officer = await officerWithPassword();
      const token = await signIn(officer.username);
      const invitation = await invite(token, officer.wardCode);
      const enrolledAt = new Date(clock).toISOString();
      const res = await enroll(invitation.code, {
        deviceLabel: 'Điện thoại\u0000 của Mai',
        appVersion: '0.1.0',
      });
      const device = enrollResponseSchema.parse(res.json());
      clock += 5 * 60_000;
      const pulled = await inject({
        url: `/v1/sync/residents/pull?wardCode=${officer.wardCode}&seq=0`,
        headers: { ...authHeaders(device.deviceToken), [APP_VERSION_HEADER]: '0.2.0' },
      });
      expect(pulled.statusCode).toBe(200);
      const person = (await people(token, officer.wardCode)).find(
        (p) => p.account.id === invitation.person.id,
      );
      expect(person?.devices).toEqual([
        {
          id: device.deviceId,
          label: 'Điện thoại  của Mai',
          status: 'active',
          appVersion: '0.2.0',
          enrolledAt,
          lastSeenAt: new Date(clock).toISOString(),
          lastSyncAt: new Date(clock).toISOString(),
          revokedAt: null,
          unsyncedAtErase: null,
          erasedAt: null,
        },
      ]);
    });
  });

  describe('revocation', () => {
    async function fieldDevice() {
      const officer = await officerWithPassword();
      const token = await signIn(officer.username);
      const invitation = await invite(token, officer.wardCode);
      const device = await enrolled(invitation.code);
      return { ...officer, token, device, personId: invitation.person.id };
    }

    test('retire: pull answers 403 device_retired, push is still stored, the erase report is accepted, then every call answers 401 token_revoked', async () => {
      const { wardCode, token, device, personId } = await fieldDevice();
      const revoked = await revoke(token, wardCode, device.deviceId, 'retire');
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({
        device: { status: 'retiring', revokedAt: new Date(clock).toISOString() },
      });

      expectErrorResponse(await pullAs(device.deviceToken, wardCode), 403, 'device_retired');
      expectErrorResponse(await me(device.deviceToken), 403, 'device_retired');
      const last = makeResident(wardCode, 'g1', { fullName: 'Bản Ghi Cuối' });
      const pushed = await pushAs(device.deviceToken, wardCode, [last]);
      expect(pushed.statusCode).toBe(200);
      expect((await pullAs(token, wardCode)).json().documents).toContainEqual(last);

      const report = await eraseReport(device.deviceToken, 2);
      expect(report.statusCode, report.body).toBe(200);

      expectErrorResponse(await pushAs(device.deviceToken, wardCode, [last]), 401, 'token_revoked');
      expectErrorResponse(await pullAs(device.deviceToken, wardCode), 401, 'token_revoked');
      expectErrorResponse(await me(device.deviceToken), 401, 'token_revoked');
      expectErrorResponse(await eraseReport(device.deviceToken, 0), 401, 'token_revoked');

      const person = (await people(token, wardCode)).find((p) => p.account.id === personId);
      expect(person?.devices).toEqual([
        expect.objectContaining({ id: device.deviceId, status: 'retired', unsyncedAtErase: 2 }),
      ]);
      expect(person?.devices[0]?.erasedAt).toBe(new Date(clock).toISOString());
    });

    test('lost: push answers 401 token_revoked and stores nothing; the erase report is accepted and its count is visible to the officer', async () => {
      const { wardCode, token, device, personId } = await fieldDevice();
      expect((await revoke(token, wardCode, device.deviceId, 'lost')).json()).toMatchObject({
        device: { status: 'lost' },
      });
      const doc = makeResident(wardCode, 'g1');
      expectErrorResponse(await pushAs(device.deviceToken, wardCode, [doc]), 401, 'token_revoked');
      expectErrorResponse(await pullAs(device.deviceToken, wardCode), 401, 'token_revoked');
      expectErrorResponse(await me(device.deviceToken), 401, 'token_revoked');
      expect((await pullAs(token, wardCode)).json().documents).not.toContainEqual(doc);

      expect((await eraseReport(device.deviceToken, 7)).statusCode).toBe(200);
      expectErrorResponse(await eraseReport(device.deviceToken, 7), 401, 'token_revoked');
      const person = (await people(token, wardCode)).find((p) => p.account.id === personId);
      expect(person?.devices[0]).toMatchObject({ status: 'lost', unsyncedAtErase: 7 });
    });

    test('a retiring device can still be reported lost; a lost one cannot be retired (409); repeats change nothing', async () => {
      const { wardCode, token, device } = await fieldDevice();
      expect((await revoke(token, wardCode, device.deviceId, 'retire')).json().device.status).toBe(
        'retiring',
      );
      expect((await revoke(token, wardCode, device.deviceId, 'retire')).json().device.status).toBe(
        'retiring',
      );
      expect((await revoke(token, wardCode, device.deviceId, 'lost')).json().device.status).toBe('lost');
      expectErrorResponse(await revoke(token, wardCode, device.deviceId, 'retire'), 409, 'conflict');
      expect((await revoke(token, wardCode, device.deviceId, 'lost')).json().device.status).toBe('lost');
    });

    test('a device signed out and erased by its own user is recorded as retired with its unsynced count', async () => {
      const { device, wardCode, token } = await fieldDevice();
      expectErrorResponse(await eraseReport(device.deviceToken, -1), 400, 'invalid_body');
      expect((await eraseReport(device.deviceToken, 2)).statusCode).toBe(200);
      expectErrorResponse(await pullAs(device.deviceToken, wardCode), 401, 'token_revoked');
      const res = await inject({ url: `/v1/wards/${wardCode}/people`, headers: authHeaders(token) });
      const devices = (
        res.json() as { people: { devices: { id: string; status: string; unsyncedAtErase: number }[] }[] }
      ).people.flatMap((p) => p.devices);
      expect(devices.find((d) => d.id === device.deviceId)).toMatchObject({
        status: 'retired',
        unsyncedAtErase: 2,
      });
    });

    test("revoking a device unknown in the ward, or with a malformed id, answers 404 and the person's other devices keep working", async () => {
      const { wardCode, token, device } = await fieldDevice();
      expectErrorResponse(await revoke(token, wardCode, newId(), 'lost'), 404, 'not_found');
      expectErrorResponse(await revoke(token, wardCode, 'not-an-id', 'lost'), 404, 'not_found');
      expect((await pullAs(device.deviceToken, wardCode)).statusCode).toBe(200);
    });
  });

  describe('no secret in clear', () => {
    test('passwords, tokens and invitation codes appear neither in the logs nor in any database column', async () => {
      let logText = '';
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          logText += chunk.toString('utf8');
          done();
        },
      });
      const logger = { ...(loggerOptions('trace') as Record<string, unknown>), stream: sink };
      const app = createServer({ store: store(), logger, auth: { rateLimitMax: 1000 } });
      await app.ready();
      const secrets: string[] = [];
      const call = async (options: InjectOptions, status: number) => {
        const res = await app.inject(options);
        expect(res.statusCode, res.body).toBe(status);
        return res.json() as Record<string, unknown>;
      };
      try {
        // The first administrator, from its one-time password to a password of its own.
        const adminName = `quantri-bi-mat-${serial++}`;
        const created = await createAdminWithOneTimePassword(store(), adminName);
        if (created === 'username_taken') throw new Error('clash');
        const adminPassword = 'Mật-khẩu-quản-trị-2026';
        const otpLogin = await call(
          {
            method: 'POST',
            url: '/v1/auth/login',
            payload: { username: adminName, password: created.password },
          },
          200,
        );
        const adminToken = String(otpLogin['token']);
        await call(
          {
            method: 'POST',
            url: '/v1/auth/password',
            headers: authHeaders(adminToken),
            payload: { currentPassword: created.password, newPassword: adminPassword },
          },
          200,
        );
        secrets.push(created.password, adminToken, adminPassword);

        // A ward with its officer, who signs in (after one wrong try) and invites a volunteer.
        const wardCode = nextWardCode();
        const officerName = `canbo-bi-mat-${wardCode}`;
        const officerPassword = 'officer-secret-Đà-Nẵng-42';
        const wrongPassword = 'wrong-guess-Huế-77';
        secrets.push(officerPassword, wrongPassword);
        await call(
          {
            method: 'POST',
            url: '/v1/admin/wards',
            headers: authHeaders(adminToken),
            payload: {
              ward: { code: wardCode, name: 'Phường Bí Mật', provinceCode: '48' },
              groups: [{ id: 'g1', name: 'Tổ 1', kind: 'to_dan_pho' }],
              officer: { fullName: 'Cán bộ Bí Mật', username: officerName, password: officerPassword },
            },
          },
          201,
        );
        await call(
          {
            method: 'POST',
            url: '/v1/auth/login',
            payload: { username: officerName, password: wrongPassword },
          },
          401,
        );
        const officerToken = String(
          (
            await call(
              {
                method: 'POST',
                url: '/v1/auth/login',
                payload: { username: officerName, password: officerPassword },
              },
              200,
            )
          )['token'],
        );
        secrets.push(officerToken);
        const invitation = await call(
          {
            method: 'POST',
            url: `/v1/wards/${wardCode}/invitations`,
            headers: authHeaders(officerToken),
            payload: { fullName: 'Tình Nguyện Viên', role: 'volunteer', groupIds: ['g1'] },
          },
          201,
        );
        const code = String(invitation['code']);
        // Both formats, as issued and as a person might type them.
        for (const form of [code, formatInvitationCode(code)]) secrets.push(form, form.toLowerCase());

        // The QR code's link reaches the server too; its query must not be logged.
        await app.inject({ url: `/?enroll=${code}`, headers: { accept: 'text/html' } });
        const device = await call(
          {
            method: 'POST',
            url: '/v1/auth/enroll',
            payload: { code: formatInvitationCode(code).toLowerCase(), appVersion: '0.1.0' },
          },
          201,
        );
        const deviceToken = String(device['deviceToken']);
        secrets.push(deviceToken);

        // The device syncs, then is retired and reports.
        const resident = makeResident(wardCode, 'g1');
        await call(
          {
            method: 'POST',
            url: `/v1/sync/residents/push?wardCode=${wardCode}`,
            headers: authHeaders(deviceToken),
            payload: { rows: [{ newDocumentState: resident }] },
          },
          200,
        );
        await call(
          { url: `/v1/sync/residents/pull?wardCode=${wardCode}&seq=0`, headers: authHeaders(deviceToken) },
          200,
        );
        await call(
          {
            method: 'POST',
            url: `/v1/wards/${wardCode}/devices/${String(device['deviceId'])}/revoke`,
            headers: authHeaders(officerToken),
            payload: { mode: 'retire' },
          },
          200,
        );
        await call(
          {
            method: 'POST',
            url: '/v1/auth/device/erased',
            headers: authHeaders(deviceToken),
            payload: { unsyncedCount: 0 },
          },
          200,
        );
        await call({ method: 'POST', url: '/v1/auth/logout', headers: authHeaders(officerToken) }, 200);
      } finally {
        await app.close();
      }

      // The logs were written (at trace level), and hold none of the secrets.
      expect(logText).toContain('device enrolled');
      expect(logText).toContain('incoming request');
      for (const secret of secrets) {
        expect(logText.includes(secret), `log contains ${secret.slice(0, 4)}…`).toBe(false);
      }

      // Every text, JSON and array column of every table, cast to text.
      const columns = await store().db.query(
        `select table_name, column_name from information_schema.columns
         where table_schema = current_schema()
           and (data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY'))
         order by table_name, ordinal_position`,
      );
      const tables = new Set(columns.map((c) => String(c['table_name'])));
      expect([...tables]).toEqual(expect.arrayContaining(['accounts', 'sessions', 'invitations', 'devices']));
      let dump = '';
      for (const column of columns) {
        const rows = await store().db.query(
          `select "${String(column['column_name'])}"::text as v from "${String(column['table_name'])}"`,
        );
        dump += rows.map((r) => String(r['v'])).join('\n') + '\n';
      }
      expect(dump).toContain('scrypt$15$8$1$');
      expect(dump).toContain('Cán bộ Bí Mật');
      for (const secret of secrets) {
        expect(dump.includes(secret), `database contains ${secret.slice(0, 4)}…`).toBe(false);
      }
    });
  });
}
