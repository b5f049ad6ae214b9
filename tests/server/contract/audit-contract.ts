// The audit log (docs/privacy.md A1–A5), written once and run on both engines: audit-log.test.ts (PGlite)
// and audit-log.pg.test.ts (real PostgreSQL). The table and subject_requests refuse UPDATE and DELETE,
// the retention purge deletes only old entries; the officer's page and CSV; every hooked route writes
// its entry before it answers (and fails when it cannot); who may read the log; no resident name in it.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  UNSYNCED_EXPORT_FORMAT,
  auditPageSchema,
  type AuditAction,
  type AuditPage,
  type PlainDoc,
} from '../../../src/shared';
import { purgeOldAudit } from '../../../src/server/audit/retention';
import type { BootLog } from '../../../src/server/log';
import { vietnamToday } from '../../../src/server/ward/coverage';
import type { AuditWrite } from '../../../src/server/store';
import {
  PROTOCOL_HEADERS,
  authHeaders,
  createAdmin,
  createOfficer,
  enrollDevice,
  expectErrorResponse,
  makeCompletion,
  makeResident,
  nextWardCode,
  seedTestWard,
  startTestServer,
  type EnrolledDevice,
  type TestServer,
} from '../../helpers/server';
import type { ContractSetup } from './sync-contract';

const RETENTION_DAYS = 400;

type Officer = Awaited<ReturnType<typeof createOfficer>>;

/** Records a purge's log lines instead of printing them. */
function recordingLog(): BootLog & { lines: { level: string; msg: string; fields?: unknown }[] } {
  const lines: { level: string; msg: string; fields?: unknown }[] = [];
  return {
    lines,
    info: (msg, fields) => lines.push({ level: 'info', msg, fields }),
    error: (msg, fields) => lines.push({ level: 'error', msg, fields }),
  };
}

