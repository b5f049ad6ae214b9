// Scope changes (docs/sync.md invariant 11) with real RxDB devices (memory storage) and the real server:
// a volunteer who gains a group receives its older records without downloading again what the phone
// holds; one who loses a group sees its records leave the phone — nothing pushed back, the server's rows
// and history untouched, nothing new of that group arriving — except an unsynced edit, which is kept and
// shown put aside (out_of_scope); gaining the group again brings its records back.
import type { RxCollection } from 'rxdb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { PlainDoc, PullResponse } from '../../src/shared';
import { authHeaders, makeResident } from '../helpers/server';
import {
  draft,
  localRecords,
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
  await Promise.all(devices.map((d) => d.close()));
  devices = [];
});

async function device(name: string, groupIds: string[]): Promise<TestDevice> {
  const d = await startDevice(server, name, { groupIds, ward });
  devices.push(d);
  return d;
}

/** What the officer's "change groups" does to the account row (no route for it yet). */
async function setGroups(d: TestDevice, groupIds: string[]): Promise<void> {
  await server.store.db.query('update accounts set group_ids = $1 where id = $2', [groupIds, d.accountId]);
}

/** Residents written on the server by the ward's officer (another phone's work, as far as `d` knows). */
async function officerAdds(groupId: string, n: number, overrides: PlainDoc = {}): Promise<PlainDoc[]> {
  const docs = Array.from({ length: n }, () => makeResident(ward.code, groupId, overrides));
  for (let i = 0; i < docs.length; i += 500) {
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/sync/residents/push',
      query: { wardCode: ward.code },
      headers: authHeaders(ward.officerToken),
      payload: { rows: docs.slice(i, i + 500).map((doc) => ({ newDocumentState: doc })) },
    });
    expect(res.statusCode).toBe(200);
  }
  return docs;
}

async function sync(d: TestDevice): Promise<void> {
  d.sync.syncNow();
  await d.sync.awaitInSync();
}

/** Counts the documents the device pulls per collection, and the rows it pushes. */
function watchTraffic(d: TestDevice) {
  const pulled: Record<string, string[]> = {};
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
    const match = /\/v1\/sync\/(\w+)\/pull/.exec(url);
    if (match === null) return;
    reads.push(
      res
        .clone()
        .json()
        .then((page: PullResponse) => {
          (pulled[match[1]!] ??= []).push(...page.documents.map((doc) => String(doc['id'])));
        }),
    );
  };
  return {
    pulled: async (collection: string) => {
      await Promise.all(reads);
      return pulled[collection] ?? [];
    },
    pushed,
  };
}

const live = async (d: TestDevice, collection: 'residents' | 'groups' = 'residents') => {
  const rx = d.db.rx[collection] as unknown as RxCollection<PlainDoc>;
  return new Set((await rx.find().exec()).map((doc) => String(doc.primary)));
};

const ids = (docs: readonly PlainDoc[]) => docs.map((d) => String(d['id']));

