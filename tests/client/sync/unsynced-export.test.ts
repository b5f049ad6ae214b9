// The phone's "unsynced records" file with real devices (RxDB, memory storage) and the real server: it
// holds exactly what the server has not acknowledged, with the state the phone last knew the server to
// hold as the merge base; the officer's import then brings those records to the other phones, and the
// phone itself converges when it is back online (docs/unsynced-export.md).
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { RxCollection } from 'rxdb';
import { buildUnsyncedExport, unsyncedExportFileName } from '../../../src/client/sync/unsynced-export';
import {
  syncState,
  unsyncedExportSchema,
  unsyncedImportResponseSchema,
  type PlainDoc,
  type UnsyncedExport,
} from '../../../src/shared';
import { authHeaders } from '../../helpers/server';
import {
  differences,
  draft,
  localRecords,
  saved,
  serverRecords,
  settle,
  startDevice,
  startTestServer,
  syncRound,
  type TestDevice,
  type TestServer,
} from '../../sync/harness';

let server: TestServer;
let devices: TestDevice[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await Promise.all(devices.map((d) => d.close()));
  devices = [];
});

async function device(name: string, groupIds?: string[]): Promise<TestDevice> {
  const d = await startDevice(server, name, groupIds ? { groupIds } : {});
  devices.push(d);
  return d;
}

function exportOf(d: TestDevice, withMarks = true): Promise<UnsyncedExport> {
  return buildUnsyncedExport({
    db: d.db,
    kv: d.kv,
    wardCode: d.wardCode,
    marks: withMarks ? d.sync.records.get() : null,
    deviceId: d.deviceId,
    account: { id: d.accountId, fullName: 'Tình nguyện viên Thử', role: 'volunteer' },
    appVersion: 'test',
    now: () => new Date('2026-11-23T08:00:00.000Z'),
  });
}

