// The authorisation matrix of docs/auth.md, cell by cell: every endpoint × every kind of caller ×
// own group / other group / other ward. Written once and run on both engines: authz-matrix.test.ts
// (PGlite) and authz-matrix.pg.test.ts (real PostgreSQL).
//
// The world is built through the real API: an administrator creates wards A and B (groups g1, g2, and
// an officer each, with a password), the officers sign in, invite and enrol phones, and push one
// resident, session and completion per group. Targets are named absolutely: "A1" = ward A group g1,
// "B" = ward B, and so on.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashPassword } from '../../../src/server/auth/password';
import {
  PUSHABLE_COLLECTIONS,
  UNSYNCED_EXPORT_FORMAT,
  UNSYNCED_EXPORT_VERSION,
  loginResponseSchema,
  newId,
  wardSettingsResponseSchema,
  type PlainDoc,
  type PushableCollection,
} from '../../../src/shared';
import {
  MAKE_DOC,
  PROTOCOL_HEADERS,
  authHeaders,
  createAdmin,
  enrollDevice,
  nextWardCode,
  startTestServer,
  type TestServer,
} from '../../helpers/server';
import type { ContractSetup } from './sync-contract';

const WHO = {
  none: 'nobody',
  admin: 'an administrator',
  officerA: 'the officer of ward A',
  officerB: 'the officer of ward B',
  volunteerA1: 'a volunteer of ward A group 1',
  leaderA1: 'a leader of ward A group 1',
  volunteerB1: 'a volunteer of ward B group 1',
} as const;
type Who = keyof typeof WHO;
type Actor = Exclude<Who, 'none'>;

const TARGETS = {
  '-': '',
  A: 'ward A',
  B: 'ward B',
  A1: 'ward A group 1',
  A2: 'ward A group 2',
  B1: 'ward B group 1',
  BinA: "ward B's id under ward A's path",
  Ax: 'ward A, a group of no ward',
} as const;
type Target = keyof typeof TARGETS;

/** A status, or a push outcome (200 with the document stored, or 200 with it quarantined). */
type Expect = number | 'stored' | 'quarantined';

interface Row {
  endpoint: string;
  targets: Target[];
  /** One expectation per target, for every caller. */
  expect: Record<Who, Expect[]>;
}

const same = (values: Expect[]): Record<Who, Expect[]> => ({
  none: values,
  admin: values,
  officerA: values,
  officerB: values,
  volunteerA1: values,
  leaderA1: values,
  volunteerB1: values,
});

/** Pull and push of a pushable collection (residents, sessions, completions): the same cells for each. */
function syncRows(collection: PushableCollection): Row[] {
  return [
    {
      endpoint: `GET /v1/sync/${collection}/pull`,
      targets: ['A', 'B'],
      expect: {
        none: [401, 401],
        admin: [403, 403],
        officerA: [200, 403],
        officerB: [403, 200],
        volunteerA1: [200, 403],
        leaderA1: [200, 403],
        volunteerB1: [403, 200],
      },
    },
    {
      // The query names the caller's own ward; the document belongs to the target.
      endpoint: `POST /v1/sync/${collection}/push`,
      targets: ['A1', 'A2', 'B1'],
      expect: {
        none: [401, 401, 401],
        admin: [403, 403, 403],
        officerA: ['stored', 'stored', 'quarantined'],
        officerB: ['quarantined', 'quarantined', 'stored'],
        volunteerA1: ['stored', 'quarantined', 'quarantined'],
        leaderA1: ['stored', 'quarantined', 'quarantined'],
        volunteerB1: ['quarantined', 'quarantined', 'stored'],
      },
    },
    {
      // The query names the target ward; the document is the caller's own.
      endpoint: `POST /v1/sync/${collection}/push?wardCode=:w`,
      targets: ['A', 'B'],
      expect: {
        none: [401, 401],
        admin: [403, 403],
        officerA: [200, 403],
        officerB: [403, 200],
        volunteerA1: [200, 403],
        leaderA1: [200, 403],
        volunteerB1: [403, 200],
      },
    },
  ];
}

