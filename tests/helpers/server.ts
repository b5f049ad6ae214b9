// Helpers for server tests: open a migrated store (in-memory PGlite, or a throw-away schema on real
// PostgreSQL), seed uniquely-coded wards so tests in one file share a store, make principals (admin,
// officer, enrolled device), and drive the HTTP API.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import pg from 'pg';
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  enrollResponseSchema,
  invitationResponseSchema,
  newId,
  pullResponseSchema,
  pushResponseSchema,
  type PlainDoc,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type PushableCollection,
  type SyncCollection,
  type ErrorCode,
  type FieldRole,
} from '../../src/shared';
import { createServer, type ServerOptions } from '../../src/server/app';
import { DEFAULT_AUTH_OPTIONS } from '../../src/server/auth/options';
import { hashToken, newToken } from '../../src/server/auth/tokens';
import {
  openPgliteStore,
  openPostgresStore,
  seedWard,
  seedDemo,
  DEMO_WARD,
  type SqlStore,
  type Store,
  type StoreTestOptions,
} from '../../src/server/store';

export const PROTOCOL_HEADERS = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };

/** Real PostgreSQL for *.pg.test.ts files; those files are skipped when it is unset. */
export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'];

/** A migrated in-memory PGlite store. initdb takes seconds: open one per test file (beforeAll). */
export async function openTestStore(test?: StoreTestOptions): Promise<SqlStore> {
  const store = await openPgliteStore(test ? { test } : {});
  await store.migrate();
  return store;
}

export interface PgTestDatabase {
  /** Connection string whose search_path is the fresh schema. */
  url: string;
  schema: string;
  /** Opens a store on the schema (migrated unless migrate: false); closed by drop(). */
  open(options?: { test?: StoreTestOptions; migrate?: boolean }): Promise<SqlStore>;
  /** Closes every store opened here and drops the schema. */
  drop(): Promise<void>;
}