async function officerImport(file: UnsyncedExport) {
  const res = await server.app.inject({
    method: 'POST',
    url: `/v1/wards/${file.wardCode}/unsynced-import`,
    headers: authHeaders(server.officerToken),
    // Through JSON, as the officer's browser sends the file.
    payload: JSON.parse(JSON.stringify(file)) as object,
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return unsyncedImportResponseSchema.parse(res.json());
}

const onServer = async (collection: 'residents' | 'sessions', id: string) =>
  (await serverRecords(server, server.ward.code, collection)).get(id)?.state;

const idsOf = (file: UnsyncedExport) => file.records.map((r) => [r.collection, r.doc['id']]);

describe('the unsynced-records file', () => {
  test('holds what waits, with the base the phone had; the import reaches the other phones', async () => {
    const a = await device('export-a');
    const b = await device('export-b');
    const hoa = await saved(a.db.residents.add(draft('Nguyễn Thị Hoa')));
    await settle(server, [a, b]);
    const v1 = await onServer('residents', hoa.id);
    expect(v1).toBeDefined();

    // Phone A loses the network for good; it keeps working.
    a.setOnline(false);
    const fresh = await saved(a.db.residents.add(draft('Trần Văn Mới')));
    await saved(a.db.residents.update(hoa.id, { ...a.db.residents.draftOf(hoa), birthYear: '1961' }));
    const session = await saved(
      a.db.sessions.add({
        date: '20/11/2026',
        place: 'Nhà văn hoá tổ 1',
        format: 'class',
        groupId: 'tdp-01',
        skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
        trainers: ['Trần Văn Tư'],
        attendeeIds: [hoa.id, fresh.id],
        notes: '',
      }),
    );
    // Meanwhile phone B renames the same resident, online.
    const onB = (await b.db.residents.get(hoa.id))!;
    await saved(
      b.db.residents.update(hoa.id, { ...b.db.residents.draftOf(onB), fullName: 'Nguyễn Thị Hoà' }),
    );
    await syncRound([b]);
    await a.untilMarks((m) => m.waiting.size === 3);

    const file = await exportOf(a);
    expect(unsyncedExportSchema.parse(JSON.parse(JSON.stringify(file)))).toEqual(file);
    expect(idsOf(file)).toEqual(
      expect.arrayContaining([
        ['residents', fresh.id],
        ['residents', hoa.id],
        ['sessions', session.id],
      ]),
    );
    expect(file.records).toHaveLength(3);
    const byId = new Map(file.records.map((r) => [r.doc['id'], r]));
    // The base is what the phone last knew the server to hold: v1, not B's later rename.
    expect(byId.get(hoa.id)!.baseState).toEqual(v1);
    expect(byId.get(hoa.id)!.doc).toEqual((await localRecords(a, 'residents')).get(hoa.id));
    expect(byId.get(fresh.id)!.baseState).toBeUndefined();
    expect(byId.get(session.id)!.baseState).toBeUndefined();
    expect(file).toMatchObject({ wardCode: server.ward.code, deviceId: a.deviceId, appVersion: 'test' });

    const answer = await officerImport(file);
    const outcome = new Map(answer.results.map((r) => [r.id, r.outcome]));
    expect(Object.fromEntries(outcome)).toEqual({
      [fresh.id]: 'added',
      [hoa.id]: 'merged',
      [session.id]: 'added',
    });
    // Both edits survive: B's rename and A's birth year.
    expect(await onServer('residents', hoa.id)).toMatchObject({
      fullName: 'Nguyễn Thị Hoà',
      birthYear: 1961,
    });

    // Phone B gets them by its normal pull.
    await syncRound([b]);
    const onPhoneB = await localRecords(b, 'residents');
    expect(onPhoneB.get(fresh.id)).toEqual(await onServer('residents', fresh.id));
    expect(onPhoneB.get(hoa.id)).toMatchObject({ fullName: 'Nguyễn Thị Hoà', birthYear: 1961 });
    expect((await localRecords(b, 'sessions')).get(session.id)).toEqual(
      await onServer('sessions', session.id),
    );

    // Phone A comes back: everyone converges and nothing was lost; the file is now old news.
    a.setOnline(true);
    await settle(server, [a, b]);
    expect(await differences(server, [a, b])).toEqual([]);
    expect(await onServer('residents', hoa.id)).toMatchObject({
      fullName: 'Nguyễn Thị Hoà',
      birthYear: 1961,
    });
    const again = await officerImport(file);
    expect(again.results.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect((await exportOf(a)).records).toEqual([]);
  });

  test('a deletion made offline is in the file and reaches the server as a tombstone', async () => {
    const a = await device('delete-a');
    const lan = await saved(a.db.residents.add(draft('Lê Thị Lan')));
    await settle(server, [a]);
    const v1 = await onServer('residents', lan.id);
    a.setOnline(false);
    const rx = a.db.rx.residents as unknown as RxCollection<PlainDoc>;
    await (await rx.findOne(lan.id).exec())!.remove();
    await a.untilMarks((m) => m.waiting.has(lan.id));

    const file = await exportOf(a);
    expect(file.records).toEqual([
      { collection: 'residents', doc: { ...v1, _deleted: true }, baseState: v1 },
    ]);
    expect((await officerImport(file)).results[0]!.outcome).toBe('updated');
    expect(await onServer('residents', lan.id)).toEqual({ ...v1, _deleted: true });
  });

  test('without sync running, the receipts alone decide: every unacknowledged record is in the file', async () => {
    const a = await device('nosync-a');
    const synced = await saved(a.db.residents.add(draft('Đã Gửi Rồi')));
    await settle(server, [a]);
    await a.stopSync();
    const later = await saved(a.db.residents.add(draft('Chưa Gửi')));
    const file = await exportOf(a, false);
    expect(idsOf(file)).toEqual([['residents', later.id]]);
    expect(idsOf(file)).not.toContainEqual(['residents', synced.id]);
    expect(file.records[0]!.doc).toEqual(syncState({ ...later, _deleted: false }));
  });

  test('a record the server put aside is in the file with its reason; the officer may take it in', async () => {
    // A volunteer of group 1 only records someone in group 2: the server puts it aside.
    const a = await device('aside-a', ['tdp-01']);
    const stray = await saved(a.db.residents.add(draft('Nhầm Tổ', 'tdp-02')));
    await a.untilMarks((m) => m.quarantined.has(stray.id));

    const file = await exportOf(a);
    expect(file.records).toEqual([
      {
        collection: 'residents',
        doc: syncState({ ...stray, _deleted: false }),
        putAside: { code: 'out_of_scope', message: expect.stringContaining('tdp-02') },
      },
    ]);
    // The officer's scope is the whole ward: the import stores it in group 2.
    expect((await officerImport(file)).results[0]!.outcome).toBe('added');
    expect(await onServer('residents', stray.id)).toEqual(syncState({ ...stray, _deleted: false }));
  });

  test('with nothing waiting the file is empty, and its name carries the ward and the day', async () => {
    const a = await device('empty-a');
    await saved(a.db.residents.add(draft('Phạm Thị Gửi')));
    await settle(server, [a]);
    expect((await exportOf(a)).records).toEqual([]);
    expect(unsyncedExportFileName('99990', new Date(2026, 10, 3, 23, 59))).toBe(
      'bdhvs-chua-dong-bo-99990-2026-11-03.json',
    );
  });
});
