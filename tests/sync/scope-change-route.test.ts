// Scope changes made the real way (docs/sync.md invariant 11; docs/auth.md
// `POST /v1/wards/:w/people/:id/groups`), with real RxDB devices (memory storage) and the real server:
// the ward's officer changes a volunteer's groups through the route, and the phone — with the token it
// already has — receives the gained group's existing residents, removes the lost group's, and keeps an
// unsynced edit of the lost group, shown put aside. A phone that is online learns of the change without
// "sync now" or a poll: the route ends its live update stream, and the reconnection pulls everything.
import type { RxCollection } from 'rxdb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { changeGroupsResponseSchema, type PlainDoc, type PullResponse } from '../../src/shared';
import { authHeaders, makeResident } from '../helpers/server';
import {
  draft,
  localRecords,
  pollUntil,
  saved,
  startDevice,
  startTestServer,
  type TestDevice,
  type TestServer,
  type TestWard,
} from './harness';
import { fetchBodyText } from '../helpers/bodies';

let server: TestServer;
let devices: TestDevice[] = [];
/** Each test has a ward of its own (groups tdp-01…tdp-03), so it sees only its own records. */
let ward: TestWard;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  ward = await server.addWard();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(devices.map((d) => d.close()));
  devices = [];
});

async function device(name: string, groupIds: string[]): Promise<TestDevice> {
  const d = await startDevice(server, name, { groupIds, ward });
  devices.push(d);
  return d;
}

/** The officer's "Đổi tổ phụ trách": the route, with the ward officer's session. */
async function changeGroups(d: TestDevice, groupIds: string[]): Promise<string[]> {
  const res = await server.app.inject({
    method: 'POST',
    url: `/v1/wards/${ward.code}/people/${d.accountId}/groups`,
    headers: authHeaders(ward.officerToken),
    payload: { groupIds },
  });
  expect(res.statusCode, res.body).toBe(200);
  return changeGroupsResponseSchema.parse(res.json()).account.groupIds;
}

/** Residents written on the server by the ward's officer (another phone's work, as far as `d` knows). */
async function officerAdds(groupId: string, n: number): Promise<PlainDoc[]> {
  const docs = Array.from({ length: n }, () => makeResident(ward.code, groupId));
  const res = await server.app.inject({
    method: 'POST',
    url: '/v1/sync/residents/push',
    query: { wardCode: ward.code },
    headers: authHeaders(ward.officerToken),
    payload: { rows: docs.map((doc) => ({ newDocumentState: doc })) },
  });
  expect(res.statusCode).toBe(200);
  return docs;
}

/** The residents the device pulls and the rows it pushes, from now on. */
function watchTraffic(d: TestDevice) {
  const pulled: string[] = [];
  const pushed: PlainDoc[] = [];
  const reads: Promise<void>[] = [];
  d.net.before = (url, init) => {
    const text = fetchBodyText(init.body);
    if (url.includes('/push') && text !== undefined) {
      const body = JSON.parse(text) as { rows: { newDocumentState: PlainDoc }[] };
      pushed.push(...body.rows.map((r) => r.newDocumentState));
    }
    return init;
  };
  d.net.after = (url, res) => {
    if (!url.includes('/v1/sync/residents/pull')) return;
    reads.push(
      res
        .clone()
        .json()
        .then((page: PullResponse) => {
          pulled.push(...page.documents.map((doc) => String(doc['id'])));
        }),
    );
  };
  return {
    pulled: async () => {
      await Promise.all(reads);
      return pulled;
    },
    pushed,
  };
}

const live = async (d: TestDevice, collection: 'residents' | 'groups' = 'residents') => {
  const rx = d.db.rx[collection] as unknown as RxCollection<PlainDoc>;
  return new Set((await rx.find().exec()).map((doc) => String(doc.primary)));
};

const ids = (docs: readonly PlainDoc[]) => docs.map((d) => String(d['id']));
const sorted = (values: Iterable<string>) => [...values].sort();