/** The table. Keep in step with the matrix in docs/auth.md. */
const MATRIX: Row[] = [
  {
    endpoint: 'GET /v1/auth/me',
    targets: ['-'],
    expect: { ...same([200]), none: [401] },
  },
  {
    endpoint: 'POST /v1/auth/logout',
    targets: ['-'],
    expect: { ...same([403]), none: [401], admin: [200], officerA: [200], officerB: [200] },
  },
  {
    endpoint: 'POST /v1/auth/password',
    targets: ['-'],
    expect: { ...same([403]), none: [401], admin: [200], officerA: [200], officerB: [200] },
  },
  {
    endpoint: 'POST /v1/auth/device/erased',
    targets: ['-'],
    // Any device may report its erasure (its own user's sign-out-and-erase, or after revocation);
    // sessions may not. Field cells use a throw-away phone of the same person kind and ward.
    expect: { ...same([200]), none: [401], admin: [403], officerA: [403], officerB: [403] },
  },
  {
    endpoint: 'GET /v1/wards',
    targets: ['-'],
    expect: { ...same([200]), none: [401] },
  },
  {
    endpoint: 'GET /v1/admin/wards',
    targets: ['-'],
    expect: { ...same([403]), none: [401], admin: [200] },
  },
  {
    endpoint: 'POST /v1/admin/wards',
    targets: ['-'],
    expect: { ...same([403]), none: [401], admin: [201] },
  },
  {
    endpoint: 'GET /v1/wards/:w/people',
    targets: ['A', 'B'],
    expect: { ...same([403, 403]), none: [401, 401], officerA: [200, 403], officerB: [403, 200] },
  },
  {
    endpoint: 'POST /v1/wards/:w/invitations',
    targets: ['A1', 'A2', 'B1', 'Ax'],
    expect: {
      ...same([403, 403, 403, 403]),
      none: [401, 401, 401, 401],
      officerA: [201, 201, 403, 400],
      officerB: [403, 403, 201, 403],
    },
  },
  {
    endpoint: 'POST /v1/wards/:w/people/:id/invitations',
    targets: ['A', 'B', 'BinA'],
    expect: {
      ...same([403, 403, 403]),
      none: [401, 401, 401],
      officerA: [201, 403, 404],
      officerB: [403, 201, 403],
    },
  },
  {
    // A throw-away volunteer (groups g1) of the person's ward each time; groups change only on 200.
    endpoint: 'POST /v1/wards/:w/people/:id/groups',
    targets: ['A', 'B', 'BinA'],
    expect: {
      ...same([403, 403, 403]),
      none: [401, 401, 401],
      officerA: [200, 403, 404],
      officerB: [403, 200, 403],
    },
  },
  {
    endpoint: 'POST /v1/wards/:w/officers',
    targets: ['A', 'B'],
    expect: {
      ...same([403, 403]),
      none: [401, 401],
      admin: [201, 201],
      officerA: [201, 403],
      officerB: [403, 201],
    },
  },
  {
    endpoint: 'POST /v1/wards/:w/devices/:id/revoke',
    targets: ['A', 'B', 'BinA'],
    expect: {
      ...same([403, 403, 403]),
      none: [401, 401, 401],
      officerA: [200, 403, 404],
      officerB: [403, 200, 403],
    },
  },
  // The officer's record routes (docs/unsynced-export.md): officers of the ward only.
  ...['POST /v1/wards/:w/unsynced-import', 'GET /v1/wards/:w/quarantine', 'GET /v1/wards/:w/group-load'].map(
    (endpoint): Row => ({
      endpoint,
      targets: ['A', 'B'],
      expect: { ...same([403, 403]), none: [401, 401], officerA: [200, 403], officerB: [403, 200] },
    }),
  ),
  // Privacy (docs/privacy.md): the data-subject requests and the audit log, officers of the ward only
  // (administrators have no ward and see no resident).
  ...[
    'GET /v1/wards/:w/privacy/residents',
    'GET /v1/wards/:w/privacy/withdrawn',
    'GET /v1/wards/:w/subject-requests',
    'GET /v1/wards/:w/audit',
    'GET /v1/wards/:w/audit.csv',
  ].map((endpoint): Row => ({
    endpoint,
    targets: ['A', 'B'],
    expect: { ...same([403, 403]), none: [401, 401], officerA: [200, 403], officerB: [403, 200] },
  })),
  {
    endpoint: 'POST /v1/wards/:w/residents/:id/access',
    targets: ['A', 'B', 'BinA'],
    expect: {
      ...same([403, 403, 403]),
      none: [401, 401, 401],
      officerA: [201, 403, 404],
      officerB: [403, 201, 403],
    },
  },
  {
    endpoint: 'GET /v1/wards/:w/records/:c/:id/history',
    targets: ['A', 'B', 'BinA'],
    expect: {
      ...same([403, 403, 403]),
      none: [401, 401, 401],
      officerA: [200, 403, 404],
      officerB: [403, 200, 403],
    },
  },
  ...PUSHABLE_COLLECTIONS.flatMap(syncRows),
  {
    endpoint: 'GET /v1/sync/groups/pull',
    targets: ['A', 'B'],
    expect: {
      none: [401, 401],
      admin: [403, 403],
      officerA: [200, 403],
      officerB: [403, 200],
      volunteerA1: [200, 403],
      leaderA1: [200, 403],
      volunteerB1: [403, 200],
    },
  },
  {
    // Groups are pull-only: the route refuses before anything else is looked at.
    endpoint: 'POST /v1/sync/groups/push',
    targets: ['A'],
    expect: same([404]),
  },
  {
    // The live update stream (docs/sync.md "Live updates"): any principal of the ward but administrators;
    // what a leader or volunteer is told is limited to their groups (tests/server/events.test.ts).
    endpoint: 'GET /v1/sync/events',
    targets: ['A', 'B'],
    expect: {
      none: [401, 401],
      admin: [403, 403],
      officerA: [200, 403],
      officerB: [403, 200],
      volunteerA1: [200, 403],
      leaderA1: [200, 403],
      volunteerB1: [403, 200],
    },
  },
  {
    // Any principal of the ward: officers' sessions and leaders' and volunteers' phones alike.
    endpoint: 'GET /v1/sync/ward-settings',
    targets: ['A', 'B'],
    expect: {
      none: [401, 401],
      admin: [403, 403],
      officerA: [200, 403],
      officerB: [403, 200],
      volunteerA1: [200, 403],
      leaderA1: [200, 403],
      volunteerB1: [403, 200],
    },
  },
];

