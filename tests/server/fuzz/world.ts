// The fuzzing suite's world, built through the real API on in-memory PGlite: an administrator, a ward
// with residential groups (created by the administrator) and its officer (signed in with a password),
// a leader and a volunteer with enrolled phones, the ward's records (world-seed.ts), and another ward's
// officer (the wrong principal). It keeps the principals' tokens and the pools of real ids. Principals
// that a fuzzed request ends (sign-out, an erase report, a revoked device) are renewed: a new session or
// a new phone.
import { hashToken, newToken } from '../../../src/server/auth/tokens';
import type { SqlStore } from '../../../src/server/store';
import {
  authHeaders,
  createAdmin,
  createOfficer,
  enrollDevice,
  nextWardCode,
  openTestStore,
  PROTOCOL_HEADERS,
  seedTestWard,
  startTestServer,
  type TestServer,
} from '../../helpers/server';
import { expectStatus, seedWardRecords, WORLD_GROUPS } from './world-seed';

export const PRINCIPALS = [
  'none',
  'admin',
  'officer',
  'leader',
  'volunteer',
  'otherOfficer',
  'bogus',
] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];

/** The pools path parameters and bodies draw real ids from. */
export interface IdPools {
  groups: string[];
  residents: string[];
  sessions: string[];
  completions: string[];
  accounts: string[];
  devices: string[];
  merges: string[];
  periods: string[];
  /** Unused invitation codes of the ward (enrolment consumes them). */
  invitationCodes: string[];
}

export interface World {
  store: SqlStore;
  server: TestServer;
  ward: string;
  otherWard: string;
  provinceCode: string;
  officerUsername: string;
  officerPassword: string;
  ids: IdPools;
  /** Residents' full names by id, as stored (an erasure asks for the name). */
  names: Map<string, string>;
  /** Request headers of a principal (protocol header included, as the app sends it). */
  headers(name: PrincipalName): Record<string, string>;
  /** Replaces a standing principal whose token a fuzzed request ended (checked with /v1/auth/me). */
  renewIfEnded(name: PrincipalName): Promise<boolean>;
  /** The error the server logged since the last call (what a 5xx hides from its answer), if any. */
  takeServerError(): string | undefined;
  /** Re-reads the id pools from the store (groups split, merged, records added). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

const OFFICER_PASSWORD = 'mật-khẩu-đủ-dài-1';
const SESSION_TTL_MS = 12 * 3600_000;

export async function buildWorld(): Promise<World> {
  const store = await openTestStore();
  // The server's own error log: a 5xx answer says only "internal", the log says why.
  const serverErrors: string[] = [];
  const logger = { level: 'error', stream: { write: (line: string) => void serverErrors.push(line) } };
  const server = await startTestServer({ store, logger });
  const { app } = server;
  const admin = await createAdmin(store);
  const ward = nextWardCode();
  const provinceCode = '01';
  const officerUsername = `can-bo-${ward}`;
  const created = await app.inject({
    method: 'POST',
    url: '/v1/admin/wards',
    headers: authHeaders(admin.token),
    payload: {
      ward: { code: ward, name: `Phường Thử ${ward}`, provinceCode },
      groups: WORLD_GROUPS.map((id, i) => ({ id, name: `Tổ dân phố ${i + 1}`, kind: 'to_dan_pho' })),
      officer: { fullName: 'Lê Thị Cán Bộ', username: officerUsername, password: OFFICER_PASSWORD },
    },
  });
  expectStatus(created, 201, 'create ward');
  const login = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    headers: PROTOCOL_HEADERS,
    payload: { username: officerUsername, password: OFFICER_PASSWORD },
  });
  expectStatus(login, 200, 'officer sign-in');
  const officer = (login.json() as { token: string; account: { id: string } }).token;
  const officerId = (login.json() as { account: { id: string } }).account.id;

  const leader = await enrollDevice(server, officer, ward, {
    role: 'leader',
    groupIds: ['tdp-01', 'tdp-02'],
  });
  const volunteer = await enrollDevice(server, officer, ward, { role: 'volunteer', groupIds: ['tdp-01'] });
  const otherWard = await seedTestWard(store, ['g1', 'g2']);
  const other = await createOfficer(store, otherWard);

  const invitationCodes = await seedWardRecords(server, ward, officer, leader.deviceToken);

  const tokens: Record<Exclude<PrincipalName, 'none' | 'bogus'>, string> = {
    admin: admin.token,
    officer,
    leader: leader.deviceToken,
    volunteer: volunteer.deviceToken,
    otherOfficer: other.token,
  };
  const accounts: Record<string, string> = {
    admin: admin.accountId,
    officer: officerId,
    otherOfficer: other.accountId,
  };
  const ids: IdPools = {
    groups: [],
    residents: [],
    sessions: [],
    completions: [],
    accounts: [],
    devices: [],
    merges: [],
    periods: [],
    invitationCodes,
  };
  const names = new Map<string, string>();
  const sessionFor = async (accountId: string): Promise<string> => {
    const token = newToken();
    const now = new Date();
    await store.createSession(hashToken(token), accountId, now, new Date(now.getTime() + SESSION_TTL_MS));
    return token;
  };
  /** A new phone for a new leader or volunteer of the groups that still exist. */
  const enrol = async (role: 'leader' | 'volunteer') => {
    await world.renewIfEnded('officer');
    const wanted = role === 'leader' ? ['tdp-01', 'tdp-02'] : ['tdp-01'];
    const live = wanted.filter((g) => ids.groups.includes(g));
    const groupIds = live.length > 0 ? live : ids.groups.slice(0, 1);
    return enrollDevice(server, tokens.officer, ward, { role, groupIds });
  };