describe("the officer changes a volunteer's groups through the route", () => {
  test('the phone back-fills the gained group, evicts the lost one, and keeps its unsynced edit put aside', async () => {
    const kept = await officerAdds('tdp-01', 2);
    const lost = await officerAdds('tdp-02', 3);
    const gained = await officerAdds('tdp-03', 3);
    const a = await device('route-change', ['tdp-01', 'tdp-02']);
    await a.sync.awaitInSync();
    expect(await live(a)).toEqual(new Set(ids([...kept, ...lost])));
    const before = await server.store.pull('residents', ward.code, 0, 10_000);

    // Offline, the volunteer edits a record of tdp-02 and adds one there; meanwhile the officer moves
    // them from tdp-01 + tdp-02 to tdp-01 + tdp-03.
    a.setOnline(false);
    const editedId = String(lost[0]!['id']);
    const doc = await a.db.rx.residents.findOne(editedId).exec();
    await doc!.incrementalPatch({ fullName: 'Tên Đã Sửa', updatedAt: '2026-06-01T00:00:00.000Z' });
    const added = await saved(a.db.residents.add(draft('Phan Văn Mới', 'tdp-02')));
    expect(await changeGroups(a, ['tdp-01', 'tdp-03'])).toEqual(['tdp-01', 'tdp-03']);

    const traffic = watchTraffic(a);
    a.setOnline(true);
    await a.sync.awaitInSync();
    const marks = await a.untilMarks((m) => m.quarantined.size === 2);
    await pollUntil(
      async () =>
        sorted(await live(a)).join() === sorted([...ids(kept), ...ids(gained), editedId, added.id]).join(),
      'the phone holds exactly its new scope and its own unsynced records',
    );

    // The gained group's records came down — and nothing of the group the phone already held.
    expect(sorted(await traffic.pulled())).toEqual(sorted(ids(gained)));
    expect(await live(a, 'groups')).toEqual(new Set(['tdp-01', 'tdp-03']));

    // The edit and the new record stay on the phone, put aside out_of_scope, as the volunteer left them.
    expect(sorted([...marks.quarantined.entries()].map(([id, q]) => `${id}:${q.code}`))).toEqual(
      sorted([`${editedId}:out_of_scope`, `${added.id}:out_of_scope`]),
    );
    expect((await a.db.rx.residents.findOne(editedId).exec())!.get('fullName')).toBe('Tên Đã Sửa');
    expect(a.status().waiting).toBe(2);

    // Only the volunteer's two records were pushed: the evictions never reached the server, whose rows
    // of tdp-02 are untouched (same states, same sequence values, no history)...
    expect(sorted(traffic.pushed.map((d) => `${String(d['id'])}:${String(d['_deleted'])}`))).toEqual(
      sorted([`${editedId}:false`, `${added.id}:false`]),
    );
    const lostIds = new Set(ids(lost));
    const ofLost = (rows: typeof before.rows) => rows.filter((r) => lostIds.has(String(r.doc['id'])));
    expect(ofLost((await server.store.pull('residents', ward.code, 0, 10_000)).rows)).toEqual(
      ofLost(before.rows),
    );
    for (const id of lostIds)
      expect(await server.store.recordHistory('residents', ward.code, id)).toEqual([]);
    // ...and the refused edits wait in the server's quarantine for the officer.
    const quarantined = (await server.store.listQuarantine(ward.code)).map((q) => q.docId);
    expect(quarantined).toEqual(expect.arrayContaining([editedId, added.id]));

    // The evicted records leave only their key on the phone: no name of the lost group stays.
    const local = await localRecords(a, 'residents');
    for (const r of lost.slice(1)) {
      expect(local.get(String(r['id']))).toEqual({
        id: r['id'],
        wardCode: ward.code,
        groupId: 'tdp-02',
        _deleted: true,
      });
    }
  });

  test('an online phone learns of the change through its live stream, without "sync now" or a poll', async () => {
    const older = await officerAdds('tdp-02', 2);
    const mine = await officerAdds('tdp-01', 1);
    const opened = vi.spyOn(server.store.changes, 'onAccessChanged');
    const a = await device('route-live', ['tdp-01']);
    await a.sync.awaitInSync();
    // The phone's live stream is open on the server (it listens for this account's access changes).
    const streamsOpened = () => opened.mock.calls.filter(([id]) => id === a.accountId).length;
    await pollUntil(() => streamsOpened() === 1, 'the live stream is open');
    expect(await live(a)).toEqual(new Set(ids(mine)));

    expect(await changeGroups(a, ['tdp-02'])).toEqual(['tdp-02']);

    // The route ended the stream; the phone reconnected and pulled under its new groups.
    await pollUntil(
      async () => sorted(await live(a)).join() === sorted(ids(older)).join(),
      "the phone holds tdp-02's records and no longer tdp-01's",
    );
    expect(streamsOpened()).toBeGreaterThanOrEqual(2);
    await pollUntil(
      async () => sorted(await live(a, 'groups')).join() === 'tdp-02',
      'the phone holds only its new group',
    );
    expect(a.status().waiting).toBe(0);
    expect(a.sync.records.get().quarantined.size).toBe(0);
  });
});