interface ActorInfo {
  token: string;
  ward?: 'A' | 'B';
  /** Leaders and volunteers: their groups; undefined = the whole ward. */
  groups?: string[];
  accountId: string;
}

interface World {
  ward: { A: string; B: string };
  actors: Record<Actor, ActorInfo>;
  /** One document of each pushable collection per target group, pushed by the officers. */
  docs: Record<PushableCollection, Record<'A1' | 'A2' | 'B1', PlainDoc>>;
}

const PASSWORD = 'mat-khau-thu-2026';

/** The error code every refusal in the matrix carries. */
const ERROR_OF: Record<number, string> = {
  400: 'invalid_body',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
};

/** One document per target group; residents carry a telling name (it must never leak). */
function fixtures(collection: PushableCollection, A: string, B: string) {
  const make = MAKE_DOC[collection];
  const named = (fullName: string) => (collection === 'residents' ? { fullName } : {});
  return {
    A1: make(A, 'g1', named('Người Ở Tổ Một')),
    A2: make(A, 'g2', named('Người Ở Tổ Hai')),
    B1: make(B, 'g1', named('Người Phường Khác')),
  };
}

/** The collection named in an endpoint's path. */
function collectionOf(endpoint: string): PushableCollection | 'groups' {
  const name = /\/v1\/sync\/(\w+)\//.exec(endpoint)?.[1];
  const found = [...PUSHABLE_COLLECTIONS, 'groups' as const].find((c) => c === name);
  if (found === undefined) throw new Error(`no collection in ${endpoint}`);
  return found;
}