/** A fresh schema on TEST_DATABASE_URL, so concurrent runs never see each other's rows. */
export async function createPgTestDatabase(baseUrl: string): Promise<PgTestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `create schema ${schema}`);
  const separator = baseUrl.includes('?') ? '&' : '?';
  const url = `${baseUrl}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const stores: SqlStore[] = [];
  return {
    url,
    schema,
    async open(options = {}) {
      const store = await openPostgresStore({ url, ...(options.test ? { test: options.test } : {}) });
      stores.push(store);
      if (options.migrate !== false) await store.migrate();
      return store;
    },
    async drop() {
      await Promise.all(stores.map((s) => s.close()));
      await adminQuery(baseUrl, `drop schema ${schema} cascade`);
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let wardCounter = 10000 + Math.floor(Math.random() * 80000);

/** A ward code no other test of this run uses. */
export function nextWardCode(): string {
  return String(wardCounter++ % 100000).padStart(5, '0');
}

/** Registers a new ward with a unique code and the given groups; returns its code. */
export async function seedTestWard(
  store: SqlStore,
  groupIds: readonly string[] = ['g1', 'g2'],
): Promise<string> {
  const code = nextWardCode();
  await seedWard(
    store,
    { code, name: `Phường thử ${code}`, provinceCode: '01' },
    groupIds.map((id) => ({ id, wardCode: code, name: `Tổ ${id}`, kind: 'to_dan_pho' as const })),
  );
  return code;
}

/** A valid resident document as a device pushes it (with _deleted). */
export function makeResident(wardCode: string, groupId = 'g1', overrides: PlainDoc = {}): PlainDoc {
  return {
    id: newId(),
    wardCode,
    groupId,
    fullName: 'Nguyễn Thị Hoa',
    birthYear: 1980,
    sex: 'female',
    consents: [
      {
        purpose: 'registration',
        askedBy: 'Trần Văn Tư',
        date: '2026-01-02',
        method: 'verbal',
        wordingVersion: 'v1',
      },
    ],
    createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:05.000Z',
    _deleted: false,
    ...overrides,
  };
}

/** A valid training session document as a device pushes it (with _deleted). */
export function makeSession(wardCode: string, groupId = 'g1', overrides: PlainDoc = {}): PlainDoc {
  return {
    id: newId(),
    wardCode,
    groupId,
    date: '2026-01-05',
    place: 'Nhà văn hoá tổ 1',
    format: 'class',
    skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
    trainers: ['Trần Văn Tư'],
    attendeeIds: [newId()],
    createdAt: '2026-01-05T02:00:00.000Z',
    updatedAt: '2026-01-05T02:00:00.000Z',
    _deleted: false,
    ...overrides,
  };
}

/** A valid completion document (a VNeID confirmation) as a device pushes it (with _deleted). */
export function makeCompletion(wardCode: string, groupId = 'g1', overrides: PlainDoc = {}): PlainDoc {
  return {
    id: newId(),
    wardCode,
    groupId,
    residentId: newId(),
    kind: 'vneid',
    date: '2026-01-06',
    vneid: {
      channel: 'vneid_app',
      courseName: 'Phổ cập kiến thức, kỹ năng số cơ bản',
      issuer: 'Bộ Khoa học và Công nghệ',
    },
    recordedBy: 'Trần Văn Tư',
    createdAt: '2026-01-06T02:00:00.000Z',
    updatedAt: '2026-01-06T02:00:00.000Z',
    _deleted: false,
    ...overrides,
  };
}

/** The maker of a valid document for each pushable collection. */
export const MAKE_DOC: Record<
  PushableCollection,
  (wardCode: string, groupId?: string, overrides?: PlainDoc) => PlainDoc
> = { residents: makeResident, sessions: makeSession, completions: makeCompletion };

export interface TestServer {
  app: FastifyInstance;
  /**
   * GET pull; throws unless 200. Without a token, as an officer of the ward (made on first use), so
   * the sync rules can be tested on any ward.
   */
  pull(
    collection: SyncCollection,
    wardCode: string,
    seq: number,
    limit?: number,
    token?: string,
  ): Promise<PullResponse>;
  /** POST push; throws unless 200. Without a token, as an officer of the ward. */
  push(
    wardCode: string,
    rows: readonly PushRow[],
    collection?: SyncCollection,
    token?: string,
  ): Promise<PushResponse>;
  /** An officer's session token for the ward, made on first use and reused. */
  officerToken(wardCode: string): Promise<string>;
  close(): Promise<void>;
}

/** Headers of an authenticated API call (protocol header included, as the app always sends it). */
export function authHeaders(token: string): Record<string, string> {
  return { ...PROTOCOL_HEADERS, authorization: `Bearer ${token}` };
}

/**
 * The real server over app.inject (no port). Closing it does not close the store. Per-IP rate limits
 * are raised (every injected request comes from one address) unless options.auth sets them.
 */
export async function startTestServer(
  options: Omit<ServerOptions, 'store'> & { store: SqlStore },
): Promise<TestServer> {
  const app = createServer({ ...options, auth: { rateLimitMax: 100_000, ...options.auth } });
  await app.ready();
  const officers = new Map<string, Promise<string>>();
  const officerToken = (wardCode: string) => {
    let token = officers.get(wardCode);
    if (token === undefined) {
      token = createOfficer(options.store, wardCode).then((o) => o.token);
      officers.set(wardCode, token);
    }
    return token;
  };
  return {
    app,
    officerToken,
    async pull(collection, wardCode, seq, limit, token) {
      const query: Record<string, string> = { wardCode, seq: String(seq) };
      if (limit !== undefined) query['limit'] = String(limit);
      const res = await app.inject({
        method: 'GET',
        url: `/v1/sync/${collection}/pull`,
        query,
        headers: authHeaders(token ?? (await officerToken(wardCode))),
      });
      if (res.statusCode !== 200) throw new Error(`pull answered ${res.statusCode}: ${res.body}`);
      return pullResponseSchema.parse(res.json());
    },
    async push(wardCode, rows, collection = 'residents', token) {
      const res = await app.inject({
        method: 'POST',
        url: `/v1/sync/${collection}/push`,
        query: { wardCode },
        headers: authHeaders(token ?? (await officerToken(wardCode))),
        payload: { rows },
      });
      if (res.statusCode !== 200) throw new Error(`push answered ${res.statusCode}: ${res.body}`);
      return pushResponseSchema.parse(res.json());
    },
    close: () => app.close(),
  };
}

/** A session token made directly in the store (no password, no HTTP): for tests only. */
async function sessionFor(store: Store, accountId: string): Promise<string> {
  const token = newToken();
  const now = new Date();
  await store.createSession(
    hashToken(token),
    accountId,
    now,
    new Date(now.getTime() + DEFAULT_AUTH_OPTIONS.sessionTtlMs),
  );
  return token;
}

/** A new ward officer (no password) with a live session. */
export async function createOfficer(
  store: Store,
  wardCode: string,
): Promise<{ token: string; accountId: string; username: string }> {
  const username = `officer-${randomBytes(5).toString('hex')}`;
  const account = await store.createAccount(
    { id: newId(), role: 'officer', wardCode, fullName: `Cán bộ ${wardCode}`, username },
    new Date(),
  );
  if (account === 'username_taken') throw new Error('username clash');
  return { token: await sessionFor(store, account.id), accountId: account.id, username };
}

/** A new administrator (no password, no pending password change) with a live session. */
export async function createAdmin(store: Store): Promise<{ token: string; accountId: string }> {
  const username = `admin-${randomBytes(5).toString('hex')}`;
  const account = await store.createAccount(
    { id: newId(), role: 'admin', wardCode: null, fullName: 'Quản trị thử', username },
    new Date(),
  );
  if (account === 'username_taken') throw new Error('username clash');
  return { token: await sessionFor(store, account.id), accountId: account.id };
}

export interface EnrolledDevice {
  deviceToken: string;
  deviceId: string;
  accountId: string;
}

/**
 * Invites a person (as the officer) and enrols a device with the code, through the real endpoints.
 * `target` is the app or a TestServer.
 */
export async function enrollDevice(
  target: FastifyInstance | TestServer,
  officerToken: string,
  wardCode: string,
  person: { role: FieldRole; groupIds: string[]; fullName?: string; appVersion?: string },
): Promise<EnrolledDevice> {
  const app = 'officerToken' in target ? target.app : target;
  const invited = await app.inject({
    method: 'POST',
    url: `/v1/wards/${wardCode}/invitations`,
    headers: authHeaders(officerToken),
    payload: {
      fullName: person.fullName ?? (person.role === 'leader' ? 'Tổ trưởng Thử' : 'Tình nguyện viên Thử'),
      role: person.role,
      groupIds: person.groupIds,
    },
  });
  if (invited.statusCode !== 201)
    throw new Error(`invitation answered ${invited.statusCode}: ${invited.body}`);
  const { code } = invitationResponseSchema.parse(invited.json());
  const enrolled = await app.inject({
    method: 'POST',
    url: '/v1/auth/enroll',
    headers: PROTOCOL_HEADERS,
    payload: { code, appVersion: person.appVersion ?? 'test-1.0.0' },
  });
  if (enrolled.statusCode !== 201)
    throw new Error(`enroll answered ${enrolled.statusCode}: ${enrolled.body}`);
  const body = enrollResponseSchema.parse(enrolled.json());
  return { deviceToken: body.deviceToken, deviceId: body.deviceId, accountId: body.account.id };
}

/** Pulls a ward's collection from seq 0 to the end, page by page. */
export async function pullAll(
  server: TestServer,
  collection: SyncCollection,
  wardCode: string,
  limit = 1000,
) {
  const documents: PlainDoc[] = [];
  let seq = 0;
  for (;;) {
    const page = await server.pull(collection, wardCode, seq, limit);
    documents.push(...page.documents);
    if (page.documents.length === 0) return { documents, checkpoint: seq };
    seq = page.checkpoint.seq;
  }
}

/** Asserts the one failure shape: this status, and a body of exactly { error: { code, message } }. */
export function expectErrorResponse(res: LightMyRequestResponse, status: number, code: ErrorCode): void {
  expect({ status: res.statusCode, body: res.json() }).toEqual({
    status,
    body: { error: { code, message: expect.any(String) } },
  });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
}

export interface DemoServer {
  store: SqlStore;
  server: TestServer;
  /** Headers of the demo ward's officer. */
  officer: Record<string, string>;
  close(): Promise<void>;
}

/** An in-memory store seeded like a first start (the demo ward and its officer), served in-process. */
export async function startDemoServer(): Promise<DemoServer> {
  const store = await openTestStore();
  await seedDemo(store);
  const server = await startTestServer({ store });
  const officer = authHeaders(await server.officerToken(DEMO_WARD.code));
  return {
    store,
    server,
    officer,
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}
