// Data-subject requests (docs/privacy.md R1–R6) through the real HTTP server, written once and run on both
// engines: privacy-requests.test.ts (PGlite) and privacy-requests.pg.test.ts (real PostgreSQL). Finding a
// resident (accents ignored), the access export of a whole person and of nobody else, rectification (a
// sequenced write phones pull, refused when the result is not a valid resident), erasure (tombstones only,
// history and quarantine scrubbed, coverage no longer counts the person, the request and audit logged),
// the push guard that keeps an erased record erased, and who may call these routes.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  UNSYNCED_EXPORT_FORMAT,
  UNSYNCED_EXPORT_VERSION,
  accessResponseSchema,
  unsyncedImportResponseSchema,
  coverageResponseSchema,
  eraseResponseSchema,
  newId,
  rectifyResponseSchema,
  residentSearchResponseSchema,
  subjectRequestsResponseSchema,
  withdrawnResponseSchema,
  type PlainDoc,
  type SyncCollection,
} from '../../../src/shared';
import { vietnamToday } from '../../../src/server/ward/coverage';
import {
  PROTOCOL_HEADERS,
  authHeaders,
  createAdmin,
  createOfficer,
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

const GROUPS = ['g1', 'g2', 'g3'];
const contact = {
  purpose: 'contact',
  askedBy: 'Trần Văn Tư',
  date: '2026-01-02',
  method: 'verbal',
  wordingVersion: 'v1',
};
const registration = { ...contact, purpose: 'registration' };
const trained = (code: string): PlainDoc => ({
  kind: 'trained',
  vneid: undefined,
  skills: [{ catalogue: '5-ky-nang', version: '2024', code }],
});
const without = ({ _deleted, ...rest }: PlainDoc): PlainDoc => rest;

/** Fields a tombstone may keep: nothing that says who the person is. */
const TOMBSTONE_KEYS = ['_deleted', 'erasedAt', 'groupId', 'id', 'residentId', 'wardCode'];

export function privacyContract(setup: () => Promise<ContractSetup>): void {
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

  async function call(
    method: 'GET' | 'POST',
    url: string,
    token: string,
    payload?: object,
  ): Promise<LightMyRequestResponse> {
    return srv().app.inject({
      method,
      url,
      headers: authHeaders(token),
      ...(payload === undefined ? {} : { payload }),
    });
  }
  const officer = (ward: string) => srv().officerToken(ward);
  const get = async (ward: string, path: string) =>
    call('GET', `/v1/wards/${ward}${path}`, await officer(ward));
  const post = async (ward: string, id: string, action: string, body: object) =>
    call('POST', `/v1/wards/${ward}/residents/${id}/${action}`, await officer(ward), body);

  async function search(ward: string, q: string) {
    const res = await get(ward, `/privacy/residents?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return residentSearchResponseSchema.parse(res.json());
  }

  /** Pushes documents as the ward's officer; every one must be stored. */
  async function put(ward: string, collection: SyncCollection, docs: PlainDoc[]) {
    const answer = await srv().push(
      ward,
      docs.map((d) => ({ newDocumentState: d })),
      collection,
    );
    expect(answer).toMatchObject({ conflicts: [], quarantined: [] });
  }

  async function held(ward: string, collection: SyncCollection, id: unknown) {
    const rows: { doc: PlainDoc; seq: number }[] = [];
    for (let after = 0; ;) {
      const page = await store().pull(collection, ward, after, 1000);
      rows.push(...page.rows.map((r) => ({ doc: { ...r.doc, _deleted: r.deleted }, seq: r.seq })));
      if (page.rows.length < 1000) break;
      after = page.rows.at(-1)!.seq;
    }
    return rows.find((r) => r.doc['id'] === id);
  }

  /**
   * A person of three records (root in g1; dup merged into it by the officer, in g2; dup2 pushed as merged
   * into dup), their completions (one deleted) and a session, next to another person in the same ward.
   */
  async function seedPerson(ward: string) {
    const root = makeResident(ward, 'g1', {
      fullName: 'Nguyễn Thị Hoa',
      phone: '0912345678',
      citizenIdLast4: '4821',
      consents: [registration, contact],
    });
    const dup = makeResident(ward, 'g2', { fullName: 'Nguyễn Thị Hoà', birthYear: 1981 });
    const dup2 = makeResident(ward, 'g2', { fullName: 'Nguyen Thi Hoa', mergedInto: dup['id'] });
    const other = makeResident(ward, 'g1', {
      fullName: 'Trần Văn Nam',
      phone: '0987654321',
      consents: [registration, contact],
    });
    await put(ward, 'residents', [root, dup, dup2, other]);
    const merged = await call('POST', `/v1/wards/${ward}/duplicates/merge`, await officer(ward), {
      fromId: dup['id'],
      intoId: root['id'],
    });
    expect(merged.statusCode, merged.body).toBe(201);
    const completions = {
      vneid: makeCompletion(ward, 'g1', { residentId: root['id'], notes: 'Đã xem trên ứng dụng' }),
      trained: makeCompletion(ward, 'g2', { residentId: dup['id'], ...trained('3') }),
      deleted: makeCompletion(ward, 'g2', { residentId: dup2['id'], ...trained('2'), _deleted: true }),
      other: makeCompletion(ward, 'g1', { residentId: other['id'], ...trained('1') }),
    };
    await put(ward, 'completions', Object.values(completions));
    const sessions = {
      shared: makeSession(ward, 'g1', { attendeeIds: [dup['id'], other['id']] }),
      otherOnly: makeSession(ward, 'g1', { attendeeIds: [other['id']], place: 'Nhà ông Nam' }),
    };
    await put(ward, 'sessions', Object.values(sessions));
    return { root, dup, dup2, other, completions, sessions };
  }

  const personIds = (p: Awaited<ReturnType<typeof seedPerson>>) =>
    [p.root, p.dup, p.dup2].map((r) => String(r['id']));

  describe('finding a resident', () => {
    test('by name with accents and case ignored, by ID digits and by phone; live records only', async () => {
      const ward = await seedTestWard(store(), GROUPS);
      const elsewhere = await seedTestWard(store(), GROUPS);
      const p = await seedPerson(ward);
      const nfd = makeResident(ward, 'g3', { fullName: 'Lê Thị Hồng'.normalize('NFD') });
      const gone = makeResident(ward, 'g3', { fullName: 'Nguyễn Thị Hoa Đã Xoá', _deleted: true });
      await put(ward, 'residents', [nfd, gone]);
      await put(elsewhere, 'residents', [makeResident(elsewhere, 'g1', { fullName: 'Nguyễn Thị Hoa' })]);

      const found = await search(ward, 'nguyen hoa');
      expect(found.more).toBe(false);
      expect(found.residents.map((h) => h.id).sort()).toEqual(personIds(p).sort());
      expect(found.residents.find((h) => h.id === p.root['id'])).toEqual({
        id: p.root['id'],
        fullName: 'Nguyễn Thị Hoa',
        birthYear: 1980,
        sex: 'female',
        groupId: 'g1',
        groupName: 'Tổ g1',
        registrationConsent: true,
      });
      expect(found.residents.find((h) => h.id === p.dup['id'])?.mergedInto).toBe(p.root['id']);
      expect((await search(ward, 'NGUYỄN THỊ HOÀ')).residents).toHaveLength(3);
      expect((await search(ward, 'hồng')).residents.map((h) => h.id)).toEqual([nfd['id']]);
      expect((await search(ward, '4821')).residents.map((h) => h.id)).toEqual([p.root['id']]);
      expect((await search(ward, '+84 912 345 678')).residents.map((h) => h.id)).toEqual([p.root['id']]);
      expect((await search(ward, 'van nam')).residents.map((h) => h.id)).toEqual([p.other['id']]);
      expect((await search(ward, '100%_')).residents).toEqual([]);

      // Newest first: one entry per search, with the count of hits and nothing of the query.
      const entries = await store().listAudit(ward, { limit: 50, actionPrefix: 'read.search' });
      expect(entries.map((e) => [e.subject, e.detail['count']])).toEqual(
        [0, 1, 1, 1, 1, 3, 3].map((count) => ['residents', count]),
      );
      expect(JSON.stringify(entries)).not.toMatch(/Nguy|nguy|Hoa|hoa|Hồng|hồng|Văn Nam|van nam/);

      expectErrorResponse(await get(ward, '/privacy/residents'), 400, 'bad_request');
      expectErrorResponse(await get(ward, '/privacy/residents?q=a&x=1'), 400, 'bad_request');
    });

    test('more than the screen shows: at most 50 hits and "more"', async () => {
      const ward = await seedTestWard(store(), GROUPS);
      const many = Array.from({ length: 52 }, () => makeResident(ward, 'g1', { fullName: 'Phạm Thị Lan' }));
      await put(ward, 'residents', many);
      const found = await search(ward, 'pham lan');
      expect(found.residents).toHaveLength(50);
      expect(found.more).toBe(true);
    });

    test('the "to erase" list: live residents whose registration consent is withdrawn', async () => {
      const ward = await seedTestWard(store(), GROUPS);
      const withdrawn = makeResident(ward, 'g2', {
        fullName: 'Đỗ Văn Rút',
        consents: [{ ...registration, withdrawnOn: '2026-02-01' }],
      });
      const erasedLater = makeResident(ward, 'g2', {
        fullName: 'Đỗ Văn Xoá',
        consents: [{ ...registration, withdrawnOn: '2026-02-01' }],
        _deleted: true,
      });
      await put(ward, 'residents', [withdrawn, erasedLater, makeResident(ward, 'g1')]);
      const res = await get(ward, '/privacy/withdrawn');
      expect(res.statusCode, res.body).toBe(200);
      const { residents } = withdrawnResponseSchema.parse(res.json());
      expect(residents).toEqual([
        expect.objectContaining({ id: withdrawn['id'], fullName: 'Đỗ Văn Rút', registrationConsent: false }),
      ]);
      expect((await search(ward, 'do van rut')).residents[0]?.registrationConsent).toBe(false);
    });
  });

  describe('access (R1)', () => {
    test('the whole person, readable, and nobody else; logged with the day asked', async () => {
      const ward = await seedTestWard(store(), GROUPS);
      const p = await seedPerson(ward);
      const token = await officer(ward);
      const volunteer = await enrollDevice(srv(), token, ward, {
        role: 'volunteer',
        groupIds: ['g1'],
        fullName: 'Lò Thị Tình Nguyện',
      });
      await enrollDevice(srv(), token, ward, {
        role: 'leader',
        groupIds: ['g2'],
        fullName: 'Hà Văn Tổ Trưởng',
      });
      await enrollDevice(srv(), token, ward, {
        role: 'volunteer',
        groupIds: ['g3'],
        fullName: 'Người Tổ Ba',
      });
      expect(volunteer.deviceId).toBeTruthy();

      const res = await post(ward, String(p.dup2['id']), 'access', {
        receivedOn: '2026-02-03',
        note: 'Đến trực tiếp',
      });
      expect(res.statusCode, res.body).toBe(201);
      const { request, export: data } = accessResponseSchema.parse(res.json());
      expect(request).toMatchObject({
        residentId: p.dup2['id'],
        kind: 'access',
        receivedOn: '2026-02-03',
        note: 'Đến trực tiếp',
        handledByName: `Cán bộ ${ward}`,
      });
      expect(data).toMatchObject({
        wardCode: ward,
        wardName: `Phường thử ${ward}`,
        producedBy: `Cán bộ ${ward}`,
      });
      expect(data.records.map((r) => r.id).sort()).toEqual(personIds(p).sort());
      const root = data.records.find((r) => r.id === p.root['id']);
      expect(root).toMatchObject({
        fullName: 'Nguyễn Thị Hoa',
        phone: '0912345678',
        citizenIdLast4: '4821',
        groupName: 'Tổ g1',
        consents: [registration, contact],
      });
      expect(data.records.find((r) => r.id === p.dup['id'])?.mergedInto).toBe(p.root['id']);

      const completions = new Map(data.completions.map((c) => [c.id, c]));
      expect([...completions.keys()].sort()).toEqual(
        [p.completions.vneid, p.completions.trained, p.completions.deleted]
          .map((c) => String(c['id']))
          .sort(),
      );
      expect(completions.get(String(p.completions.trained['id']))).toEqual({
        id: p.completions.trained['id'],
        recordId: p.dup['id'],
        kind: 'trained',
        skills: [{ code: '3', name: 'Thanh toán trực tuyến' }],
        doneOn: '2026-01-06',
        recordedBy: 'Trần Văn Tư',
        deleted: false,
      });
      expect(completions.get(String(p.completions.deleted['id']))?.deleted).toBe(true);
      expect(completions.get(String(p.completions.vneid['id']))).toMatchObject({
        kind: 'vneid',
        vneid: { channel: 'vneid_app' },
        deleted: false,
      });
      expect(data.sessions).toEqual([
        {
          id: p.sessions.shared['id'],
          heldOn: '2026-01-05',
          place: 'Nhà văn hoá tổ 1',
          skills: [{ code: '1', name: 'Sử dụng dịch vụ công trực tuyến' }],
        },
      ]);
      expect(data.merges).toEqual([
        { fromId: p.dup['id'], intoId: p.root['id'], at: expect.any(String), by: `Cán bộ ${ward}` },
      ]);
      expect(data.requests).toEqual([]);
      expect(data.visibleTo).toEqual([
        { role: 'officer', fullName: `Cán bộ ${ward}` },
        { role: 'leader', fullName: 'Hà Văn Tổ Trưởng' },
        { role: 'volunteer', fullName: 'Lò Thị Tình Nguyện' },
      ]);
      // Nobody else's data: not the other person's name, phone, records, completion or session.
      const text = JSON.stringify(data);
      for (const leak of [
        'Trần Văn Nam',
        '0987654321',
        p.other['id'],
        p.completions.other['id'],
        p.sessions.otherOnly['id'],
        'Người Tổ Ba',
      ]) {
        expect(text).not.toContain(String(leak));
      }

      // A second request lists the first; the log and the audit hold ids, not names.
      const again = accessResponseSchema.parse((await post(ward, String(p.root['id']), 'access', {})).json());
      expect(again.request.receivedOn).toBe(vietnamToday());
      expect(again.export.requests).toEqual([
        { kind: 'access', receivedOn: '2026-02-03', doneAt: request.doneAt },
      ]);
      const log = subjectRequestsResponseSchema.parse((await get(ward, '/subject-requests')).json());
      expect(log.requests.map((r) => [r.kind, r.residentId])).toEqual([
        ['access', p.root['id']],
        ['access', p.dup2['id']],
      ]);
      const audit = await store().listAudit(ward, { limit: 50, actionPrefix: 'request' });
      expect(audit.map((e) => [e.action, e.subject])).toEqual([
        ['request.access', `residents/${String(p.root['id'])}`],
        ['request.access', `residents/${String(p.dup2['id'])}`],
      ]);
      expect(JSON.stringify([log, audit])).not.toMatch(/Nguy|Hoa/);
    });

    test("an unknown record, another ward's, a malformed id or a future day are refused", async () => {
      const ward = await seedTestWard(store(), GROUPS);
      const other = await seedTestWard(store(), GROUPS);
      const theirs = makeResident(other, 'g1');
      await put(other, 'residents', [theirs]);
      const mine = makeResident(ward, 'g1');
      await put(ward, 'residents', [mine]);
      expectErrorResponse(await post(ward, newId(), 'access', {}), 404, 'not_found');
      expectErrorResponse(await post(ward, String(theirs['id']), 'access', {}), 404, 'not_found');
      expectErrorResponse(await post(ward, 'not-an-id', 'access', {}), 404, 'not_found');
      const future = await post(ward, String(mine['id']), 'access', { receivedOn: '2999-01-01' });
      expectErrorResponse(future, 400, 'invalid_body');
      expectErrorResponse(await post(ward, String(mine['id']), 'access', { extra: 1 }), 400, 'invalid_body');
      expect((await store().listSubjectRequests(ward)).length).toBe(0);
    });
  });

  describe('rectification (R2)', () => {
    test('a valid correction is a sequenced write phones pull; the log names fields only', async () => {
      const ward = await seedTestWard(store(), GROUPS);
      const r = makeResident(ward, 'g1', {
        citizenIdLast4: '1234',
        phone: '0912345678',
        consents: [registration, contact],
      });
      await put(ward, 'residents', [r]);
      const before = (await held(ward, 'residents', r['id']))!;
      const res = await post(ward, String(r['id']), 'rectify', {
        receivedOn: '2026-02-10',
        changes: {
          fullName: '  Nguyễn   Thị Hoà ',
          birthYear: 1979,
          citizenIdLast4: null,
          phone: '0912345678',
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      const { request, resident } = rectifyResponseSchema.parse(res.json());
      expect(request).toMatchObject({
        kind: 'rectify',
        receivedOn: '2026-02-10',
        detail: { fields: ['fullName', 'birthYear', 'citizenIdLast4'] },
      });
      const after = (await held(ward, 'residents', r['id']))!;
      expect(after.seq).toBeGreaterThan(before.seq);
      expect(without(after.doc)).toEqual(resident);
      expect(after.doc).toMatchObject({ fullName: 'Nguyễn Thị Hoà', birthYear: 1979, phone: '0912345678' });
      expect(after.doc).not.toHaveProperty('citizenIdLast4');
      expect(after.doc['updatedAt']).not.toBe(r['updatedAt']);
      // A phone pulling from where it was gets the correction.
      const pulled = await srv().pull('residents', ward, before.seq);
      expect(pulled.documents).toEqual([after.doc]);
      expect((await store().recordHistory('residents', ward, String(r['id']))).map((h) => h.doc)).toEqual([
        without(r),
      ]);
      const audit = await store().listAudit(ward, { limit: 10, actionPrefix: 'request.rectify' });
      expect(audit[0]).toMatchObject({
        subject: `residents/${String(r['id'])}`,
        detail: { fields: ['fullName', 'birthYear', 'citizenIdLast4'] },
      });
      expect(JSON.stringify([request, audit])).not.toMatch(/Hoà/);
    });

    test('a correction that is not a valid resident is refused and changes nothing', async () => {
      const ward = await seedTestWard(store(), GROUPS);
      const r = makeResident(ward, 'g1');
      await put(ward, 'residents', [r]);
      const before = await held(ward, 'residents', r['id']);
      const refused = [
        [{ phone: '0912345678' }, 'phone.needsConsent'],
        [{ birthDate: '1975-03-04' }, 'birthDate.mismatch'],
        [{ sex: 'other' }, 'sex.required'],
        [{ fullName: 'A' }, 'fullName.tooShort'],
      ] as const;
      for (const [changes, key] of refused) {
        const res = await post(ward, String(r['id']), 'rectify', { changes });
        expectErrorResponse(res, 400, 'invalid_body');
        expect(res.json().error.message).toContain(key);
      }
      expectErrorResponse(await post(ward, String(r['id']), 'rectify', { changes: {} }), 400, 'invalid_body');
      expectErrorResponse(
        await post(ward, newId(), 'rectify', { changes: { birthYear: 1970 } }),
        404,
        'not_found',
      );
      expect(await held(ward, 'residents', r['id'])).toEqual(before);
      expect(await store().recordHistory('residents', ward, String(r['id']))).toEqual([]);
      expect(await store().listSubjectRequests(ward)).toEqual([]);
    });
  });

  describe('erasure (R3–R6)', () => {
    async function coverage(ward: string) {
      const res = await get(ward, '/coverage');
      expect(res.statusCode, res.body).toBe(200);
      const { ward: row } = coverageResponseSchema.parse(res.json());
      return { adults: row.registeredAdults, K: row.K.count, V: row.V.count };
    }

    test('every record and completion of the person becomes a bare tombstone, everywhere', async () => {
      const ward = await seedTestWard(store(), GROUPS);
      const p = await seedPerson(ward);
      const ids = personIds(p);
      const completionIds = [p.completions.vneid, p.completions.trained, p.completions.deleted].map((c) =>
        String(c['id']),
      );
      // Earlier states in record_history (an edit) and put-aside payloads naming the person.
      const edit = { ...p.root, birthYear: 1982, updatedAt: '2026-01-03T00:00:00.000Z' };
      expect(await srv().push(ward, [{ assumedMasterState: p.root, newDocumentState: edit }])).toMatchObject({
        conflicts: [],
      });
      const pushedAside = await srv().push(ward, [
        { newDocumentState: { ...p.other, id: p.root['id'], fullName: '' } },
      ]);
      expect(pushedAside.quarantined).toHaveLength(1);
      const badCompletion = makeCompletion(ward, 'g1', { residentId: p.root['id'], kind: 'passed' });
      expect(
        (await srv().push(ward, [{ newDocumentState: badCompletion }], 'completions')).quarantined,
      ).toHaveLength(1);
      const keptAside = makeResident(ward, 'g1', { fullName: '' });
      expect((await srv().push(ward, [{ newDocumentState: keptAside }])).quarantined).toHaveLength(1);
      expect(await coverage(ward)).toMatchObject({ V: 1 });
      const beforeSeq = (await srv().pull('residents', ward, 0, 1000)).checkpoint.seq;

      const wrong = await post(ward, String(p.dup['id']), 'erase', { confirmName: 'Nguyễn Thị Hoa' });
      expectErrorResponse(wrong, 400, 'invalid_body');
      expect(wrong.json().error.message).toContain('privacy.confirmName');
      expect((await held(ward, 'residents', p.dup['id']))!.doc['fullName']).toBe('Nguyễn Thị Hoà');

      // The name as typed on another keyboard (NFD) and with stray spaces is the same name.
      const res = await post(ward, String(p.dup['id']), 'erase', {
        confirmName: ' Nguyễn Thị Hoà '.normalize('NFD'),
        receivedOn: '2026-02-11',
      });
      expect(res.statusCode, res.body).toBe(200);
      const erased = eraseResponseSchema.parse(res.json());
      expect(erased.erased).toEqual({ residents: 3, completions: 3 });
      expect(erased.request).toMatchObject({
        kind: 'erase',
        residentId: p.dup['id'],
        receivedOn: '2026-02-11',
        detail: { residents: 3, completions: 3, ids: expect.arrayContaining([...ids, ...completionIds]) },
      });

      // Pulled as tombstones with no personal field, each a new write.
      const tombstone = (await held(ward, 'residents', p.root['id']))!;
      const erasedAt = tombstone.doc['erasedAt'];
      expect(typeof erasedAt).toBe('string');
      for (const id of ids) {
        const row = (await held(ward, 'residents', id))!;
        expect(row.seq).toBeGreaterThan(beforeSeq);
        expect(row.doc).toEqual({
          id,
          wardCode: ward,
          groupId: row.doc['groupId'],
          erasedAt,
          _deleted: true,
        });
      }
      for (const id of completionIds) {
        const row = (await held(ward, 'completions', id))!;
        expect(Object.keys(row.doc).sort()).toEqual(TOMBSTONE_KEYS);
        expect(row.doc).toMatchObject({ _deleted: true, erasedAt });
      }
      const pulled = await srv().pull('residents', ward, beforeSeq);
      expect(pulled.documents.map((d) => d['id']).sort()).toEqual([...ids].sort());
      expect(pulled.documents.every((d) => d['_deleted'] === true && !('fullName' in d))).toBe(true);

      // Nothing left behind in history or quarantine; the other person's put-aside row stays.
      const [history] = await store().db.query(
        `select count(*)::int as n from record_history where doc_id = any($1::text[])`,
        [[...ids, ...completionIds]],
      );
      expect(history!['n']).toBe(0);
      const aside = await store().listQuarantine(ward);
      expect(aside.map((q) => q.docId)).toEqual([keptAside['id']]);
      expect(
        JSON.stringify(await store().db.query('select doc from record_history where ward_code = $1', [ward])),
      ).not.toContain('Hoa');

      // Coverage no longer counts the person; the other person is untouched.
      expect(await coverage(ward)).toEqual({ adults: 1, K: 1, V: 0 });
      expect((await held(ward, 'residents', p.other['id']))!.doc['fullName']).toBe('Trần Văn Nam');
      expect((await held(ward, 'completions', p.completions.other['id']))!.doc['_deleted']).toBe(false);

      // Found nowhere any more; the request and audit logs keep ids and counts only.
      expect((await search(ward, 'nguyen hoa')).residents).toEqual([]);
      expectErrorResponse(await post(ward, String(p.root['id']), 'access', {}), 404, 'not_found');
      expectErrorResponse(
        await post(ward, String(p.dup['id']), 'erase', { confirmName: 'x' }),
        404,
        'not_found',
      );
      const log = subjectRequestsResponseSchema.parse((await get(ward, '/subject-requests')).json());
      expect(log.requests[0]).toMatchObject({
        kind: 'erase',
        receivedOn: '2026-02-11',
        doneAt: expect.any(String),
      });
      const audit = await store().listAudit(ward, { limit: 200 });
      expect(audit.find((e) => e.action === 'request.erase')).toMatchObject({
        subject: `residents/${String(p.dup['id'])}`,
        detail: { residents: 3, completions: 3 },
      });
      expect(JSON.stringify([log, audit])).not.toMatch(/Nguy|Hoa|Hoà|0912345678/);
      const merges = await store().listMerges(ward);
      expect(merges.map((m) => [m.fromName, m.intoName])).toEqual([['', '']]);
    });

    test('push guard: an erased record is never stored again, its new completion only as a tombstone', async () => {
      const ward = await seedTestWard(store(), GROUPS);
      const r = makeResident(ward, 'g1', { fullName: 'Vũ Thị Xoá' });
      await put(ward, 'residents', [r]);
      const volunteer = await enrollDevice(srv(), await officer(ward), ward, {
        role: 'volunteer',
        groupIds: ['g1'],
      });
      const erase = await post(ward, String(r['id']), 'erase', { confirmName: 'Vũ Thị Xoá' });
      expect(erase.statusCode, erase.body).toBe(200);
      const tomb = (await held(ward, 'residents', r['id']))!;

      // A phone's unsynced edit, based on the state before the erasure: the answer is the tombstone.
      const edit = { ...r, birthYear: 1970, updatedAt: '2026-03-01T00:00:00.000Z' };
      const answer = await srv().push(
        ward,
        [{ assumedMasterState: r, newDocumentState: edit }],
        'residents',
        volunteer.deviceToken,
      );
      expect(answer).toMatchObject({ conflicts: [tomb.doc], quarantined: [] });
      // Nor a state that assumes the tombstone (an older app's merge that kept the edit, deleted or not).
      for (const _deleted of [true, false]) {
        const resurrected = await srv().push(ward, [
          { assumedMasterState: tomb.doc, newDocumentState: { ...edit, _deleted } },
        ]);
        expect(resurrected).toMatchObject({ conflicts: [tomb.doc], quarantined: [] });
      }
      // Not even an invalid state is kept aside; the tombstone itself is accepted without a write.
      const invalid = await srv().push(ward, [{ newDocumentState: { ...edit, fullName: '' } }]);
      expect(invalid).toMatchObject({ conflicts: [tomb.doc], quarantined: [] });
      expect(
        await srv().push(ward, [{ assumedMasterState: tomb.doc, newDocumentState: tomb.doc }]),
      ).toMatchObject({
        conflicts: [],
        quarantined: [],
      });
      expect(await held(ward, 'residents', r['id'])).toEqual(tomb);
      expect(await store().recordHistory('residents', ward, String(r['id']))).toEqual([]);
      expect(await store().listQuarantine(ward)).toEqual([]);

      // A completion recorded offline for the erased resident: stored as a bare tombstone only.
      const late = makeCompletion(ward, 'g1', { residentId: r['id'], notes: 'Bà Xoá đã học' });
      const lateAnswer = await srv().push(
        ward,
        [{ newDocumentState: late }],
        'completions',
        volunteer.deviceToken,
      );
      const expected = {
        id: late['id'],
        wardCode: ward,
        groupId: 'g1',
        residentId: r['id'],
        erasedAt: tomb.doc['erasedAt'],
        _deleted: true,
      };
      expect(lateAnswer).toMatchObject({ conflicts: [expected], quarantined: [] });
      expect((await held(ward, 'completions', late['id']))!.doc).toEqual(expected);
      // Pushed again (the phone had not taken the answer yet): the same tombstone, no new write.
      const seq = (await held(ward, 'completions', late['id']))!.seq;
      expect(await srv().push(ward, [{ newDocumentState: late }], 'completions')).toMatchObject({
        conflicts: [expected],
      });
      expect((await held(ward, 'completions', late['id']))!.seq).toBe(seq);
      expect(await store().recordHistory('completions', ward, String(late['id']))).toEqual([]);
      expect(await coverage(ward)).toMatchObject({ adults: 0, K: 0, V: 0 });
    });
    test("import guard: a phone's unsynced file cannot bring an erased record back", async () => {
      const ward = await seedTestWard(store(), GROUPS);
      const r = makeResident(ward, 'g1', { fullName: 'Đinh Thị Xoá' });
      await put(ward, 'residents', [r]);
      const erase = await post(ward, String(r['id']), 'erase', { confirmName: 'Đinh Thị Xoá' });
      expect(erase.statusCode, erase.body).toBe(200);
      const tomb = (await held(ward, 'residents', r['id']))!;
      const late = makeCompletion(ward, 'g1', { residentId: r['id'], notes: 'Bà Xoá đã học' });
      const file = {
        format: UNSYNCED_EXPORT_FORMAT,
        version: UNSYNCED_EXPORT_VERSION,
        wardCode: ward,
        deviceId: newId(),
        account: { id: newId(), fullName: 'Tình nguyện viên Thử', role: 'volunteer' },
        appVersion: 'test-1.0.0',
        exportedAt: '2026-11-23T08:00:00.000Z',
        records: [
          { collection: 'residents', doc: { ...r, birthYear: 1971 }, baseState: r },
          { collection: 'completions', doc: late },
        ],
      };
      const res = await srv().app.inject({
        method: 'POST',
        url: `/v1/wards/${ward}/unsynced-import`,
        headers: authHeaders(await officer(ward)),
        payload: file,
      });
      expect(res.statusCode, res.body).toBe(200);
      const answer = unsyncedImportResponseSchema.parse(res.json());
      expect(answer.results.map((x) => x.outcome)).toEqual(['erased', 'erased']);
      expect(answer.counts.erased).toBe(2);
      expect(await held(ward, 'residents', r['id'])).toEqual(tomb);
      expect((await held(ward, 'completions', late['id']))!.doc).toEqual({
        id: late['id'],
        wardCode: ward,
        groupId: 'g1',
        residentId: r['id'],
        erasedAt: tomb.doc['erasedAt'],
        _deleted: true,
      });
      expect(await store().listQuarantine(ward)).toEqual([]);
      expect(
        JSON.stringify(await store().recordHistory('completions', ward, String(late['id']))),
      ).not.toContain('Xoá');
    });
  });

  describe('who may make these requests', () => {
    test('the officer of the ward only: 401 without a token, 403 for anyone else', async () => {
      const ward = await seedTestWard(store(), GROUPS);
      const other = await seedTestWard(store(), GROUPS);
      const r = makeResident(ward, 'g1');
      await put(ward, 'residents', [r]);
      const token = await officer(ward);
      const tokens = {
        admin: (await createAdmin(store())).token,
        otherOfficer: (await createOfficer(store(), other)).token,
        volunteer: (await enrollDevice(srv(), token, ward, { role: 'volunteer', groupIds: ['g1'] }))
          .deviceToken,
        leader: (await enrollDevice(srv(), token, ward, { role: 'leader', groupIds: ['g1'] })).deviceToken,
      };
      const id = String(r['id']);
      const routes: ['GET' | 'POST', string, object?][] = [
        ['GET', `/v1/wards/${ward}/privacy/residents?q=hoa`],
        ['GET', `/v1/wards/${ward}/privacy/withdrawn`],
        ['GET', `/v1/wards/${ward}/subject-requests`],
        ['POST', `/v1/wards/${ward}/residents/${id}/access`, {}],
        ['POST', `/v1/wards/${ward}/residents/${id}/rectify`, { changes: { birthYear: 1970 } }],
        ['POST', `/v1/wards/${ward}/residents/${id}/erase`, { confirmName: 'Nguyễn Thị Hoa' }],
      ];
      for (const [method, url, payload] of routes) {
        const none = await srv().app.inject({
          method,
          url,
          headers: PROTOCOL_HEADERS,
          ...(payload ? { payload } : {}),
        });
        expectErrorResponse(none, 401, 'unauthenticated');
        for (const [who, t] of Object.entries(tokens)) {
          const res = await call(method, url, t, payload);
          expect(res.statusCode, `${who} ${method} ${url}`).toBe(403);
        }
      }
      expect((await held(ward, 'residents', id))!.doc).toEqual(r);
      expect(await store().listSubjectRequests(ward)).toEqual([]);
    });
  });
}