export function auditContract(setup: () => Promise<ContractSetup>): void {
  let ctx: ContractSetup | undefined;
  let server: TestServer | undefined;
  const store = () => ctx!.store;
  const srv = () => server!;

  beforeAll(async () => {
    ctx = await setup();
    server = await startTestServer({ store: ctx.store, auditRetentionDays: RETENTION_DAYS });
  });
  afterAll(async () => {
    await server?.close();
    await ctx?.teardown();
  });

  const inject = (options: InjectOptions) => srv().app.inject(options);
  const get = (url: string, token: string) => inject({ method: 'GET', url, headers: authHeaders(token) });

  async function page(ward: string, token: string, query = ''): Promise<AuditPage> {
    const res = await get(`/v1/wards/${ward}/audit${query}`, token);
    expect(res.statusCode, res.body).toBe(200);
    return auditPageSchema.parse(res.json());
  }

  /** Inserts entries at given instants (SQL: the store always writes now()). */
  async function insertAt(ward: string, rows: { at: string; subject: string }[]): Promise<void> {
    for (const row of rows) {
      await store().db.query(
        `insert into audit_log (ward_code, action, subject, at) values ($1, 'read.roster', $2, $3)`,
        [ward, row.subject, row.at],
      );
    }
  }

  describe('append-only', () => {
    test('UPDATE and DELETE on audit_log are refused, also inside the purge transaction for UPDATE', async () => {
      const ward = await seedTestWard(store());
      await store().appendAudit([
        { wardCode: ward, actorId: null, deviceId: null, action: 'read.audit', subject: 'x' },
      ]);
      const [row] = await store().db.query('select max(id) as id from audit_log where ward_code = $1', [
        ward,
      ]);
      const id = Number(row!['id']);
      const db = store().db;
      await expect(db.query(`update audit_log set subject = 'changed' where id = $1`, [id])).rejects.toThrow(
        /audit_log is append-only: UPDATE refused/,
      );
      await expect(db.query('delete from audit_log where id = $1', [id])).rejects.toThrow(
        /audit_log is append-only: DELETE refused/,
      );
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`select set_config('bdhvs.audit_purge', 'on', true)`);
          await tx.query(`update audit_log set subject = 'changed' where id = $1`, [id]);
        }),
      ).rejects.toThrow(/UPDATE refused/);
      const [after] = await db.query('select subject from audit_log where id = $1', [id]);
      expect(after!['subject']).toBe('x');
    });

    test('UPDATE and DELETE on subject_requests are refused, even with the purge setting on', async () => {
      const ward = await seedTestWard(store());
      const officer = await createOfficer(store(), ward);
      const db = store().db;
      const [row] = await db.query(
        `insert into subject_requests (ward_code, resident_id, kind, received_on, handled_by)
         values ($1, 'r-1', 'access', '2026-12-01', $2) returning id`,
        [ward, officer.accountId],
      );
      const id = Number(row!['id']);
      await expect(db.query(`update subject_requests set note = 'x' where id = $1`, [id])).rejects.toThrow(
        /subject_requests is append-only: UPDATE refused/,
      );
      await expect(db.query('delete from subject_requests where id = $1', [id])).rejects.toThrow(
        /subject_requests is append-only: DELETE refused/,
      );
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`select set_config('bdhvs.audit_purge', 'on', true)`);
          await tx.query('delete from subject_requests where id = $1', [id]);
        }),
      ).rejects.toThrow(/DELETE refused/);
      const left = await db.query('select id from subject_requests where id = $1', [id]);
      expect(left).toHaveLength(1);
    });

    test('the purge deletes only entries older than the retention; a DELETE outside it is refused', async () => {
      const ward = await seedTestWard(store());
      const db = store().db;
      // 2022-01-01 minus 730 days is 2020-01-02T00:00:00Z.
      await insertAt(ward, [
        { at: '2019-06-01T00:00:00Z', subject: 'old' },
        { at: '2020-01-01T23:59:59Z', subject: 'just-old' },
        { at: '2020-01-02T00:00:01Z', subject: 'just-kept' },
        { at: '2021-12-31T00:00:00Z', subject: 'kept' },
      ]);
      const count = async () => Number((await db.query('select count(*) as n from audit_log'))[0]!['n']);
      const before = await count();
      expect(await store().purgeAudit(730, new Date('2022-01-01T00:00:00Z'))).toBe(2);
      expect(await count()).toBe(before - 2);
      const left = await db.query('select subject from audit_log where ward_code = $1 order by id', [ward]);
      expect(left.map((r) => r['subject'])).toEqual(['just-kept', 'kept']);
      // The setting lasted only for the purge's own transaction.
      await expect(db.query('delete from audit_log where ward_code = $1', [ward])).rejects.toThrow(
        /append-only: DELETE refused/,
      );
      expect(await count()).toBe(before - 2);
    });

    test('the purge at start logs what it deleted; a failing purge is logged, never thrown', async () => {
      const ward = await seedTestWard(store());
      await insertAt(ward, [{ at: '2018-01-01T00:00:00Z', subject: 'ancient' }]);
      const log = recordingLog();
      await purgeOldAudit(store(), 730, log, new Date('2020-06-01T00:00:00Z'));
      expect(log.lines).toEqual([
        {
          level: 'info',
          msg: 'old audit log entries deleted',
          fields: { purged: 1, retentionDays: 730 },
        },
      ]);
      const failing = { ...store(), purgeAudit: () => Promise.reject(new Error('database gone')) };
      const failed = recordingLog();
      await purgeOldAudit(failing, 730, failed);
      expect(failed.lines).toMatchObject([
        { level: 'error', msg: 'audit log purge failed', fields: { err: { message: 'database gone' } } },
      ]);
    });
  });

  describe("the officer's page and CSV", () => {
    let ward = '';
    let officer: Officer;
    let ids: number[] = [];
    const ACTIONS: AuditAction[] = [
      'read.roster',
      'change.sync',
      'read.export',
      'change.sync',
      'read.history',
      'change.merge',
      'read.audit',
    ];

    beforeAll(async () => {
      ward = await seedTestWard(store());
      officer = await createOfficer(store(), ward);
      await insertAt(ward, [
        { at: '2026-03-10T16:59:59Z', subject: 'late-on-10' }, // 23:59:59 on the 10th in Vietnam
        { at: '2026-03-10T17:00:00Z', subject: 'early-on-11' }, // 00:00:00 on the 11th in Vietnam
      ]);
      for (const [i, action] of ACTIONS.entries()) {
        const entry: AuditWrite = {
          wardCode: ward,
          actorId: officer.accountId,
          deviceId: null,
          action,
          subject: `s${i}`,
          detail: { i },
        };
        await store().appendAudit([entry]);
      }
      const rows = await store().db.query(
        `select id from audit_log where ward_code = $1 and subject like 's%' order by id`,
        [ward],
      );
      ids = rows.map((r) => Number(r['id']));
    });

    const subjects = (p: AuditPage) => p.entries.map((e) => e.subject);

    test('newest first, page by page with before; names joined; retention from the configuration', async () => {
      const first = await page(ward, officer.token, '?limit=3');
      expect(subjects(first)).toEqual(['s6', 's5', 's4']);
      expect(first.next).toBe(String(ids[4]));
      expect(first.retentionDays).toBe(RETENTION_DAYS);
      expect(first.entries[0]).toEqual({
        id: ids[6],
        at: expect.any(String),
        wardCode: ward,
        actorId: officer.accountId,
        actorName: `Cán bộ ${ward}`,
        actorRole: 'officer',
        deviceId: null,
        deviceLabel: null,
        action: 'read.audit',
        subject: 's6',
        detail: { i: 6 },
      });
      const second = await page(ward, officer.token, `?limit=3&before=${first.next}`);
      expect(subjects(second)).toEqual(['s3', 's2', 's1']);
      const third = await page(ward, officer.token, `?limit=3&before=${second.next}`);
      expect(subjects(third)).toEqual(['s0', 'early-on-11', 'late-on-10']);
      expect(third.next).toBeNull();
      const all = await page(ward, officer.token);
      expect(all.entries).toHaveLength(9);
      expect(all.next).toBeNull();
      expect((await page(ward, officer.token, '?limit=9')).next).toBeNull();
      expect((await page(ward, officer.token, '?limit=8')).next).toBe(String(all.entries[7]!.id));
    });

    test('filters: action prefix, and from/to as days in Vietnam time', async () => {
      expect(subjects(await page(ward, officer.token, '?action=change.sync'))).toEqual(['s3', 's1']);
      const reads = await page(ward, officer.token, '?action=read');
      expect(reads.entries.every((e) => e.action.startsWith('read.'))).toBe(true);
      expect(subjects(reads)).toEqual(['s6', 's4', 's2', 's0', 'early-on-11', 'late-on-10']);
      expect(subjects(await page(ward, officer.token, '?from=2026-03-11&to=2026-03-11'))).toEqual([
        'early-on-11',
      ]);
      expect(subjects(await page(ward, officer.token, '?to=2026-03-10'))).toEqual(['late-on-10']);
      expect(subjects(await page(ward, officer.token, '?from=2026-03-11&limit=200'))).toHaveLength(8);
      expect((await page(ward, officer.token, '?action=request')).entries).toEqual([]);
    });

    test.each([
      '?limit=0',
      '?limit=201',
      '?limit=ten',
      '?before=abc',
      '?action=READ',
      '?action=read%25',
      '?from=11/03/2026',
      '?from=2026-03-12&to=2026-03-11',
      '?page=2',
    ])('a bad query %s is refused with 400', async (query) => {
      expectErrorResponse(await get(`/v1/wards/${ward}/audit${query}`, officer.token), 400, 'bad_request');
    });

    test('CSV: BOM, Vietnamese header, Vietnam time, formula cells neutralised, and the export logs itself', async () => {
      const hostile = ['=1+2', '+cmd', '-x', '@SUM(A1)', '\tTAB', '\rCR', '=A1\n=B2'];
      for (const subject of hostile) {
        await store().appendAudit([
          { wardCode: ward, actorId: officer.accountId, deviceId: null, action: 'read.roster', subject },
        ]);
      }
      const res = await get(`/v1/wards/${ward}/audit.csv`, officer.token);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="nhat-ky-\d{5}-[\d-]{10}\.csv"/,
      );
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const rows = Papa.parse<string[]>(res.body.slice(1), { newline: '\r\n' }).data;
      expect(rows[0]).toEqual([
        'Thời điểm (giờ Việt Nam)',
        'Người',
        'Vai trò',
        'Thiết bị',
        'Việc',
        'Đối tượng',
        'Chi tiết',
      ]);
      const data = rows.slice(1);
      expect(data).toHaveLength(9 + hostile.length);
      const bySubject = new Map(data.map((r) => [r[5], r]));
      for (const subject of hostile) expect(bySubject.get(`'${subject}`), subject).toBeDefined();
      expect(bySubject.get('early-on-11')!.slice(0, 5)).toEqual([
        '2026-03-11 00:00:00',
        'Hệ thống',
        '',
        '',
        'Xem danh sách người dân của tổ (read.roster)',
      ]);
      expect(bySubject.get('s4')!.slice(1, 7)).toEqual([
        `Cán bộ ${ward}`,
        'Cán bộ phường',
        '',
        'Xem lịch sử bản ghi (read.history)',
        's4',
        '{"i":4}',
      ]);

      const logged = (await page(ward, officer.token, '?limit=1')).entries[0]!;
      expect(logged).toMatchObject({
        action: 'read.audit',
        subject: 'audit.csv',
        actorId: officer.accountId,
        deviceId: null,
        detail: { rows: data.length },
      });

      const filtered = await get(
        `/v1/wards/${ward}/audit.csv?action=change.sync&to=2026-12-31`,
        officer.token,
      );
      const syncRows = Papa.parse<string[]>(filtered.body.slice(1), { newline: '\r\n' }).data.slice(1);
      expect(syncRows.map((r) => r[5])).toEqual(['s3', 's1']);
      expect((await page(ward, officer.token, '?limit=1')).entries[0]!.detail).toEqual({
        action: 'change.sync',
        to: '2026-12-31',
        rows: 2,
      });
      expectErrorResponse(
        await get(`/v1/wards/${ward}/audit.csv?limit=5`, officer.token),
        400,
        'bad_request',
      );
    });
  });

  describe('who may read the log', () => {
    test('only the officer of the ward: leader, volunteer, another ward, administrator 403; nobody 401', async () => {
      const ward = await seedTestWard(store());
      const officer = await createOfficer(store(), ward);
      const leader = await enrollDevice(srv(), officer.token, ward, { role: 'leader', groupIds: ['g1'] });
      const volunteer = await enrollDevice(srv(), officer.token, ward, {
        role: 'volunteer',
        groupIds: ['g1'],
      });
      const other = await createOfficer(store(), await seedTestWard(store()));
      const admin = await createAdmin(store());
      for (const path of ['audit', 'audit.csv']) {
        const url = `/v1/wards/${ward}/${path}`;
        expect((await get(url, officer.token)).statusCode).toBe(200);
        for (const token of [leader.deviceToken, volunteer.deviceToken, other.token, admin.token]) {
          expectErrorResponse(await get(url, token), 403, 'forbidden');
        }
        expectErrorResponse(
          await inject({ method: 'GET', url, headers: PROTOCOL_HEADERS }),
          401,
          'unauthenticated',
        );
      }
    });
  });

  describe('every hooked route writes its entry before it answers', () => {
    let ward = '';
    let officer: Officer;
    let phone: EnrolledDevice;
    let leader: EnrolledDevice;
    let admin: { token: string; accountId: string };
    const names: string[] = [];
    const people: Record<string, PlainDoc> = {};
    const wards: string[] = [];
    let mergedGroup = '';

    /** A resident of the ward with a name to look for in the log afterwards. */
    const resident = (key: string, fullName: string, groupId = 'g1'): PlainDoc => {
      names.push(fullName);
      const doc = makeResident(ward, groupId, { fullName, birthYear: 1965 });
      people[key] = doc;
      return doc;
    };

    beforeAll(async () => {
      ward = await seedTestWard(store(), ['g1', 'g2']);
      wards.push(ward);
      officer = await createOfficer(store(), ward);
      phone = await enrollDevice(srv(), officer.token, ward, { role: 'volunteer', groupIds: ['g1'] });
      leader = await enrollDevice(srv(), officer.token, ward, { role: 'leader', groupIds: ['g1'] });
      admin = await createAdmin(store());
      const docs = [
        resident('a', 'Phạm Thị Riêng Tư'),
        resident('twinA', 'Hoàng Văn Sinh Đôi'),
        resident('twinB', 'Hoàng Văn Sinh Đôi'),
        resident('twinC', 'Hoàng Văn Sinh Đôi'),
        resident('x', 'Vũ Thị Khác Nhau'),
        resident('y', 'Vũ Thị Khác Nhau'),
        resident('mover', 'Đặng Văn Chuyển Tổ'),
      ];
      await srv().push(
        ward,
        docs.map((newDocumentState) => ({ newDocumentState })),
        'residents',
        officer.token,
      );
      await srv().push(
        ward,
        [{ newDocumentState: makeCompletion(ward, 'g1', { residentId: people['a']!['id'] }) }],
        'completions',
        officer.token,
      );
    });

    const as = (token: string) => authHeaders(token);
    const base64 = (text: string) => Buffer.from(`\uFEFF${text}`).toString('base64');
    const W = () => `/v1/wards/${ward}`;
    const yesterday = () => {
      const d = new Date(`${vietnamToday()}T00:00:00Z`);
      return new Date(d.getTime() - 86_400_000).toISOString().slice(0, 10);
    };

    interface HookCase {
      name: string;
      run: () => Promise<LightMyRequestResponse>;
      status?: number;
      action: AuditAction;
      subject: (body: Record<string, unknown>) => string;
      by: 'officer' | 'phone' | 'leader' | 'admin';
      /** The ward whose log holds the entry, when not the test ward. */
      wardOf?: (body: Record<string, unknown>) => string;
      detail?: Record<string, unknown>;
    }

    const cases: HookCase[] = [
      {
        name: 'a phone pushes a resident',
        run: () =>
          inject({
            method: 'POST',
            url: '/v1/sync/residents/push',
            query: { wardCode: ward },
            headers: as(phone.deviceToken),
            payload: { rows: [{ newDocumentState: resident('pushed', 'Trịnh Thị Đẩy Lên') }] },
          }),
        action: 'change.sync',
        subject: () => 'residents',
        by: 'phone',
      },
      {
        name: "a group's roster",
        run: () => inject({ url: `${W()}/groups/g1/roster`, headers: as(officer.token) }),
        action: 'read.roster',
        subject: () => 'groups/g1',
        by: 'officer',
      },
      ...(['xlsx', 'csv'] as const).flatMap((format): HookCase[] => [
        {
          name: `coverage.${format}`,
          run: () => inject({ url: `${W()}/coverage.${format}?date=2026-11-30`, headers: as(officer.token) }),
          action: 'read.export',
          subject: () => `do-phu-${ward}.${format}`,
          by: 'officer',
          detail: { date: '2026-11-30', format },
        },
        {
          name: `not-reached.${format}`,
          run: () =>
            inject({
              url: `${W()}/groups/g1/not-reached.${format}?date=2026-11-30`,
              headers: as(officer.token),
            }),
          action: 'read.export',
          subject: () => `chua-tiep-can-${ward}-g1.${format}`,
          by: 'officer',
          detail: { group: 'g1', date: '2026-11-30', format },
        },
      ]),
      {
        name: "a record's history",
        run: () =>
          inject({
            url: `${W()}/records/residents/${String(people['a']!['id'])}/history`,
            headers: as(officer.token),
          }),
        action: 'read.history',
        subject: () => `residents/${String(people['a']!['id'])}`,
        by: 'officer',
      },
      {
        name: 'the put-aside list',
        run: () => inject({ url: `${W()}/quarantine`, headers: as(officer.token) }),
        action: 'read.quarantine',
        subject: () => 'quarantine',
        by: 'officer',
      },
      {
        name: 'duplicate proposals (a leader)',
        run: () => inject({ url: `${W()}/duplicates`, headers: as(leader.deviceToken) }),
        action: 'read.duplicates',
        subject: () => 'duplicates',
        by: 'leader',
      },
      {
        name: 'the merges list',
        run: () => inject({ url: `${W()}/merges`, headers: as(officer.token) }),
        action: 'read.duplicates',
        subject: () => 'merges',
        by: 'officer',
      },
      {
        name: 'a merge',
        run: () =>
          inject({
            method: 'POST',
            url: `${W()}/duplicates/merge`,
            headers: as(officer.token),
            payload: { fromId: people['twinB']!['id'], intoId: people['twinA']!['id'] },
          }),
        status: 201,
        action: 'change.merge',
        subject: () => `residents/${String(people['twinB']!['id'])}`,
        by: 'officer',
        detail: { op: 'merge' },
      },
      {
        name: 'an undone merge',
        run: async () => {
          const merged = await inject({
            method: 'POST',
            url: `${W()}/duplicates/merge`,
            headers: as(officer.token),
            payload: { fromId: people['twinC']!['id'], intoId: people['twinA']!['id'] },
          });
          const { merge } = merged.json<{ merge: { id: number } }>();
          return inject({
            method: 'POST',
            url: `${W()}/merges/${merge.id}/undo`,
            headers: as(officer.token),
          });
        },
        action: 'change.merge',
        subject: () => `residents/${String(people['twinC']!['id'])}`,
        by: 'officer',
        detail: { op: 'undo' },
      },
      {
        name: '"not the same person"',
        run: () =>
          inject({
            method: 'POST',
            url: `${W()}/duplicates/dismiss`,
            headers: as(officer.token),
            payload: { aId: people['x']!['id'], bId: people['y']!['id'] },
          }),
        action: 'change.merge',
        subject: () => `residents/${String(people['x']!['id'])}`,
        by: 'officer',
        detail: { op: 'dismiss' },
      },
      {
        name: 'a period closed',
        run: () =>
          inject({
            method: 'POST',
            url: `${W()}/periods`,
            headers: as(officer.token),
            payload: { periodEnd: yesterday(), label: 'Kỳ thử' },
          }),
        status: 201,
        action: 'change.period',
        subject: (body) => `periods/${(body['period'] as { id: number }).id}`,
        by: 'officer',
      },
      {
        name: 'settings replaced',
        run: () =>
          inject({
            method: 'PUT',
            url: `${W()}/settings`,
            headers: as(officer.token),
            payload: { adultAge: 18, targets: [] },
          }),
        action: 'change.settings',
        subject: () => 'settings',
        by: 'officer',
      },
      {
        name: 'a group created',
        run: () =>
          inject({
            method: 'POST',
            url: `${W()}/groups`,
            headers: as(officer.token),
            payload: { name: 'Tổ mới', kind: 'to_dan_pho' },
          }),
        status: 201,
        action: 'change.groups',
        subject: (body) => `groups/${(body['group'] as { id: string }).id}`,
        by: 'officer',
      },
      {
        name: 'a group renamed',
        run: () =>
          inject({
            method: 'PATCH',
            url: `${W()}/groups/g2`,
            headers: as(officer.token),
            payload: { name: 'Tổ hai' },
          }),
        action: 'change.groups',
        subject: () => 'groups/g2',
        by: 'officer',
      },
      {
        name: 'a group split',
        run: () =>
          inject({
            method: 'POST',
            url: `${W()}/groups/g1/split`,
            headers: as(officer.token),
            payload: { name: 'Tổ g1 B', kind: 'to_dan_pho', residentIds: [people['mover']!['id']] },
          }),
        action: 'change.groups',
        subject: () => 'groups/g1',
        by: 'officer',
      },
      {
        name: 'a group merged into another',
        run: async () => {
          const made = await inject({
            method: 'POST',
            url: `${W()}/groups`,
            headers: as(officer.token),
            payload: { name: 'Tổ sẽ gộp', kind: 'to_dan_pho' },
          });
          mergedGroup = made.json<{ group: { id: string } }>().group.id;
          return inject({
            method: 'POST',
            url: `${W()}/groups/${mergedGroup}/merge`,
            headers: as(officer.token),
            payload: { intoId: 'g2' },
          });
        },
        action: 'change.groups',
        subject: () => `groups/${mergedGroup}`,
        by: 'officer',
        detail: { op: 'merge', into: 'g2' },
      },
      {
        name: 'adult population figures imported',
        run: () =>
          inject({
            method: 'POST',
            url: `${W()}/denominators/import`,
            headers: as(officer.token),
            payload: {
              filename: 'dan-so.csv',
              contentBase64: base64('Tổ,Số người từ 18 tuổi,Nguồn,Ngày\r\ng2,500,Công an phường,15/02/2026'),
              commit: true,
            },
          }),
        action: 'change.settings',
        subject: () => 'denominators',
        by: 'officer',
      },
      ...[false, true].map((commit): HookCase => ({
        name: `a resident file ${commit ? 'imported' : 'checked'}`,
        run: () => {
          const name = commit ? 'Lê Thị Nhập Vào' : 'Lê Văn Chỉ Xem';
          names.push(name);
          return inject({
            method: 'POST',
            url: `${W()}/residents/import`,
            headers: as(officer.token),
            payload: {
              filename: 'ds.csv',
              contentBase64: base64(`Họ và tên,Năm sinh,Giới tính\r\n${name},1970,Nữ`),
              groupId: 'g1',
              commit,
              ...(commit ? { consentConfirmed: true } : {}),
            },
          });
        },
        action: commit ? 'change.import' : 'read.import',
        subject: () => 'residents-import',
        by: 'officer',
      })),
      {
        name: "a phone's unsynced file imported",
        run: () =>
          inject({
            method: 'POST',
            url: `${W()}/unsynced-import`,
            headers: as(officer.token),
            payload: {
              format: UNSYNCED_EXPORT_FORMAT,
              version: 1,
              wardCode: ward,
              deviceId: phone.deviceId,
              account: { id: phone.accountId, fullName: 'Tình nguyện viên Thử', role: 'volunteer' },
              appVersion: 'test-1.0.0',
              exportedAt: '2026-11-23T08:00:00.000Z',
              records: [{ collection: 'residents', doc: resident('file', 'Đỗ Văn Trong Tệp') }],
            },
          }),
        action: 'change.import',
        subject: () => 'unsynced-import',
        by: 'officer',
      },
      {
        name: 'an invitation',
        run: () =>
          inject({
            method: 'POST',
            url: `${W()}/invitations`,
            headers: as(officer.token),
            payload: { fullName: 'Người Được Mời', role: 'volunteer', groupIds: ['g2'] },
          }),
        status: 201,
        action: 'account.invite',
        subject: (body) => `accounts/${(body['person'] as { id: string }).id}`,
        by: 'officer',
      },
      {
        name: 'a new invitation code',
        run: () =>
          inject({
            method: 'POST',
            url: `${W()}/people/${phone.accountId}/invitations`,
            headers: as(officer.token),
          }),
        status: 201,
        action: 'account.invite',
        subject: () => `accounts/${phone.accountId}`,
        by: 'officer',
      },
      {
        name: "a volunteer's groups changed",
        run: () =>
          inject({
            method: 'POST',
            url: `${W()}/people/${phone.accountId}/groups`,
            headers: as(officer.token),
            payload: { groupIds: ['g1', 'g2'] },
          }),
        action: 'account.invite',
        subject: () => `accounts/${phone.accountId}`,
        by: 'officer',
        detail: { op: 'groups', after: ['g1', 'g2'] },
      },
      {
        name: 'an officer added',
        run: () =>
          inject({
            method: 'POST',
            url: `${W()}/officers`,
            headers: as(officer.token),
            payload: {
              fullName: 'Cán bộ Thêm',
              username: `canbo-them-${ward}`,
              password: 'mat-khau-thu-2026',
            },
          }),
        status: 201,
        action: 'account.invite',
        subject: (body) => `accounts/${(body['account'] as { id: string }).id}`,
        by: 'officer',
      },
      {
        name: 'a device retired',
        run: async () => {
          const spare = await enrollDevice(srv(), officer.token, ward, {
            role: 'volunteer',
            groupIds: ['g1'],
          });
          return inject({
            method: 'POST',
            url: `${W()}/devices/${spare.deviceId}/revoke`,
            headers: as(officer.token),
            payload: { mode: 'retire' },
          });
        },
        action: 'device.revoke',
        subject: (body) => `devices/${(body['device'] as { id: string }).id}`,
        by: 'officer',
      },
      {
        name: 'a ward created (administrator)',
        run: () => {
          const code = nextWardCode();
          wards.push(code);
          return inject({
            method: 'POST',
            url: '/v1/admin/wards',
            headers: as(admin.token),
            payload: {
              ward: { code, name: 'Phường Mới Lập', provinceCode: '01' },
              groups: [{ id: 'g1', name: 'Tổ 1', kind: 'to_dan_pho' }],
              officer: {
                fullName: 'Cán bộ Đầu Tiên',
                username: `canbo-dau-${code}`,
                password: 'mat-khau-thu-2026',
              },
            },
          });
        },
        status: 201,
        action: 'change.ward',
        subject: (body) => `wards/${(body['ward'] as { code: string }).code}`,
        by: 'admin',
        wardOf: (body) => (body['ward'] as { code: string }).code,
      },
    ];

    const actorOf = (by: HookCase['by']) =>
      ({
        officer: { actorId: officer.accountId, deviceId: null },
        phone: { actorId: phone.accountId, deviceId: phone.deviceId },
        leader: { actorId: leader.accountId, deviceId: leader.deviceId },
        admin: { actorId: admin.accountId, deviceId: null },
      })[by];

    for (const c of cases) {
      test(`${c.name} → ${c.action}`, async () => {
        const res = await c.run();
        expect(res.statusCode, res.body.slice(0, 300)).toBe(c.status ?? 200);
        const body = String(res.headers['content-type']).startsWith('application/json')
          ? res.json<Record<string, unknown>>()
          : {};
        const logWard = c.wardOf?.(body) ?? ward;
        const [newest] = await store().listAudit(logWard, { limit: 1 });
        expect(newest).toMatchObject({
          wardCode: logWard,
          action: c.action,
          subject: c.subject(body),
          ...actorOf(c.by),
          ...(c.detail === undefined ? {} : { detail: c.detail }),
        });
        expect(Date.now() - Date.parse(newest!.at)).toBeLessThan(60_000);
      });
    }

    test('the push entry names the collection, counts and the ids written', async () => {
      const [push] = await store().listAudit(ward, { limit: 1, actionPrefix: 'change.sync' });
      expect(push!.detail).toEqual({
        rows: 1,
        counts: { written: 1, conflicts: 0, putAside: 0 },
        written: [people['pushed']!['id']],
        conflicts: [],
        putAside: [],
      });
    });

    test('an empty push writes no entry; a push of an unchanged, a stale and a bad row lists them', async () => {
      const before = await store().listAudit(ward, { limit: 1 });
      const empty = await inject({
        method: 'POST',
        url: '/v1/sync/residents/push',
        query: { wardCode: ward },
        headers: as(phone.deviceToken),
        payload: { rows: [] },
      });
      expect(empty.statusCode).toBe(200);
      expect(await store().listAudit(ward, { limit: 1 })).toEqual(before);

      const held: PlainDoc = { ...people['a']!, _deleted: false };
      const stale = { ...held, fullName: 'Phạm Thị Riêng Tư Sửa', updatedAt: '2026-12-01T00:00:00.000Z' };
      names.push(stale.fullName as string);
      const wrong = makeResident(ward, 'g1', { fullName: '' });
      const rows = [
        { newDocumentState: held, assumedMasterState: held },
        { newDocumentState: stale, assumedMasterState: { ...held, fullName: 'Tên Cũ Khác' } },
        { newDocumentState: wrong },
      ];
      const res = await inject({
        method: 'POST',
        url: '/v1/sync/residents/push',
        query: { wardCode: ward },
        headers: as(phone.deviceToken),
        payload: { rows },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).not.toHaveProperty('written');
      const [entry] = await store().listAudit(ward, { limit: 1 });
      expect(entry!.detail).toEqual({
        rows: 3,
        counts: { written: 0, conflicts: 1, putAside: 1 },
        written: [],
        conflicts: [held['id']],
        putAside: [wrong['id']],
      });
    });

    test('no resident name appears in any entry of these wards', async () => {
      expect(names.length).toBeGreaterThan(5);
      const rows = await store().db.query(
        `select subject, detail::text as detail from audit_log where ward_code = any($1::text[])`,
        [wards],
      );
      expect(rows.length).toBeGreaterThanOrEqual(cases.length);
      const text = rows.map((r) => `${String(r['subject'])} ${String(r['detail'])}`).join('\n');
      for (const name of names) {
        expect(text).not.toContain(name);
        expect(text.normalize('NFC')).not.toContain(name.normalize('NFC'));
      }
    });
  });

  describe('fail closed', () => {
    test('when the entry cannot be written the roster answers 500 internal and nothing of it', async () => {
      const ward = await seedTestWard(store());
      const officer = await createOfficer(store(), ward);
      const name = 'Ngô Thị Không Lộ';
      await srv().push(
        ward,
        [{ newDocumentState: makeResident(ward, 'g1', { fullName: name }) }],
        'residents',
        officer.token,
      );
      const url = `/v1/wards/${ward}/groups/g1/roster`;
      const ok = await get(url, officer.token);
      expect(ok.body).toContain(name);

      const broken = await startTestServer({
        store: { ...store(), appendAudit: () => Promise.reject(new Error('audit log unavailable')) },
      });
      try {
        const res = await broken.app.inject({ url, headers: authHeaders(officer.token) });
        expectErrorResponse(res, 500, 'internal');
        expect(res.body).not.toContain(name);
        expect(res.body).not.toContain('audit log unavailable');
      } finally {
        await broken.close();
      }
    });
  });
}
