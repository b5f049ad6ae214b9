// The officer's record routes (docs/unsynced-export.md) through the real HTTP server, written once and
// run on both engines: records.test.ts (PGlite) and records.pg.test.ts (real PostgreSQL). The import of
// a phone's "unsynced records" file (outcomes, idempotency, quarantine, scope, what devices then pull),
// the put-aside list, a record's history and the per-group load.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  PHONE_COMFORT,
  UNSYNCED_EXPORT_FORMAT,
  groupLoadResponseSchema,
  newId,
  quarantineResponseSchema,
  recordHistoryResponseSchema,
  unsyncedImportResponseSchema,
  type PlainDoc,
  type PushableCollection,
  type UnsyncedImportResponse,
  type UnsyncedRecord,
} from '../../../src/shared';
import {
  authHeaders,
  enrollDevice,
  expectErrorResponse,
  makeCompletion,
  makeResident,
  makeSession,
  seedTestWard,
  startTestServer,
  type TestServer,
} from '../../helpers/server';
import type { ContractSetup } from './sync-contract';

const strip = ({ _deleted, ...rest }: PlainDoc): PlainDoc => rest;

export function recordsContract(setup: () => Promise<ContractSetup>): void {
  let ctx: ContractSetup | undefined;
  let server: TestServer | undefined;
  const store = () => ctx!.store;
  const srv = () => server!;

  beforeAll(async () => {
    ctx = await setup();
    server = await startTestServer({ store: ctx.store });
  });
  afterAll(async () => {
    await server?.close();
    await ctx?.teardown();
  });

  function exportFile(ward: string, records: UnsyncedRecord[]) {
    return {
      format: UNSYNCED_EXPORT_FORMAT,
      version: 1,
      wardCode: ward,
      deviceId: newId(),
      account: { id: newId(), fullName: 'Tình nguyện viên Thử', role: 'volunteer' },
      appVersion: 'test-1.0.0',
      exportedAt: '2026-11-23T08:00:00.000Z',
      records,
    };
  }

  async function post(ward: string, body: unknown, token?: string): Promise<LightMyRequestResponse> {
    return srv().app.inject({
      method: 'POST',
      url: `/v1/wards/${ward}/unsynced-import`,
      headers: authHeaders(token ?? (await srv().officerToken(ward))),
      payload: body as object,
    });
  }

  async function importFile(ward: string, records: UnsyncedRecord[]): Promise<UnsyncedImportResponse> {
    const res = await post(ward, exportFile(ward, records));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    return unsyncedImportResponseSchema.parse(res.json());
  }

  async function get(ward: string, path: string): Promise<LightMyRequestResponse> {
    return srv().app.inject({
      method: 'GET',
      url: `/v1/wards/${ward}${path}`,
      headers: authHeaders(await srv().officerToken(ward)),
    });
  }

  /** Everything an import could change in a ward: rows with their seqs, history, quarantine, sequence. */
  async function snapshot(ward: string) {
    const db = store().db;
    const rows: Record<string, unknown> = {};
    for (const c of ['residents', 'sessions', 'completions'] as const) {
      rows[c] = (await srv().pull(c, ward, 0, 1000)).documents;
    }
    const [history] = await db.query('select count(*) as n from record_history where ward_code = $1', [ward]);
    const seqs = await db.query(
      `select max(seq) as s from residents union all select max(seq) from training_sessions
       union all select max(seq) from completions`,
    );
    return {
      rows,
      history: Number(history!['n']),
      quarantine: (await store().listQuarantine(ward)).map((q) => q.payload),
      maxSeq: Math.max(...seqs.map((r) => Number(r['s'] ?? 0))),
    };
  }

  const rec = (collection: PushableCollection, doc: PlainDoc, baseState?: PlainDoc): UnsyncedRecord =>
    baseState === undefined ? { collection, doc } : { collection, doc, baseState };

  async function held(ward: string, collection: PushableCollection, id: unknown) {
    const { documents } = await srv().pull(collection, ward, 0, 1000);
    return documents.find((d) => d['id'] === id);
  }

  describe('importing an unsynced-records file', () => {
    test('each record gets one outcome, and importing the same file again changes nothing', async () => {
      const ward = await seedTestWard(store());
      const other = await seedTestWard(store());
      const known = makeResident(ward, 'g1', { fullName: 'Đã Có Trên Máy Chủ' });
      await srv().push(ward, [{ newDocumentState: known }]);
      const theirs = makeResident(other, 'g1', { fullName: 'Người Phường Khác' });
      await srv().push(other, [{ newDocumentState: theirs }]);

      const fresh = makeResident(ward, 'g2', { fullName: 'Mới Đăng Ký' });
      const session = makeSession(ward, 'g1');
      const gone = makeCompletion(ward, 'g1', { _deleted: true });
      const invalid = makeResident(ward, 'g1', { fullName: '', birthYear: 'old' });
      const foreign = makeResident(other, 'g1');
      const lost = makeResident(ward, 'no-such-group');
      const clash: PlainDoc = { ...theirs, wardCode: ward, fullName: 'Ghi Đè' };
      const records = [
        rec('residents', fresh),
        rec('residents', known),
        rec('sessions', session),
        rec('completions', gone),
        rec('residents', invalid),
        rec('residents', foreign),
        rec('residents', lost),
        rec('residents', clash),
      ];

      const first = await importFile(ward, records);
      expect(first.results.map((r) => [r.index, r.collection, r.id, r.outcome, r.reason?.code])).toEqual([
        [0, 'residents', fresh['id'], 'added', undefined],
        [1, 'residents', known['id'], 'unchanged', undefined],
        [2, 'sessions', session['id'], 'added', undefined],
        [3, 'completions', gone['id'], 'added', undefined],
        [4, 'residents', invalid['id'], 'quarantined', 'invalid_document'],
        [5, 'residents', foreign['id'], 'quarantined', 'out_of_scope'],
        [6, 'residents', lost['id'], 'quarantined', 'out_of_scope'],
        [7, 'residents', clash['id'], 'quarantined', 'out_of_scope'],
      ]);
      expect(first.counts).toEqual({
        added: 3,
        updated: 0,
        merged: 0,
        unchanged: 1,
        quarantined: 4,
        erased: 0,
      });
      expect(first.results[4]!.reason!.message).toContain('fullName');
      // Stored exactly as the device had them; the tombstone stays a tombstone.
      expect(await held(ward, 'residents', fresh['id'])).toEqual(fresh);
      expect(await held(ward, 'sessions', session['id'])).toEqual(session);
      expect(await held(ward, 'completions', gone['id'])).toEqual(gone);
      // Another ward's record is untouched and not revealed.
      expect(await held(other, 'residents', theirs['id'])).toEqual(theirs);
      expect(JSON.stringify(first)).not.toContain('Người Phường Khác');
      // Put aside like a push: with the reason, in the push-row shape.
      const quarantine = await store().listQuarantine(ward);
      expect(quarantine.map((q) => [q.docId, q.reasonCode])).toEqual([
        [invalid['id'], 'invalid_document'],
        [foreign['id'], 'out_of_scope'],
        [lost['id'], 'out_of_scope'],
        [clash['id'], 'out_of_scope'],
      ]);
      expect(JSON.parse(quarantine[0]!.payload)).toEqual({ newDocumentState: invalid });

      const before = await snapshot(ward);
      const again = await importFile(ward, records);
      expect(again.results.map((r) => r.outcome)).toEqual([
        'unchanged',
        'unchanged',
        'unchanged',
        'unchanged',
        'quarantined',
        'quarantined',
        'quarantined',
        'quarantined',
      ]);
      expect(await snapshot(ward)).toEqual(before);
    });

    test('with the base state the server still holds, the device state is stored exactly', async () => {
      const ward = await seedTestWard(store());
      const v1 = makeResident(ward, 'g1', { fullName: 'Lê Thị Cũ' });
      await srv().push(ward, [{ newDocumentState: v1 }]);
      const edited = { ...v1, birthYear: 1975, updatedAt: '2026-03-01T00:00:00.000Z' };
      const answer = await importFile(ward, [rec('residents', edited, v1)]);
      expect(answer.results[0]).toMatchObject({ outcome: 'updated', id: v1['id'] });
      expect(await held(ward, 'residents', v1['id'])).toEqual(edited);
      const history = await store().recordHistory('residents', ward, String(v1['id']));
      expect(history.map((h) => h.doc)).toEqual([strip(v1)]);

      const before = await snapshot(ward);
      expect((await importFile(ward, [rec('residents', edited, v1)])).results[0]!.outcome).toBe('unchanged');
      expect(await snapshot(ward)).toEqual(before);
    });

    test('when both sides changed the record, the merge keeps both edits and the replaced state', async () => {
      const ward = await seedTestWard(store());
      const v1 = makeResident(ward, 'g1', { fullName: 'Phạm Văn Gốc' });
      await srv().push(ward, [{ newDocumentState: v1 }]);
      // The officer's phone (or another volunteer) renamed the resident meanwhile…
      const v2 = { ...v1, fullName: 'Phạm Văn Mới', updatedAt: '2026-02-01T00:00:00.000Z' };
      await srv().push(ward, [{ assumedMasterState: v1, newDocumentState: v2 }]);
      // …while the exporting phone, still on v1, corrected the birth year.
      const device = { ...v1, birthYear: 1979, updatedAt: '2026-01-15T00:00:00.000Z' };
      const answer = await importFile(ward, [rec('residents', device, v1)]);
      expect(answer.results[0]).toMatchObject({ outcome: 'merged' });
      const merged = { ...v2, birthYear: 1979 };
      expect(await held(ward, 'residents', v1['id'])).toEqual(merged);
      const history = await store().recordHistory('residents', ward, String(v1['id']));
      expect(history.map((h) => h.doc)).toEqual([strip(v1), strip(v2)]);

      const before = await snapshot(ward);
      expect((await importFile(ward, [rec('residents', device, v1)])).results[0]!.outcome).toBe('unchanged');
      expect(await snapshot(ward)).toEqual(before);
    });

    test('without a base state the conflict policy holds: attendees merge as sets, a VNeID stays', async () => {
      const ward = await seedTestWard(store());
      const [a, b, c] = [newId(), newId(), newId()];
      const session = makeSession(ward, 'g1', { attendeeIds: [a, b] });
      const vneid = makeCompletion(ward, 'g1');
      await srv().push(ward, [{ newDocumentState: session }], 'sessions');
      await srv().push(ward, [{ newDocumentState: vneid }], 'completions');
      const deviceSession = {
        ...session,
        attendeeIds: [a, c],
        place: 'Nhà ông Tư',
        updatedAt: '2026-01-06T00:00:00.000Z',
      };
      const deviceDeletion = { ...vneid, _deleted: true, updatedAt: '2026-01-07T00:00:00.000Z' };
      const answer = await importFile(ward, [
        rec('sessions', deviceSession),
        rec('completions', deviceDeletion),
      ]);
      expect(answer.results.map((r) => r.outcome)).toEqual(['merged', 'merged']);
      expect(await held(ward, 'sessions', session['id'])).toEqual({
        ...session,
        attendeeIds: [a, b, c],
        place: 'Nhà ông Tư',
        updatedAt: '2026-01-06T00:00:00.000Z',
      });
      expect(await held(ward, 'completions', vneid['id'])).toEqual({
        ...vneid,
        updatedAt: '2026-01-07T00:00:00.000Z',
      });

      const before = await snapshot(ward);
      const again = await importFile(ward, [
        rec('sessions', deviceSession),
        rec('completions', deviceDeletion),
      ]);
      expect(again.results.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);
      expect(await snapshot(ward)).toEqual(before);
    });

    test('imported records reach the phones of their group by pull, after their checkpoint', async () => {
      const ward = await seedTestWard(store());
      const officer = await srv().officerToken(ward);
      const phone = await enrollDevice(srv(), officer, ward, { role: 'volunteer', groupIds: ['g1'] });
      const v1 = makeResident(ward, 'g1');
      await srv().push(ward, [{ newDocumentState: v1 }]);
      const start = await srv().pull('residents', ward, 0, 1000, phone.deviceToken);
      expect(start.documents).toEqual([v1]);

      const fresh = makeResident(ward, 'g1', { fullName: 'Từ Tệp Xuất' });
      const elsewhere = makeResident(ward, 'g2', { fullName: 'Tổ Khác' });
      const edited = { ...v1, fullName: 'Đã Sửa Ngoại Tuyến', updatedAt: '2026-04-01T00:00:00.000Z' };
      await importFile(ward, [
        rec('residents', fresh),
        rec('residents', elsewhere),
        rec('residents', edited, v1),
      ]);

      const next = await srv().pull('residents', ward, start.checkpoint.seq, 1000, phone.deviceToken);
      expect(next.documents).toEqual([fresh, edited]);
      expect(next.checkpoint.seq).toBeGreaterThan(start.checkpoint.seq);
    });

    test('a file over the 1 MB general body limit is accepted (16 MB for imports)', async () => {
      const ward = await seedTestWard(store());
      const notes = 'Ghi chú dài '.repeat(160).trim();
      const records = Array.from({ length: 700 }, () => rec('sessions', makeSession(ward, 'g1', { notes })));
      const body = exportFile(ward, records);
      expect(JSON.stringify(body).length).toBeGreaterThan(1024 * 1024);
      const res = await post(ward, body);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(unsyncedImportResponseSchema.parse(res.json()).counts.added).toBe(700);
    });

    test('a file for another ward, of another format, or naming a record twice is refused whole', async () => {
      const ward = await seedTestWard(store());
      const other = await seedTestWard(store());
      const resident = makeResident(ward);
      expectErrorResponse(
        await post(ward, exportFile(other, [rec('residents', resident)])),
        400,
        'invalid_body',
      );
      expectErrorResponse(
        await post(ward, { ...exportFile(ward, [rec('residents', resident)]), format: 'something-else' }),
        400,
        'invalid_body',
      );
      expectErrorResponse(
        await post(ward, { ...exportFile(ward, [rec('residents', resident)]), version: 2 }),
        400,
        'invalid_body',
      );
      expectErrorResponse(
        await post(ward, exportFile(ward, [rec('residents', resident), rec('residents', resident)])),
        400,
        'invalid_body',
      );
      expect(await held(ward, 'residents', resident['id'])).toBeUndefined();
      expect(await store().listQuarantine(ward)).toEqual([]);
    });

    test('a phone of the ward may not import; an officer of another ward is refused unread', async () => {
      const ward = await seedTestWard(store());
      const other = await seedTestWard(store());
      const officer = await srv().officerToken(ward);
      const phone = await enrollDevice(srv(), officer, ward, { role: 'leader', groupIds: ['g1'] });
      const file = exportFile(ward, [rec('residents', makeResident(ward))]);
      expectErrorResponse(await post(ward, file, phone.deviceToken), 403, 'forbidden');
      expectErrorResponse(await post(ward, file, await srv().officerToken(other)), 403, 'forbidden');
      expect((await srv().pull('residents', ward, 0, 1000)).documents).toEqual([]);
    });
  });

  describe("the ward's put-aside records", () => {
    test('are listed newest first with the reason and a summary as data, never as markup', async () => {
      const ward = await seedTestWard(store());
      const bad = makeResident(ward, 'g1', { fullName: '<script>alert(1)</script>', birthYear: 'x' });
      const lost = makeSession(ward, 'no-such-group', { place: 'Nhà <b>văn hoá</b>' });
      await srv().push(ward, [{ newDocumentState: bad }]);
      await importFile(ward, [rec('sessions', lost)]);
      const res = await get(ward, '/quarantine');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = quarantineResponseSchema.parse(res.json());
      expect(body.total).toBe(2);
      expect(body.items.map((i) => [i.collection, i.docId, i.reasonCode])).toEqual([
        ['sessions', lost['id'], 'out_of_scope'],
        ['residents', bad['id'], 'invalid_document'],
      ]);
      expect(body.items[0]!.summary).toEqual({
        date: lost['date'],
        place: 'Nhà <b>văn hoá</b>',
        groupId: 'no-such-group',
        deleted: false,
      });
      expect(body.items[1]!.summary.name).toBe('<script>alert(1)</script>');
      expect(body.items[1]!.document).toEqual(bad);
      expect(body.items[1]!.reason).toContain('birthYear');
      expect(new Date(body.items[0]!.receivedAt).getTime()).not.toBeNaN();
    });

    test("another ward's put-aside records are not listed", async () => {
      const ward = await seedTestWard(store());
      const other = await seedTestWard(store());
      await srv().push(other, [{ newDocumentState: makeResident(other, 'g1', { sex: 'x' }) }]);
      const body = quarantineResponseSchema.parse((await get(ward, '/quarantine')).json());
      expect(body).toEqual({ items: [], total: 0 });
    });
  });

  describe("a record's history", () => {
    test('is the current state and every replaced state, oldest first', async () => {
      const ward = await seedTestWard(store());
      const v1 = makeResident(ward, 'g1', { fullName: 'Vũ Thị Một' });
      const v2 = { ...v1, fullName: 'Vũ Thị Hai', updatedAt: '2026-02-01T00:00:00.000Z' };
      const v3 = { ...v2, _deleted: true, updatedAt: '2026-03-01T00:00:00.000Z' };
      await srv().push(ward, [{ newDocumentState: v1 }]);
      await srv().push(ward, [{ assumedMasterState: v1, newDocumentState: v2 }]);
      await importFile(ward, [rec('residents', v3, v2)]);
      const res = await get(ward, `/records/residents/${String(v1['id'])}/history`);
      expect(res.statusCode).toBe(200);
      const body = recordHistoryResponseSchema.parse(res.json());
      expect(body.collection).toBe('residents');
      expect(body.current).toMatchObject({ doc: strip(v3), deleted: true });
      expect(body.history.map((h) => [h.doc, h.deleted])).toEqual([
        [strip(v1), false],
        [strip(v2), false],
      ]);
      expect(body.history[1]!.seq).toBe(body.history[0]!.replacedBySeq);
      expect(body.current!.seq).toBe(body.history[1]!.replacedBySeq);
      // Written and replaced in one transaction: the same instant.
      expect(body.current!.receivedAt).toBe(body.history[1]!.replacedAt);
    });

    test("is not found for another ward's record, an unknown or malformed id, or an unknown collection", async () => {
      const ward = await seedTestWard(store());
      const other = await seedTestWard(store());
      const theirs = makeResident(other);
      await srv().push(other, [{ newDocumentState: theirs }]);
      for (const path of [
        `/records/residents/${String(theirs['id'])}/history`,
        `/records/residents/${newId()}/history`,
        '/records/residents/not-an-id/history',
        `/records/people/${String(theirs['id'])}/history`,
      ]) {
        expectErrorResponse(await get(ward, path), 404, 'not_found');
      }
    });

    test('works for a residential group (its id is not a UUID)', async () => {
      const ward = await seedTestWard(store());
      const body = recordHistoryResponseSchema.parse((await get(ward, '/records/groups/g1/history')).json());
      expect(body.current?.doc).toMatchObject({ id: 'g1', wardCode: ward });
      expect(body.history).toEqual([]);
    });
  });

  describe('the load per residential group', () => {
    test('counts live records only and flags a group above the phone-comfort threshold', async () => {
      const ward = await seedTestWard(store());
      const r1 = makeResident(ward, 'g1');
      const r2 = makeResident(ward, 'g1');
      await srv().push(ward, [{ newDocumentState: r1 }, { newDocumentState: r2 }]);
      await srv().push(ward, [{ assumedMasterState: r2, newDocumentState: { ...r2, _deleted: true } }]);
      await srv().push(ward, [{ newDocumentState: makeSession(ward, 'g2') }], 'sessions');
      await srv().push(ward, [{ newDocumentState: makeCompletion(ward, 'g1') }], 'completions');

      const load = async () => groupLoadResponseSchema.parse((await get(ward, '/group-load')).json());
      const first = await load();
      expect(first.thresholds).toEqual(PHONE_COMFORT);
      expect(first.groups).toEqual([
        { groupId: 'g1', name: 'Tổ g1', residents: 1, sessions: 0, completions: 1, heavy: false, over: [] },
        { groupId: 'g2', name: 'Tổ g2', residents: 0, sessions: 1, completions: 0, heavy: false, over: [] },
      ]);

      // One resident more than a cheap phone handles comfortably, written straight into the table.
      await store().db.query(
        `insert into residents (id, ward_code, group_id, doc, deleted, seq)
         select gen_random_uuid()::text, $1, 'g2', '{}'::jsonb, false, nextval('sync_seq')
         from generate_series(1, $2::int)`,
        [ward, PHONE_COMFORT.residents + 1],
      );
      const second = await load();
      expect(second.groups[1]).toEqual({
        groupId: 'g2',
        name: 'Tổ g2',
        residents: PHONE_COMFORT.residents + 1,
        sessions: 1,
        completions: 0,
        heavy: true,
        over: ['residents'],
      });
      expect(second.groups[0]!.heavy).toBe(false);
    });
  });
}