describe('a volunteer whose groups change', () => {
  test('gains a group: its older records arrive, and nothing held is downloaded again', async () => {
    const older = await officerAdds('tdp-02', 3);
    const deletedThere = await officerAdds('tdp-02', 1, { _deleted: true });
    const mine = await officerAdds('tdp-01', 2);
    const a = await device('widen', ['tdp-01']);
    await a.sync.awaitInSync();
    const own = await saved(a.db.residents.add(draft('Ngô Thị Mình', 'tdp-01')));
    await sync(a);
    expect(await live(a)).toEqual(new Set([...ids(mine), own.id]));
    expect(await live(a, 'groups')).toEqual(new Set(['tdp-01']));

    const traffic = watchTraffic(a);
    await setGroups(a, ['tdp-01', 'tdp-02']);
    await sync(a);
    expect(await live(a)).toEqual(new Set([...ids(mine), own.id, ...ids(older)]));
    expect(await live(a, 'groups')).toEqual(new Set(['tdp-01', 'tdp-02']));
    // Exactly the gained group's live records came down: no record of tdp-01 again, no tombstone.
    expect((await traffic.pulled('residents')).sort()).toEqual(ids(older).sort());
    expect(await traffic.pulled('residents')).not.toContain(ids(deletedThere)[0]);
    expect(traffic.pushed).toEqual([]);
    expect(a.status().waiting).toBe(0);
  });

  test('gains a group with more records than a pull page: RxDB pages through all of them', async () => {
    const many = await officerAdds('tdp-03', 450);
    const a = await device('widen-many', ['tdp-01']);
    await officerAdds('tdp-01', 1); // the device's checkpoint ends above every tdp-03 record
    await a.sync.awaitInSync();
    await sync(a);
    await setGroups(a, ['tdp-01', 'tdp-03']);
    await sync(a);
    const held = await live(a);
    expect(ids(many).filter((id) => !held.has(id))).toEqual([]);
  });

  test('a record the server put aside before the eviction arrived stays on the phone', async () => {
    const lost = await officerAdds('tdp-02', 2);
    const a = await device('narrow-pushed-first', ['tdp-01', 'tdp-02']);
    await a.sync.awaitInSync();
    await setGroups(a, ['tdp-01']);
    // Pulls fail for a while, so the edit's push is refused (out_of_scope) before any pull.
    a.net.before = (url, init) => {
      if (url.includes('/pull')) throw new TypeError('Failed to fetch');
      return init;
    };
    const id = String(lost[0]!['id']);
    const doc = await a.db.rx.residents.findOne(id).exec();
    await doc!.incrementalPatch({ fullName: 'Tên Đã Sửa', updatedAt: '2026-06-01T00:00:00.000Z' });
    await a.untilMarks((m) => m.quarantined.get(id)?.code === 'out_of_scope');
    delete a.net.before;
    await sync(a);
    await a.until((st) => st.problem === null);
    expect(await live(a)).toEqual(new Set([id]));
    expect((await a.db.rx.residents.findOne(id).exec())!.get('fullName')).toBe('Tên Đã Sửa');
    expect(a.sync.records.get().quarantined.has(id)).toBe(true);
  });

  test('loses a group: its records leave the phone, except the unsynced edit, which is put aside', async () => {
    const kept = await officerAdds('tdp-01', 2);
    const lost = await officerAdds('tdp-02', 3);
    const a = await device('narrow', ['tdp-01', 'tdp-02']);
    await a.sync.awaitInSync();
    expect(await live(a)).toEqual(new Set(ids([...kept, ...lost])));
    const before = await server.store.pull('residents', ward.code, 0, 10_000);

    // Offline, the volunteer edits a record of tdp-02 and adds one there; meanwhile the officer moves
    // them to tdp-01 only.
    a.setOnline(false);
    const edited = lost[0]!;
    const doc = await a.db.rx.residents.findOne(String(edited['id'])).exec();
    await doc!.incrementalPatch({ fullName: 'Tên Đã Sửa', updatedAt: '2026-06-01T00:00:00.000Z' });
    const added = await saved(a.db.residents.add(draft('Phan Văn Mới', 'tdp-02')));
    await setGroups(a, ['tdp-01']);
    const traffic = watchTraffic(a);
    a.setOnline(true);
    await a.sync.awaitInSync();
    const marks = await a.untilMarks((m) => m.quarantined.size === 2);

    // The lost group's records in sync are gone; the unsynced edit and the new record stay, put aside.
    const editedId = String(edited['id']);
    expect(await live(a)).toEqual(new Set([...ids(kept), editedId, added.id]));
    expect([...marks.quarantined.entries()].map(([id, q]) => [id, q.code]).sort()).toEqual(
      [
        [editedId, 'out_of_scope'],
        [added.id, 'out_of_scope'],
      ].sort(),
    );
    expect((await a.db.rx.residents.findOne(editedId).exec())!.get('fullName')).toBe('Tên Đã Sửa');
    expect(await live(a, 'groups')).toEqual(new Set(['tdp-01']));

    // Nothing was pushed but the two records the volunteer wrote; no deletion went to the server.
    expect(traffic.pushed.map((d) => [d['id'], d['_deleted']]).sort()).toEqual(
      [
        [editedId, false],
        [added.id, false],
      ].sort(),
    );
    // The server's rows are untouched (same states, same sequence values, no history)...
    const lostIds = new Set(ids(lost));
    const onServer = (rows: typeof before.rows) => rows.filter((r) => lostIds.has(String(r.doc['id'])));
    expect(onServer((await server.store.pull('residents', ward.code, 0, 10_000)).rows)).toEqual(
      onServer(before.rows),
    );
    for (const id of lostIds)
      expect(await server.store.recordHistory('residents', ward.code, id)).toEqual([]);
    // ...and the edit is in the server's quarantine, where the officer sees it.
    const quarantined = (await server.store.listQuarantine(ward.code)).map((q) => q.docId);
    expect(quarantined).toEqual(expect.arrayContaining([editedId, added.id]));

    // The deletions on the phone keep no personal data of the lost group.
    const local = await localRecords(a, 'residents');
    for (const r of lost.slice(1)) {
      expect(local.get(String(r['id']))).toEqual({
        id: r['id'],
        wardCode: ward.code,
        groupId: 'tdp-02',
        _deleted: true,
      });
    }
    expect(a.status().waiting).toBe(2); // the two put-aside records, nothing else

    // Later writes in the lost group never reach the phone; the kept group's do.
    const later = await officerAdds('tdp-02', 1);
    const laterKept = await officerAdds('tdp-01', 1);
    await sync(a);
    const held = await live(a);
    expect(held.has(ids(later)[0]!)).toBe(false);
    expect(held.has(ids(laterKept)[0]!)).toBe(true);
    expect(local.has(ids(later)[0]!)).toBe(false);
    expect((await localRecords(a, 'residents')).has(ids(later)[0]!)).toBe(false);

    // Gaining the group again brings its records back (the later one too); the put-aside edit stays
    // the volunteer's, shown put aside, until they save it again.
    await setGroups(a, ['tdp-01', 'tdp-02']);
    await sync(a);
    expect(await live(a)).toEqual(
      new Set([...ids(kept), ...ids(laterKept), ...ids(lost), ...ids(later), added.id]),
    );
    expect((await a.db.rx.residents.findOne(editedId).exec())!.get('fullName')).toBe('Tên Đã Sửa');
    expect(a.sync.records.get().quarantined.has(editedId)).toBe(true);
    expect(await live(a, 'groups')).toEqual(new Set(['tdp-01', 'tdp-02']));
  });
});
