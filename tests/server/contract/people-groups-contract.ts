// The officer's change of a leader's or volunteer's residential groups, and the access-change signal of
// device revocation (docs/auth.md endpoints; docs/sync.md invariant 11 and "Live updates"), written once
// and run on both engines: people-groups.test.ts (PGlite) and people-groups.pg.test.ts (real PostgreSQL).
//
// What must hold: only the ward's officer changes the groups of one of the ward's leaders or volunteers,
// to live groups of that ward; a refused call changes nothing and signals nothing; the person's phone
// pulls under the new groups with the token it already has (the principal reads them from the account
// row on every request); after the change commits, the person's open live update streams end (they
// reconnect under the new scope) — and so do a revoked device's; the change is logged with before/after.
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { createServer } from '../../../src/server/app';
import { loggerOptions } from '../../../src/server/log';
import {
  SYNC_EVENTS_PATH,
  changeGroupsResponseSchema,
  newId,
  peopleResponseSchema,
  pullResponseSchema,
  type SyncCollection,
} from '../../../src/shared';
import {
  authHeaders,
  createAdmin,
  createOfficer,
  enrollDevice,
  expectErrorResponse,
  makeResident,
  seedTestWard,
  type EnrolledDevice,
} from '../../helpers/server';
import type { ContractSetup } from './sync-contract';

/** A stream of GET /v1/sync/events read with fetch, as the app reads it. */
interface Stream {
  /** Resolves once the first bytes (": connected") have arrived. */
  opened: Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Whether the server has ended it. */
  isEnded(): boolean;
  /** Resolves when the text received so far contains `needle`; rejects after a few seconds. */
  until(needle: string): Promise<void>;
  close(): void;
}

