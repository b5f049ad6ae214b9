// The ward server as B4 and B5 measure it: the real createServer (helmet, compression, auth hooks,
// audit) listening on loopback, over PostgreSQL in a throw-away schema (or an in-memory PGlite), with one
// ward of five groups and an enrolled volunteer's device holding all of them. Rate limits raised only.
import type { FastifyServerOptions } from 'fastify';
import { createServer } from '../../../src/server/app';
import { seedWard, type SqlStore } from '../../../src/server/store';
import type { ResidentialGroup } from '../../../src/shared';
import {
  createOfficer,
  createPgTestDatabase,
  enrollDevice,
  openTestStore,
  type PgTestDatabase,
} from '../../helpers/server';

export interface BenchServer {
  url: string;
  store: SqlStore;
  /** 'PostgreSQL' or 'PGlite'. */
  engine: string;
  /** The throw-away schema's connection string (PostgreSQL only). */
  schemaUrl: string | undefined;
  wardCode: string;
  groupIds: string[];
  deviceToken: string;
  close(): Promise<void>;
}

const WARD = { code: '77001', name: 'Phường Đo Tải', provinceCode: '79' };
const GROUPS: ResidentialGroup[] = [1, 2, 3, 4, 5].map((n) => ({
  id: `tdp-0${n}`,
  wardCode: WARD.code,
  name: `Tổ dân phố ${n}`,
  kind: 'to_dan_pho',
}));

export async function startBenchServer(
  pgUrl: string | undefined,
  logger: FastifyServerOptions['logger'] = false,
): Promise<BenchServer> {
  let database: PgTestDatabase | undefined;
  let store: SqlStore | undefined;
  let app: ReturnType<typeof createServer> | undefined;
  const close = async () => {
    await app?.close();
    if (database) await database.drop();
    else await store?.close();
  };
  try {
    database = pgUrl ? await createPgTestDatabase(pgUrl) : undefined;
    store = database ? await database.open() : await openTestStore();
    await seedWard(store, WARD, GROUPS);
    app = createServer({ store, logger, auth: { rateLimitMax: 1_000_000_000 } });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const officer = await createOfficer(store, WARD.code);
    const groupIds = GROUPS.map((g) => g.id);
    const device = await enrollDevice(app, officer.token, WARD.code, { role: 'volunteer', groupIds });
    return {
      url,
      store,
      engine: database ? 'PostgreSQL' : 'PGlite',
      schemaUrl: database?.url,
      wardCode: WARD.code,
      groupIds,
      deviceToken: device.deviceToken,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
