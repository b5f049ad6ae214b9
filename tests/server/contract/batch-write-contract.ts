// A sync write is one statement per batch (src/server/store/sync-tx.ts), and keeps every guarantee the
// per-row upserts gave: its own sequence value per row, the replaced states in record_history (invariant
// 10), nothing written for a row held by another ward, the last of two rows with one id. Written once and
// run on both engines: sync-batch-write.test.ts (PGlite) and sync-batch-write.pg.test.ts (PostgreSQL).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PlainDoc, SyncCollection } from '../../../src/shared';
import type { Queryable } from '../../../src/server/store/db';
import type { QuarantineItem, RowWrite, SqlStore } from '../../../src/server/store';
import type { ChangeNotice } from '../../../src/server/sync/changes';
import { createSyncTx, lockWard } from '../../../src/server/store/sync-tx';
import { push, pushInTx } from '../../../src/server/sync/push';
import type { AuditAction } from '../../../src/shared';
import { makeCompletion, makeResident, seedTestWard } from '../../helpers/server';

export interface BatchWriteSetup {
  store: SqlStore;
  teardown: () => Promise<void>;
}

/** A resident's row for tx.write. */
function rowOf(doc: PlainDoc, deleted = false): RowWrite {
  const { _deleted, ...record } = doc;
  return { id: String(doc['id']), groupId: String(doc['groupId']), doc: record, deleted };
}

const TABLE = { residents: 'residents', groups: 'groups' } as const;