export function peopleGroupsContract(setup: () => Promise<ContractSetup>): void {
  let ctx: ContractSetup | undefined;
  let app: FastifyInstance;
  let base: string;
  let logText = '';
  let ward: string;
  let otherWard: string;
  let officer: { token: string; accountId: string };
  let otherOfficer: { token: string; accountId: string };
  const streams: Stream[] = [];
  const store = () => ctx!.store;

  beforeAll(async () => {
    ctx = await setup();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logText += chunk.toString('utf8');
        done();
      },
    });
    const logger = { ...(loggerOptions('info') as Record<string, unknown>), stream: sink };
    app = createServer({ store: ctx.store, logger, auth: { rateLimitMax: 100_000 } });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    ward = await seedTestWard(ctx.store, ['g1', 'g2', 'g3']);
    otherWard = await seedTestWard(ctx.store, ['g1', 'g2', 'g3']);
    officer = await createOfficer(ctx.store, ward);
    otherOfficer = await createOfficer(ctx.store, otherWard);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await app?.close();
    await ctx?.teardown();
  });

  const inject = (options: InjectOptions) => app.inject(options);

  const volunteer = (groupIds: string[], wardCode = ward, token = officer.token) =>
    enrollDevice(app, token, wardCode, { role: 'volunteer', groupIds });

  const changeGroups = (
    accountId: string,
    payload: unknown,
    /** The caller's token; null = nobody signed in. */
    token: string | null = officer.token,
    wardCode = ward,
  ) =>
    inject({
      method: 'POST',
      url: `/v1/wards/${wardCode}/people/${accountId}/groups`,
      headers: token === null ? {} : authHeaders(token),
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });

  const groupsOf = async (accountId: string) => (await store().getAccount(accountId))?.groupIds;

  const pull = async (collection: SyncCollection, token: string, wardCode = ward) => {
    const res = await inject({
      method: 'GET',
      url: `/v1/sync/${collection}/pull`,
      query: { wardCode, seq: '0', limit: '1000' },
      headers: authHeaders(token),
    });
    expect(res.statusCode, res.body).toBe(200);
    return pullResponseSchema.parse(res.json()).documents;
  };

  const officerPush = async (docs: Record<string, unknown>[]) => {
    const res = await inject({
      method: 'POST',
      url: '/v1/sync/residents/push',
      query: { wardCode: ward },
      headers: authHeaders(officer.token),
      payload: { rows: docs.map((doc) => ({ newDocumentState: doc })) },
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  async function openStream(token: string, wardCode = ward): Promise<Stream> {
    const abort = new AbortController();
    const response = await fetch(`${base}${SYNC_EVENTS_PATH}?wardCode=${wardCode}`, {
      headers: authHeaders(token),
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    let ended = false;
    let text = '';
    const wake = new Set<() => void>();
    let markOpened: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (markOpened = resolve));
    const done = (async () => {
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { done: finished, value } = await reader.read();
          markOpened();
          if (finished) return;
          text += decoder.decode(value, { stream: true });
          wake.forEach((w) => w());
        }
      } catch {
        // Aborted by the test.
      } finally {
        ended = true;
        wake.forEach((w) => w());
      }
    })();
    const until = (needle: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`stream never said ${needle}: ${text}`)), 5000);
        const check = () => {
          if (text.includes(needle)) {
            clearTimeout(timer);
            wake.delete(check);
            resolve();
          }
        };
        wake.add(check);
        check();
      });
    const stream: Stream = {
      opened,
      ended: done,
      isEnded: () => ended,
      until,
      close: () => abort.abort(),
    };
    streams.push(stream);
    await opened;
    return stream;
  }

  /** Lets the event loop run a little: a stream that were to end would have ended. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

  describe('POST /v1/wards/:w/people/:id/groups', () => {
    test("the ward's officer replaces a volunteer's groups; the phone's next pull, with the same token, uses them", async () => {
      const a = await volunteer(['g1']);
      const g1 = makeResident(ward, 'g1');
      const g2 = makeResident(ward, 'g2');
      await officerPush([g1, g2]);
      expect((await pull('residents', a.deviceToken)).map((d) => d['id'])).toEqual([g1['id']]);

      const res = await changeGroups(a.accountId, { groupIds: ['g2'] });
      expect(res.statusCode, res.body).toBe(200);
      const { account } = changeGroupsResponseSchema.parse(res.json());
      expect(account).toMatchObject({ id: a.accountId, role: 'volunteer', wardCode: ward, groupIds: ['g2'] });
      expect(Object.keys(res.json() as object)).toEqual(['account']);

      // The officer's list shows the new groups.
      const people = await inject({
        method: 'GET',
        url: `/v1/wards/${ward}/people`,
        headers: authHeaders(officer.token),
      });
      const person = peopleResponseSchema
        .parse(people.json())
        .people.find((p) => p.account.id === a.accountId);
      expect(person?.account.groupIds).toEqual(['g2']);

      // The phone, without enrolling again: its principal takes the groups from the account row.
      expect((await pull('groups', a.deviceToken)).map((d) => d['id'])).toEqual(['g2']);
      expect((await pull('residents', a.deviceToken)).map((d) => d['id'])).toEqual([g2['id']]);
      const push = await inject({
        method: 'POST',
        url: '/v1/sync/residents/push',
        query: { wardCode: ward },
        headers: authHeaders(a.deviceToken),
        payload: { rows: [{ newDocumentState: makeResident(ward, 'g1') }] },
      });
      expect((push.json() as { quarantined: { code: string }[] }).quarantined).toEqual([
        expect.objectContaining({ code: 'out_of_scope' }),
      ]);
    });

    test("a leader's groups too; repeated ids count once, in the order given", async () => {
      const leader = await enrollDevice(app, officer.token, ward, { role: 'leader', groupIds: ['g1'] });
      const res = await changeGroups(leader.accountId, { groupIds: ['g3', 'g1', 'g3'] });
      expect(res.statusCode, res.body).toBe(200);
      expect(changeGroupsResponseSchema.parse(res.json()).account.groupIds).toEqual(['g3', 'g1']);
      expect(await groupsOf(leader.accountId)).toEqual(['g3', 'g1']);
    });

    test("after the change commits the person's open live update streams end, and only theirs", async () => {
      const a = await volunteer(['g1']);
      const bystander = await volunteer(['g1']);
      const spy = vi.spyOn(store().changes, 'accessChanged');
      const mine = await openStream(a.deviceToken);
      const theirs = await openStream(bystander.deviceToken);
      const res = await changeGroups(a.accountId, { groupIds: ['g1', 'g2'] });
      expect(res.statusCode, res.body).toBe(200);
      await mine.ended;
      expect(spy.mock.calls).toEqual([[a.accountId]]);
      await settle();
      expect(theirs.isEnded()).toBe(false);
      theirs.close();
      // Reconnected, the stream is served under the new groups: a write in g2 is announced.
      const again = await openStream(a.deviceToken);
      await officerPush([makeResident(ward, 'g2')]);
      await again.until('event: change');
      again.close();
    });

    test('the same groups again change nothing and end no stream', async () => {
      const a = await volunteer(['g1', 'g2']);
      const stream = await openStream(a.deviceToken);
      const spy = vi.spyOn(store().changes, 'accessChanged');
      const res = await changeGroups(a.accountId, { groupIds: ['g2', 'g1'] });
      expect(res.statusCode, res.body).toBe(200);
      expect(spy).not.toHaveBeenCalled();
      await settle();
      expect(stream.isEnded()).toBe(false);
      stream.close();
    });

    test('the change is logged with the account and its groups before and after', async () => {
      const a = await volunteer(['g1']);
      await changeGroups(a.accountId, { groupIds: ['g2', 'g3'] });
      const line = logText
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l['msg'] === 'person groups changed' && l['accountId'] === a.accountId);
      expect(line).toMatchObject({ before: ['g1'], after: ['g2', 'g3'], changed: true });
    });

    describe('refusals change nothing and signal nothing', () => {
      let person: EnrolledDevice;
      let leader: EnrolledDevice;
      let elsewhere: EnrolledDevice;
      beforeAll(async () => {
        person = await volunteer(['g1']);
        leader = await enrollDevice(app, officer.token, ward, { role: 'leader', groupIds: ['g1'] });
        elsewhere = await volunteer(['g1'], otherWard, otherOfficer.token);
      });

      const cases: {
        name: string;
        call: () => Promise<Awaited<ReturnType<typeof changeGroups>>>;
        status: number;
        code: Parameters<typeof expectErrorResponse>[2];
        message?: RegExp;
      }[] = [
        {
          name: 'nobody signed in: 401',
          call: () => changeGroups(person.accountId, { groupIds: ['g2'] }, null),
          status: 401,
          code: 'unauthenticated',
        },
        {
          name: 'an administrator: 403',
          call: async () =>
            changeGroups(person.accountId, { groupIds: ['g2'] }, (await createAdmin(store())).token),
          status: 403,
          code: 'forbidden',
        },
        {
          name: 'the volunteer themself, from their phone: 403',
          call: () => changeGroups(person.accountId, { groupIds: ['g2'] }, person.deviceToken),
          status: 403,
          code: 'forbidden',
        },
        {
          name: 'a leader of the ward, from their phone: 403',
          call: () => changeGroups(person.accountId, { groupIds: ['g2'] }, leader.deviceToken),
          status: 403,
          code: 'forbidden',
        },
        {
          name: "another ward's officer, on this ward's path: 403",
          call: () => changeGroups(person.accountId, { groupIds: ['g2'] }, otherOfficer.token),
          status: 403,
          code: 'forbidden',
        },
        {
          name: "another ward's person under this ward's path: 404",
          call: () => changeGroups(elsewhere.accountId, { groupIds: ['g2'] }),
          status: 404,
          code: 'not_found',
        },
        {
          name: 'an officer (not a field role): 404',
          call: async () =>
            changeGroups((await createOfficer(store(), ward)).accountId, { groupIds: ['g2'] }),
          status: 404,
          code: 'not_found',
        },
        {
          name: 'an unknown id: 404',
          call: () => changeGroups(newId(), { groupIds: ['g2'] }),
          status: 404,
          code: 'not_found',
        },
        {
          name: 'a malformed id: 404',
          call: () => changeGroups('not-an-id', { groupIds: ['g2'] }),
          status: 404,
          code: 'not_found',
        },
        {
          name: 'a group of no ward: 400 naming it',
          call: () => changeGroups(person.accountId, { groupIds: ['g2', 'no-such-group'] }),
          status: 400,
          code: 'invalid_body',
          message: /no-such-group/,
        },
        {
          name: 'an empty list: 400',
          call: () => changeGroups(person.accountId, { groupIds: [] }),
          status: 400,
          code: 'invalid_body',
          message: /groupIds/,
        },
        {
          name: 'more than 50 groups: 400',
          call: () =>
            changeGroups(person.accountId, { groupIds: Array.from({ length: 51 }, (_, i) => `g${i}`) }),
          status: 400,
          code: 'invalid_body',
        },
        {
          name: 'no body: 400',
          call: () => changeGroups(person.accountId, undefined),
          status: 400,
          code: 'invalid_body',
        },
        {
          name: 'an extra field: 400',
          call: () => changeGroups(person.accountId, { groupIds: ['g2'], role: 'leader' }),
          status: 400,
          code: 'invalid_body',
        },
      ];
      for (const c of cases) {
        test(c.name, async () => {
          const spy = vi.spyOn(store().changes, 'accessChanged');
          const res = await c.call();
          expectErrorResponse(res, c.status, c.code);
          if (c.message)
            expect((res.json() as { error: { message: string } }).error.message).toMatch(c.message);
          expect(await groupsOf(person.accountId)).toEqual(['g1']);
          expect(await groupsOf(elsewhere.accountId)).toEqual(['g1']);
          expect(spy).not.toHaveBeenCalled();
        });
      }
    });
  });

  describe('POST /v1/wards/:w/devices/:id/revoke', () => {
    const revoke = (deviceId: string, mode: 'retire' | 'lost') =>
      inject({
        method: 'POST',
        url: `/v1/wards/${ward}/devices/${deviceId}/revoke`,
        headers: authHeaders(officer.token),
        payload: { mode },
      });

    test("after a revocation commits, the account's streams end; the revoked phone cannot open another", async () => {
      const a = await volunteer(['g1']);
      const stream = await openStream(a.deviceToken);
      const spy = vi.spyOn(store().changes, 'accessChanged');
      const res = await revoke(a.deviceId, 'retire');
      expect(res.statusCode, res.body).toBe(200);
      await stream.ended;
      expect(spy.mock.calls).toEqual([[a.accountId]]);
      const again = await fetch(`${base}${SYNC_EVENTS_PATH}?wardCode=${ward}`, {
        headers: authHeaders(a.deviceToken),
      });
      expect(again.status).toBe(403);
      expect(await again.json()).toEqual({ error: { code: 'device_retired', message: expect.any(String) } });

      // retiring → lost is a change too; repeating it, or retiring a lost device, is not.
      expect((await revoke(a.deviceId, 'lost')).statusCode).toBe(200);
      expect(spy.mock.calls).toEqual([[a.accountId], [a.accountId]]);
      expect((await revoke(a.deviceId, 'lost')).statusCode).toBe(200);
      expect((await revoke(a.deviceId, 'retire')).statusCode).toBe(409);
      expect(spy).toHaveBeenCalledTimes(2);
    });
  });
}