export function authzMatrixContract(setup: () => Promise<ContractSetup>): void {
  let ctx: ContractSetup | undefined;
  let server: TestServer | undefined;
  let world: World | undefined;
  const app = () => server!.app;
  const w = () => world!;
  let serial = 0;

  const inject = (options: InjectOptions) => app().inject(options);

  /** The live stream never ends: take its first bytes (or the whole refusal), then hang up. */
  async function injectStream(options: InjectOptions): Promise<LightMyRequestResponse> {
    const abort = new AbortController();
    const res = await inject({ ...options, payloadAsStream: true, signal: abort.signal });
    const chunks: Buffer[] = [];
    for await (const chunk of res.stream()) {
      chunks.push(Buffer.from(chunk as Uint8Array));
      if (res.statusCode === 200) break;
    }
    abort.abort();
    const body = Buffer.concat(chunks).toString();
    return { ...res, body, payload: body, json: () => JSON.parse(body) as unknown } as LightMyRequestResponse;
  }

  async function login(username: string, password: string): Promise<string> {
    const res = await inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return loginResponseSchema.parse(res.json()).token;
  }

  async function createWard(adminToken: string, tag: string) {
    const code = nextWardCode();
    const username = `canbo-${tag}-${code}`;
    const res = await inject({
      method: 'POST',
      url: '/v1/admin/wards',
      headers: authHeaders(adminToken),
      payload: {
        ward: { code, name: `Phường ${tag} ${code}`, provinceCode: '01' },
        groups: [
          { id: 'g1', name: 'Tổ 1', kind: 'to_dan_pho' },
          { id: 'g2', name: 'Tổ 2', kind: 'to_dan_pho' },
        ],
        officer: { fullName: `Cán bộ ${tag}`, username, password: PASSWORD },
      },
    });
    if (res.statusCode !== 201) throw new Error(`create ward: ${res.statusCode} ${res.body}`);
    const token = await login(username, PASSWORD);
    const officerId = String((res.json() as { officer: { id: string } }).officer.id);
    return { code, token, officerId };
  }

  beforeAll(async () => {
    ctx = await setup();
    server = await startTestServer({ store: ctx.store });
    const admin = await createAdmin(ctx.store);
    const A = await createWard(admin.token, 'a');
    const B = await createWard(admin.token, 'b');
    const device = async (officer: string, ward: string, role: 'leader' | 'volunteer') => {
      const d = await enrollDevice(server!, officer, ward, { role, groupIds: ['g1'] });
      return { token: d.deviceToken, accountId: d.accountId };
    };
    world = {
      ward: { A: A.code, B: B.code },
      actors: {
        admin: { token: admin.token, accountId: admin.accountId },
        officerA: { token: A.token, ward: 'A', accountId: A.officerId },
        officerB: { token: B.token, ward: 'B', accountId: B.officerId },
        volunteerA1: { ...(await device(A.token, A.code, 'volunteer')), ward: 'A', groups: ['g1'] },
        leaderA1: { ...(await device(A.token, A.code, 'leader')), ward: 'A', groups: ['g1'] },
        volunteerB1: { ...(await device(B.token, B.code, 'volunteer')), ward: 'B', groups: ['g1'] },
      },
      docs: {
        residents: fixtures('residents', A.code, B.code),
        sessions: fixtures('sessions', A.code, B.code),
        completions: fixtures('completions', A.code, B.code),
      },
    };
    for (const collection of PUSHABLE_COLLECTIONS) {
      const docs = w().docs[collection];
      await server.push(
        A.code,
        [{ newDocumentState: docs.A1 }, { newDocumentState: docs.A2 }],
        collection,
        A.token,
      );
      await server.push(B.code, [{ newDocumentState: docs.B1 }], collection, B.token);
    }
  });
  afterAll(async () => {
    await server?.close();
    await ctx?.teardown();
  });

  const wardOf = (t: Target): string => (t.startsWith('B') && t !== 'BinA' ? w().ward.B : w().ward.A);
  const groupOf = (t: Target): string => (t.endsWith('2') ? 'g2' : t === 'Ax' ? 'no-such-group' : 'g1');
  const ownWard = (who: Who): string => {
    const actor = who === 'none' ? undefined : w().actors[who];
    return actor?.ward === 'B' ? w().ward.B : w().ward.A;
  };

  /** A fresh session of the same kind (sign-out and password change would spend the shared one). */
  async function freshSession(who: Who): Promise<{ token?: string; password: string }> {
    if (who === 'none') return { password: PASSWORD };
    const actor = w().actors[who];
    if (who === 'admin') {
      const username = `admin-m-${serial++}-${Date.now()}`;
      const res = await ctx!.store.createAccount(
        {
          id: newId(),
          role: 'admin',
          wardCode: null,
          fullName: 'Quản trị',
          username,
          passwordHash: await hashPassword(PASSWORD),
        },
        new Date(),
      );
      if (res === 'username_taken') throw new Error('clash');
      return { token: await login(username, PASSWORD), password: PASSWORD };
    }
    if (who === 'officerA' || who === 'officerB') {
      const ward = ownWard(who);
      const username = `canbo-m-${serial++}-${ward}`;
      const res = await inject({
        method: 'POST',
        url: `/v1/wards/${ward}/officers`,
        headers: authHeaders(actor.token),
        payload: { fullName: 'Cán bộ Mới', username, password: PASSWORD },
      });
      if (res.statusCode !== 201) throw new Error(`officer: ${res.body}`);
      return { token: await login(username, PASSWORD), password: PASSWORD };
    }
    return { token: actor.token, password: PASSWORD };
  }

  async function request(endpoint: string, who: Who, target: Target): Promise<InjectOptions> {
    const actor = who === 'none' ? undefined : w().actors[who];
    let token = actor?.token;
    const A = w().ward.A;
    const B = w().ward.B;
    const targetWard = target === 'A' || target === 'BinA' ? A : target === 'B' ? B : wardOf(target);
    let payload: object | undefined;
    let url: string;
    let method: 'GET' | 'POST' = 'POST';
    switch (endpoint) {
      case 'GET /v1/auth/me':
        [method, url] = ['GET', '/v1/auth/me'];
        break;
      case 'POST /v1/auth/logout':
        token = (await freshSession(who)).token;
        url = '/v1/auth/logout';
        break;
      case 'POST /v1/auth/password': {
        const fresh = await freshSession(who);
        token = fresh.token;
        url = '/v1/auth/password';
        payload = { currentPassword: fresh.password, newPassword: 'mat-khau-moi-2026' };
        break;
      }
      case 'POST /v1/auth/device/erased': {
        url = '/v1/auth/device/erased';
        payload = { unsyncedCount: 0 };
        const actor = who === 'none' ? undefined : w().actors[who];
        if (actor && 'groups' in actor) {
          const officer = actor.ward === 'A' ? w().actors.officerA : w().actors.officerB;
          const d = await enrollDevice(server!, officer.token, ownWard(who), {
            role: who.startsWith('leader') ? 'leader' : 'volunteer',
            groupIds: ['g1'],
          });
          token = d.deviceToken;
        }
        break;
      }
      case 'GET /v1/wards':
        [method, url] = ['GET', '/v1/wards'];
        break;
      case 'GET /v1/admin/wards':
        [method, url] = ['GET', '/v1/admin/wards'];
        break;
      case 'POST /v1/admin/wards': {
        const code = nextWardCode();
        url = '/v1/admin/wards';
        payload = {
          ward: { code, name: `Phường mới ${code}`, provinceCode: '01' },
          groups: [{ id: 'g1', name: 'Tổ 1', kind: 'thon' }],
          officer: { fullName: 'Cán bộ Mới', username: `canbo-new-${code}`, password: PASSWORD },
        };
        break;
      }
      case 'GET /v1/wards/:w/people':
        [method, url] = ['GET', `/v1/wards/${targetWard}/people`];
        break;
      case 'POST /v1/wards/:w/invitations':
        url = `/v1/wards/${targetWard}/invitations`;
        payload = { fullName: 'Người Được Mời', role: 'volunteer', groupIds: [groupOf(target)] };
        break;
      case 'POST /v1/wards/:w/people/:id/invitations': {
        const person = target === 'A' ? w().actors.volunteerA1 : w().actors.volunteerB1;
        url = `/v1/wards/${targetWard}/people/${person.accountId}/invitations`;
        break;
      }
      case 'POST /v1/wards/:w/people/:id/groups': {
        const personWard = target === 'A' ? A : B;
        const officer = target === 'A' ? w().actors.officerA : w().actors.officerB;
        const invited = await inject({
          method: 'POST',
          url: `/v1/wards/${personWard}/invitations`,
          headers: authHeaders(officer.token),
          payload: { fullName: 'Người Đổi Tổ', role: 'volunteer', groupIds: ['g1'] },
        });
        if (invited.statusCode !== 201) throw new Error(`invite: ${invited.body}`);
        const personId = (invited.json() as { person: { id: string } }).person.id;
        url = `/v1/wards/${targetWard}/people/${personId}/groups`;
        payload = { groupIds: ['g1', 'g2'] };
        break;
      }
      case 'POST /v1/wards/:w/officers':
        url = `/v1/wards/${targetWard}/officers`;
        payload = {
          fullName: 'Cán bộ Thêm',
          username: `canbo-x-${serial++}-${targetWard}`,
          password: PASSWORD,
        };
        break;
      case 'POST /v1/wards/:w/devices/:id/revoke': {
        // A throw-away phone of the device's ward (the one in the path, except for BinA).
        const deviceWard = target === 'A' ? A : B;
        const officer = target === 'A' ? w().actors.officerA : w().actors.officerB;
        const d = await enrollDevice(server!, officer.token, deviceWard, {
          role: 'volunteer',
          groupIds: ['g1'],
        });
        url = `/v1/wards/${targetWard}/devices/${d.deviceId}/revoke`;
        payload = { mode: 'retire' };
        break;
      }
      case 'POST /v1/wards/:w/unsynced-import':
        url = `/v1/wards/${targetWard}/unsynced-import`;
        payload = {
          format: UNSYNCED_EXPORT_FORMAT,
          version: UNSYNCED_EXPORT_VERSION,
          wardCode: targetWard,
          deviceId: null,
          account: null,
          appVersion: 'test',
          exportedAt: new Date().toISOString(),
          records: [{ collection: 'residents', doc: MAKE_DOC.residents(targetWard, 'g1') }],
        };
        break;
      case 'GET /v1/wards/:w/quarantine':
        [method, url] = ['GET', `/v1/wards/${targetWard}/quarantine`];
        break;
      case 'GET /v1/wards/:w/group-load':
        [method, url] = ['GET', `/v1/wards/${targetWard}/group-load`];
        break;
      case 'GET /v1/wards/:w/privacy/residents':
        [method, url] = ['GET', `/v1/wards/${targetWard}/privacy/residents?q=hoa`];
        break;
      case 'GET /v1/wards/:w/privacy/withdrawn':
        [method, url] = ['GET', `/v1/wards/${targetWard}/privacy/withdrawn`];
        break;
      case 'GET /v1/wards/:w/subject-requests':
        [method, url] = ['GET', `/v1/wards/${targetWard}/subject-requests`];
        break;
      case 'GET /v1/wards/:w/audit':
        [method, url] = ['GET', `/v1/wards/${targetWard}/audit`];
        break;
      case 'GET /v1/wards/:w/audit.csv':
        [method, url] = ['GET', `/v1/wards/${targetWard}/audit.csv`];
        break;
      case 'POST /v1/wards/:w/residents/:id/access': {
        const record = target === 'A' ? w().docs.residents.A1 : w().docs.residents.B1;
        url = `/v1/wards/${targetWard}/residents/${String(record['id'])}/access`;
        payload = {};
        break;
      }
      case 'GET /v1/wards/:w/records/:c/:id/history': {
        const record = target === 'A' ? w().docs.residents.A1 : w().docs.residents.B1;
        [method, url] = ['GET', `/v1/wards/${targetWard}/records/residents/${String(record['id'])}/history`];
        break;
      }
      case 'GET /v1/sync/residents/pull':
      case 'GET /v1/sync/sessions/pull':
      case 'GET /v1/sync/completions/pull':
      case 'GET /v1/sync/groups/pull': {
        const collection = collectionOf(endpoint);
        [method, url] = ['GET', `/v1/sync/${collection}/pull?wardCode=${targetWard}&seq=0&limit=1000`];
        break;
      }
      case 'POST /v1/sync/residents/push':
      case 'POST /v1/sync/sessions/push':
      case 'POST /v1/sync/completions/push': {
        const collection = collectionOf(endpoint) as PushableCollection;
        const doc = MAKE_DOC[collection](wardOf(target), groupOf(target));
        url = `/v1/sync/${collection}/push?wardCode=${ownWard(who)}`;
        payload = { rows: [{ newDocumentState: doc }] };
        break;
      }
      case 'POST /v1/sync/residents/push?wardCode=:w':
      case 'POST /v1/sync/sessions/push?wardCode=:w':
      case 'POST /v1/sync/completions/push?wardCode=:w': {
        const collection = collectionOf(endpoint) as PushableCollection;
        const group = actorGroups(who)[0] ?? 'g1';
        url = `/v1/sync/${collection}/push?wardCode=${targetWard}`;
        payload = { rows: [{ newDocumentState: MAKE_DOC[collection](ownWard(who), group) }] };
        break;
      }
      case 'POST /v1/sync/groups/push':
        url = `/v1/sync/groups/push?wardCode=${targetWard}`;
        payload = { rows: [] };
        break;
      case 'GET /v1/sync/ward-settings':
        [method, url] = ['GET', `/v1/sync/ward-settings?wardCode=${targetWard}`];
        break;
      case 'GET /v1/sync/events':
        [method, url] = ['GET', `/v1/sync/events?wardCode=${targetWard}`];
        break;
      default:
        throw new Error(`no request for ${endpoint}`);
    }
    return {
      method,
      url,
      headers: token === undefined ? PROTOCOL_HEADERS : authHeaders(token),
      ...(payload === undefined ? {} : { payload }),
    };
  }

  const actorGroups = (who: Who): string[] => (who === 'none' ? [] : (w().actors[who].groups ?? []));

  /** Pulled rows: all in the caller's ward and (leaders, volunteers) groups, fixture rows complete. */
  function checkPull(endpoint: string, who: Who, res: LightMyRequestResponse): void {
    const docs = (res.json() as { documents: PlainDoc[] }).documents;
    const ward = ownWard(who);
    const groups = w().actors[who as Actor].groups;
    const inScope = (groupId: unknown) => groups === undefined || groups.includes(String(groupId));
    const collection = collectionOf(endpoint);
    if (collection !== 'groups') {
      for (const doc of docs) {
        expect(doc['wardCode']).toBe(ward);
        expect(inScope(doc['groupId'])).toBe(true);
      }
      const ids = new Set(docs.map((d) => d['id']));
      for (const [target, fixture] of Object.entries(w().docs[collection])) {
        const visible = fixture['wardCode'] === ward && inScope(fixture['groupId']);
        expect([target, ids.has(fixture['id'])]).toEqual([target, visible]);
      }
    } else {
      expect(docs.map((d) => [d['wardCode'], d['id']])).toEqual(
        (groups ?? ['g1', 'g2']).map((g) => [ward, g]),
      );
    }
  }

  async function checkPush(
    expected: 'stored' | 'quarantined',
    collection: PushableCollection,
    options: InjectOptions,
    res: LightMyRequestResponse,
  ) {
    const doc = (options.payload as { rows: { newDocumentState: PlainDoc }[] }).rows[0]!.newDocumentState;
    const body = res.json() as { conflicts: unknown[]; quarantined: { id: string; code: string }[] };
    expect(body.conflicts).toEqual([]);
    expect(body.quarantined).toEqual(
      expected === 'stored' ? [] : [{ id: doc['id'], code: 'out_of_scope', message: expect.any(String) }],
    );
    const ward = String(doc['wardCode']);
    const officer = ward === w().ward.A ? w().actors.officerA : w().actors.officerB;
    const held = await server!.pull(collection, ward, 0, 1000, officer.token);
    expect(held.documents.some((d) => d['id'] === doc['id'])).toBe(expected === 'stored');
  }

  for (const row of MATRIX) {
    describe(row.endpoint, () => {
      const cells = (Object.keys(WHO) as Who[]).flatMap((who) =>
        row.targets.map((target, i) => {
          const expected = row.expect[who][i]!;
          const where = target === '-' ? '' : ` for ${TARGETS[target]}`;
          const outcome =
            typeof expected === 'number'
              ? `answers ${expected}`
              : `answers 200 with the document ${expected}`;
          return { who, target, expected, name: `${WHO[who]}${where} ${outcome}` };
        }),
      );
      for (const { who, target, expected, name } of cells) {
        test(name, async () => {
          const options = await request(row.endpoint, who, target);
          const streaming = row.endpoint === 'GET /v1/sync/events';
          const res = streaming ? await injectStream(options) : await inject(options);
          const status = typeof expected === 'number' ? expected : 200;
          expect({ cell: name, status: res.statusCode }, res.body.slice(0, 300)).toEqual({
            cell: name,
            status,
          });
          if (status >= 400) {
            expect(res.json()).toEqual({ error: { code: ERROR_OF[status], message: expect.any(String) } });
          }
          if (status === 200 && row.endpoint.includes('/pull')) checkPull(row.endpoint, who, res);
          if (expected === 'stored' || expected === 'quarantined') {
            await checkPush(expected, collectionOf(row.endpoint) as PushableCollection, options, res);
          }
          if (streaming && status === 200) {
            expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
            expect(res.body).toMatch(/^: connected\n\n/);
          }
          if (row.endpoint === 'POST /v1/wards/:w/people/:id/groups') {
            const personId = /\/people\/([^/]+)\/groups$/.exec(String(options.url))![1]!;
            const groups = (await ctx!.store.getAccount(personId))?.groupIds;
            expect(groups).toEqual(status === 200 ? ['g1', 'g2'] : ['g1']);
          }
          if (row.endpoint === 'GET /v1/sync/ward-settings' && status === 200) {
            expect(wardSettingsResponseSchema.parse(res.json()).wardCode).toBe(ownWard(who));
          }
          if (row.endpoint === 'GET /v1/wards' && status === 200) {
            const codes = (res.json() as { wards: { code: string }[] }).wards.map((x) => x.code);
            if (who === 'admin') expect(codes).toEqual(expect.arrayContaining([w().ward.A, w().ward.B]));
            else expect(codes).toEqual([ownWard(who)]);
          }
        });
      }
    });
  }
}
