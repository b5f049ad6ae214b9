// Helpers for server tests: open a migrated store (in-memory PGlite, or a throw-away schema on real
// PostgreSQL), seed uniquely-coded wards so tests in one file share a store, and drive the HTTP API.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import pg from 'pg';
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  newId,
  pullResponseSchema,
  pushResponseSchema,
  type PlainDoc,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncCollection,
  type ErrorCode,
} from '../../src/shared';
import { createServer } from '../../src/server/app';
import {
  openPgliteStore,
  openPostgresStore,
  seedWard,
  type SqlStore,
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

/** Registers a new ward with a unique code and the given groups; returns its code. */
export async function seedTestWard(
  store: SqlStore,
  groupIds: readonly string[] = ['g1', 'g2'],
): Promise<string> {
  const code = String(wardCounter++ % 100000).padStart(5, '0');
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
    createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:05.000Z',
    _deleted: false,
    ...overrides,
  };
}

export interface TestServer {
  app: FastifyInstance;
  /** GET pull; throws unless 200. */
  pull(collection: SyncCollection, wardCode: string, seq: number, limit?: number): Promise<PullResponse>;
  /** POST push; throws unless 200. */
  push(wardCode: string, rows: readonly PushRow[], collection?: SyncCollection): Promise<PushResponse>;
  close(): Promise<void>;
}

/** The real server over app.inject (no port). Closing it does not close the store. */
export async function startTestServer(options: { store: SqlStore; staticDir?: string }): Promise<TestServer> {
  const app = createServer(options);
  await app.ready();
  return {
    app,
    async pull(collection, wardCode, seq, limit) {
      const query: Record<string, string> = { wardCode, seq: String(seq) };
      if (limit !== undefined) query['limit'] = String(limit);
      const res = await app.inject({
        method: 'GET',
        url: `/v1/sync/${collection}/pull`,
        query,
        headers: PROTOCOL_HEADERS,
      });
      if (res.statusCode !== 200) throw new Error(`pull answered ${res.statusCode}: ${res.body}`);
      return pullResponseSchema.parse(res.json());
    },
    async push(wardCode, rows, collection = 'residents') {
      const res = await app.inject({
        method: 'POST',
        url: `/v1/sync/${collection}/push`,
        query: { wardCode },
        headers: PROTOCOL_HEADERS,
        payload: { rows },
      });
      if (res.statusCode !== 200) throw new Error(`push answered ${res.statusCode}: ${res.body}`);
      return pushResponseSchema.parse(res.json());
    },
    close: () => app.close(),
  };
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
