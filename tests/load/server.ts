// The real server for the load run, in-process on loopback: createServer over a fresh store (in-memory
// PGlite, or a throw-away schema on PostgreSQL), one ward with its residential groups and an officer.
// Real auth configuration, except the per-IP rate limit: every simulated device comes from 127.0.0.1.
import { createServer } from '../../src/server/app';
import { seedWard, type SqlStore } from '../../src/server/store';
import type { ResidentialGroup } from '../../src/shared';
import { createOfficer, createPgTestDatabase, openTestStore } from '../helpers/server';

/** Enrollments per IP and minute (production: 10): all the devices share the loopback address. */
export const LOOPBACK_RATE_LIMIT = 1_000_000;

export const LOAD_WARD = { code: '79999', name: 'Phường Tải Thử', provinceCode: '79' };

export interface LoadServer {
  url: string;
  engine: 'PGlite' | 'PostgreSQL';
  wardCode: string;
  groupIds: string[];
  officerToken: string;
  /** Milliseconds from the server reading each request to its answer sent, since the last reset. */
  handled: number[];
  close(): Promise<void>;
}

export async function startLoadServer(options: { pgUrl?: string; groups: number }): Promise<LoadServer> {
  const pg = options.pgUrl === undefined ? null : await createPgTestDatabase(options.pgUrl);
  let store: SqlStore | undefined;
  try {
    store = pg ? await pg.open() : await openTestStore();
    const groups: ResidentialGroup[] = Array.from({ length: options.groups }, (_, i) => ({
      id: `to-${String(i + 1).padStart(2, '0')}`,
      wardCode: LOAD_WARD.code,
      name: `Tổ dân phố ${i + 1}`,
      kind: 'to_dan_pho',
    }));
    await seedWard(store, LOAD_WARD, groups);
    const officer = await createOfficer(store, LOAD_WARD.code);
    const app = createServer({ store, auth: { rateLimitMax: LOOPBACK_RATE_LIMIT } });
    const handled: number[] = [];
    app.addHook('onResponse', async (_request, reply) => {
      handled.push(reply.elapsedTime);
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const opened = store;
    return {
      url,
      engine: pg ? 'PostgreSQL' : 'PGlite',
      wardCode: LOAD_WARD.code,
      groupIds: groups.map((g) => g.id),
      officerToken: officer.token,
      handled,
      async close() {
        try {
          await app.close();
        } finally {
          if (pg) await pg.drop();
          else await opened.close();
        }
      },
    };
  } catch (err) {
    if (pg) await pg.drop();
    else await store?.close();
    throw err;
  }
}