export function batchWriteContract(setup: () => Promise<BatchWriteSetup>): void {
  let ctx: BatchWriteSetup | undefined;
  beforeAll(async () => {
    ctx = await setup();
  });
  afterAll(() => ctx?.teardown());
  const store = () => ctx!.store;

  /** Every stored row of these ids in this ward: id → { doc, seq }. */
  async function held(collection: keyof typeof TABLE, ward: string, ids: readonly string[]) {
    const rows = await store().db.query(
      `select id, doc, deleted, seq from ${TABLE[collection]} where ward_code = $1 and id = any($2::text[])`,
      [ward, [...ids]],
    );
    return new Map(
      rows.map((r) => [String(r['id']), { doc: r['doc'], deleted: r['deleted'], seq: Number(r['seq']) }]),
    );
  }

  async function historyCount(ward: string): Promise<number> {
    const [row] = await store().db.query('select count(*) as n from record_history where ward_code = $1', [
      ward,
    ]);
    return Number(row?.['n']);
  }

  const write = (collection: SyncCollection, ward: string, rows: RowWrite[]) =>
    store().syncWrite(collection, ward, (tx) => tx.write(rows));

  test('a push of many rows reads in one statement, writes in one and puts aside in one', async () => {
    const ward = await seedTestWard(store());
    const existing = Array.from({ length: 20 }, () => makeResident(ward));
    await write(
      'residents',
      ward,
      existing.map((doc) => rowOf(doc)),
    );
    const edits = existing.map((doc) => ({
      assumedMasterState: doc,
      newDocumentState: { ...doc, fullName: 'Lê Thị Sửa', updatedAt: '2026-03-01T00:00:00.000Z' },
    }));
    const fresh = Array.from({ length: 30 }, () => ({ newDocumentState: makeResident(ward) }));
    const bad = Array.from({ length: 5 }, () => ({
      newDocumentState: makeResident(ward, 'g1', { birthYear: 'x' }),
    }));

    const statements: string[] = [];
    const reply = await store().db.transaction(async (q) => {
      await lockWard(q, ward);
      const counting: Queryable = {
        query: (sql, params) => {
          statements.push(sql);
          return q.query(sql, params);
        },
        exec: (sql) => q.exec(sql),
      };
      return pushInTx(createSyncTx(counting, 'residents', ward, {}), [...edits, ...fresh, ...bad]);
    });

    expect(reply.written).toHaveLength(50);
    expect(reply.quarantined).toHaveLength(5);
    expect(reply.conflicts).toEqual([]);
    // read, write, quarantine: never a statement per row.
    expect(statements).toHaveLength(3);
    expect(await historyCount(ward)).toBe(20);
  });

  test('a mixed batch: each row its own new seq, history for exactly the overwritten rows', async () => {
    const ward = await seedTestWard(store());
    const before = [makeResident(ward), makeResident(ward, 'g2')];
    await write(
      'residents',
      ward,
      before.map((doc) => rowOf(doc)),
    );
    const old = await held(
      'residents',
      ward,
      before.map((d) => String(d['id'])),
    );
    const maxOld = Math.max(...[...old.values()].map((r) => r.seq));

    const edited: PlainDoc[] = before.map((doc) => ({ ...doc, fullName: 'Phạm Văn Mới' }));
    const fresh = [makeResident(ward), makeResident(ward, 'g2')];
    const notices: ChangeNotice[] = [];
    const unsubscribe = store().changes.subscribe(ward, (n) => notices.push(n));
    try {
      await write('residents', ward, [
        rowOf(edited[0]!),
        ...fresh.map((doc) => rowOf(doc)),
        rowOf(edited[1]!, true),
      ]);
    } finally {
      unsubscribe();
    }

    const all = [...edited, ...fresh];
    const now = await held(
      'residents',
      ward,
      all.map((d) => String(d['id'])),
    );
    const seqs = [...now.values()].map((r) => r.seq);
    expect(new Set(seqs).size).toBe(4);
    for (const seq of seqs) expect(seq).toBeGreaterThan(maxOld);
    expect(now.get(String(edited[1]!['id']))?.deleted).toBe(true);
    expect(notices).toEqual([{ wardCode: ward, collection: 'residents', groupIds: ['g1', 'g2'] }]);

    for (const doc of before) {
      const id = String(doc['id']);
      const { _deleted, ...record } = doc;
      const history = await store().recordHistory('residents', ward, id);
      expect(history.map((h) => [h.doc, h.deleted, h.seq, h.replacedBySeq])).toEqual([
        [record, false, old.get(id)!.seq, now.get(id)!.seq],
      ]);
    }
    for (const doc of fresh)
      expect(await store().recordHistory('residents', ward, String(doc['id']))).toEqual([]);
  });

  test('a batch with a row held by another ward throws, and nothing of the batch is written', async () => {
    const ward = await seedTestWard(store());
    const other = await seedTestWard(store());
    const mine = makeResident(ward);
    const theirs = makeResident(other);
    await write('residents', ward, [rowOf(mine)]);
    await write('residents', other, [rowOf(theirs)]);
    const snapshot = async () => [
      await held('residents', ward, [String(mine['id'])]),
      await held('residents', other, [String(theirs['id'])]),
      await historyCount(ward),
      await historyCount(other),
    ];
    const before = await snapshot();
    const fresh = makeResident(ward);
    const notices: ChangeNotice[] = [];
    const unsubscribe = store().changes.subscribe(ward, (n) => notices.push(n));
    try {
      await expect(
        write('residents', ward, [
          rowOf({ ...mine, fullName: 'Đổi Tên' }),
          rowOf(fresh),
          rowOf({ ...theirs, wardCode: ward, fullName: 'Chiếm Chỗ' }),
        ]),
      ).rejects.toThrow(String(theirs['id']));
    } finally {
      unsubscribe();
    }
    expect(await snapshot()).toEqual(before);
    expect(await held('residents', ward, [String(fresh['id'])])).toEqual(new Map());
    expect(notices).toEqual([]);
  });

  test('the same id twice in one batch: the last state is written, once', async () => {
    const ward = await seedTestWard(store());
    const doc = makeResident(ward);
    await write('residents', ward, [rowOf(doc)]);
    const second: PlainDoc = { ...doc, fullName: 'Lần Hai' };
    const third: PlainDoc = { ...doc, fullName: 'Lần Ba' };
    await write('residents', ward, [rowOf(second), rowOf(third)]);
    const id = String(doc['id']);
    const { _deleted, ...stored } = third;
    expect((await held('residents', ward, [id])).get(id)?.doc).toEqual(stored);
    expect(await store().recordHistory('residents', ward, id)).toHaveLength(1);
  });

  test('groups are keyed by ward and id: a batch overwrites only its own ward’s groups', async () => {
    const ward = await seedTestWard(store(), ['g1', 'g2']);
    const other = await seedTestWard(store(), ['g1']);
    const group = (code: string, id: string, name: string): RowWrite => ({
      id,
      groupId: id,
      doc: { id, wardCode: code, name, kind: 'to_dan_pho' },
      deleted: false,
    });
    const otherBefore = await held('groups', other, ['g1']);
    await write('groups', ward, [group(ward, 'g1', 'Tổ Một Mới'), group(ward, 'g3', 'Tổ Ba')]);
    expect(await held('groups', other, ['g1'])).toEqual(otherBefore);
    expect(await store().recordHistory('groups', ward, 'g1')).toHaveLength(1);
    expect(await store().recordHistory('groups', ward, 'g3')).toEqual([]);
    expect(await store().recordHistory('groups', other, 'g1')).toEqual([]);
    expect((await held('groups', ward, ['g1'])).get('g1')?.doc).toMatchObject({ name: 'Tổ Một Mới' });
  });

  test('a completion batch reads erased residents and groups with its current rows', async () => {
    const ward = await seedTestWard(store());
    const done = makeCompletion(ward);
    await write('completions', ward, [rowOf(done)]);
    const reads = await store().syncWrite('completions', ward, (tx) =>
      tx.readBatch([String(done['id'])], ['g1', 'g2', 'nope'], [String(done['residentId'])]),
    );
    expect([...reads.current.keys()]).toEqual([String(done['id'])]);
    expect(reads.groups).toEqual(new Set(['g1', 'g2']));
    expect(reads.erasedResidents).toEqual(new Map());
  });

  test("a push's audit entry commits with it: logged if and only if the rows are written", async () => {
    const ward = await seedTestWard(store());
    const auditRows = async () =>
      store().db.query(
        "select action, detail from audit_log where ward_code = $1 and action = 'change.sync'",
        [ward],
      );
    const entry = (action: AuditAction, written: readonly string[]) => ({
      wardCode: ward,
      actorId: 'a1',
      deviceId: null,
      action,
      subject: 'residents',
      detail: { written: [...written] },
    });
    const first = makeResident(ward);
    const outcome = await push(store(), 'residents', ward, [{ newDocumentState: first }], undefined, (o) =>
      entry('change.sync', o.written),
    );
    expect(outcome.written).toEqual([String(first['id'])]);
    expect((await auditRows()).map((r) => r['detail'])).toEqual([{ written: [String(first['id'])] }]);

    // The entry cannot be stored (no action): the push fails and writes nothing.
    const second = makeResident(ward);
    await expect(
      push(store(), 'residents', ward, [{ newDocumentState: second }], undefined, () =>
        entry(null as unknown as AuditAction, []),
      ),
    ).rejects.toThrow();
    expect((await held('residents', ward, [String(second['id'])])).size).toBe(0);
    expect(await auditRows()).toHaveLength(1);
  });

  test('quarantine stores a batch in one statement, each payload once, exactly as given', async () => {
    const ward = await seedTestWard(store());
    const item = (docId: string, payload: string): QuarantineItem => ({
      docId,
      reasonCode: 'invalid_document',
      reason: 'fullName.tooShort; "quoted", {braced}, back\\slash',
      payload,
    });
    const items = [
      item('a\u0000b', '{"id":"a","note":"{\\"x\\": [1, 2]}, \\\\ \\u0000"}'),
      item('b', '{"id":"b","text":"NULL"}'),
      item('b', '{"id":"b","text":"NULL"}'),
      item('c', ''),
    ];
    const added = await store().syncWrite('residents', ward, (tx) => tx.quarantine(items));
    expect(added).toBe(3);
    expect(await store().syncWrite('residents', ward, (tx) => tx.quarantine(items))).toBe(0);
    const stored = await store().listQuarantine(ward);
    expect(stored.map((q) => [q.docId, q.reason, q.payload])).toEqual([
      ['a\uFFFDb', items[0]!.reason, items[0]!.payload],
      ['b', items[1]!.reason, items[1]!.payload],
      ['c', items[3]!.reason, ''],
    ]);
  });
}