  const world: World = {
    store,
    server,
    ward,
    otherWard,
    provinceCode,
    officerUsername,
    officerPassword: OFFICER_PASSWORD,
    ids,
    names,
    headers(name) {
      if (name === 'none') return { ...PROTOCOL_HEADERS };
      if (name === 'bogus') return authHeaders(newToken());
      return authHeaders(tokens[name]);
    },
    async renewIfEnded(name) {
      if (name === 'none' || name === 'bogus') return false;
      const me = await app.inject({ method: 'GET', url: '/v1/auth/me', headers: authHeaders(tokens[name]) });
      if (me.statusCode === 200) return false;
      if (name === 'leader' || name === 'volunteer') tokens[name] = (await enrol(name)).deviceToken;
      else tokens[name] = await sessionFor(accounts[name] ?? officerId);
      return true;
    },
    takeServerError() {
      const last = serverErrors.at(-1);
      serverErrors.length = 0;
      if (last === undefined) return undefined;
      const { err } = JSON.parse(last) as { err?: { type?: string; message?: string; stack?: string } };
      return err === undefined
        ? last.slice(0, 500)
        : `${err.type ?? 'Error'}: ${err.message ?? ''} ${(err.stack ?? '').split('\n').slice(1, 4).join(' ')}`;
    },
    async refresh() {
      const list = async (sql: string, params: unknown[] = [ward]) =>
        (await store.db.query(sql, params)).map((row) => String(row['id']));
      ids.groups = await list('select id from groups where ward_code = $1 and not deleted order by id');
      const residentRows = await store.db.query(
        `select id, doc->>'fullName' as name from residents where ward_code = $1 order by seq`,
        [ward],
      );
      ids.residents = residentRows.map((row) => String(row['id']));
      names.clear();
      for (const row of residentRows)
        if (typeof row['name'] === 'string') names.set(String(row['id']), row['name']);
      ids.sessions = await list('select id from training_sessions where ward_code = $1 order by seq');
      ids.completions = await list('select id from completions where ward_code = $1 order by seq');
      ids.accounts = await list(
        "select id from accounts where ward_code = $1 and role in ('leader', 'volunteer') order by created_at",
      );
      ids.devices = await list(
        'select d.id from devices d join accounts a on a.id = d.account_id where a.ward_code = $1 order by d.enrolled_at',
      );
      ids.merges = await list('select id from resident_merges where ward_code = $1 order by id');
      ids.periods = await list('select id from period_closes where ward_code = $1 order by id');
    },
    async close() {
      await server.close();
      await store.close();
    },
  };
  await world.refresh();
  return world;
}
