// Push and pull rules (invariants 2, 4, 5, 6, 8): idempotence, conflicts, exact storage, paging.
import { expect, test } from 'vitest';
import type { PlainDoc } from '../../../src/shared';
import { makeResident, pullAll, seedTestWard } from '../../helpers/server';
import type { ContractEnv } from './sync-contract';

const stored = (doc: PlainDoc) => ({ ...doc, _deleted: false });

export function pushPullTests({ store, server }: ContractEnv): void {
  test('a new document is stored exactly as sent', async () => {
    const ward = await seedTestWard(store());
    const consent = {
      askedBy: 'Trần Văn Tư',
      date: '2026-01-02',
      method: 'signed',
      wordingVersion: 'v1',
    };
    const doc = makeResident(ward, 'g2', {
      phone: '0912345678',
      birthDate: '1980-05-17',
      fullName: 'Trần Văn Bình',
      citizenIdLast4: '0427',
      consents: [
        { purpose: 'registration', ...consent },
        { purpose: 'contact', ...consent, withdrawnOn: '2026-03-01' },
        { purpose: 'contact', ...consent, date: '2026-03-05' },
      ],
    });
    expect(await server().push(ward, [{ newDocumentState: doc }])).toEqual({
      conflicts: [],
      quarantined: [],
    });
    const { documents } = await server().pull('residents', ward, 0);
    expect(documents).toEqual([doc]);
  });

  test('pushing the same batch twice stores one row and bumps no sequence', async () => {
    const ward = await seedTestWard(store());
    const rows = [{ newDocumentState: makeResident(ward) }];
    await server().push(ward, rows);
    const first = await pullAll(server(), 'residents', ward);
    expect(await server().push(ward, rows)).toEqual({ conflicts: [], quarantined: [] });
    const second = await pullAll(server(), 'residents', ward);
    expect(second.documents).toHaveLength(1);
    expect(second.checkpoint).toBe(first.checkpoint);
  });

  test('a push whose assumed state is stale gets the current server document and writes nothing', async () => {
    const ward = await seedTestWard(store());
    const v1 = makeResident(ward);
    const v2 = { ...v1, fullName: 'Nguyễn Thị Hoà', updatedAt: '2026-02-01T00:00:00.000Z' };
    const stale = { ...v1, birthYear: 1981, updatedAt: '2026-03-01T00:00:00.000Z' };
    await server().push(ward, [{ newDocumentState: v1 }]);
    expect(await server().push(ward, [{ assumedMasterState: v1, newDocumentState: v2 }])).toEqual({
      conflicts: [],
      quarantined: [],
    });
    const before = await pullAll(server(), 'residents', ward);

    const reply = await server().push(ward, [{ assumedMasterState: v1, newDocumentState: stale }]);
    expect(reply.conflicts).toEqual([v2]);
    const after = await pullAll(server(), 'residents', ward);
    expect(after.documents).toEqual([v2]);
    expect(after.checkpoint).toBe(before.checkpoint);
  });

  test('a push without an assumed state for a document the server holds is a conflict', async () => {
    const ward = await seedTestWard(store());
    const v1 = makeResident(ward);
    await server().push(ward, [{ newDocumentState: v1 }]);
    const reply = await server().push(ward, [
      { assumedMasterState: null, newDocumentState: { ...v1, birthYear: 1990 } },
    ]);
    expect(reply.conflicts).toEqual([v1]);
  });

  test('a document the server does not hold is written even when the device assumes a state', async () => {
    const ward = await seedTestWard(store());
    const v1 = makeResident(ward);
    const v2 = { ...v1, fullName: 'Lê Văn Cường' };
    expect(await server().push(ward, [{ assumedMasterState: v1, newDocumentState: v2 }])).toEqual({
      conflicts: [],
      quarantined: [],
    });
    expect((await server().pull('residents', ward, 0)).documents).toEqual([v2]);
  });

  test('a later row for the same id in one batch sees the result of the earlier row', async () => {
    const ward = await seedTestWard(store());
    const v1 = makeResident(ward);
    const v2 = { ...v1, fullName: 'Phạm Thị Dung' };
    const rival = { ...v1, fullName: 'Đỗ Văn Em' };
    const reply = await server().push(ward, [
      { newDocumentState: v1 },
      { assumedMasterState: v1, newDocumentState: v2 },
      { newDocumentState: rival },
    ]);
    expect(reply).toEqual({ conflicts: [v2], quarantined: [] });
    expect((await pullAll(server(), 'residents', ward)).documents).toEqual([v2]);
  });

  test('a tombstone push is pulled with _deleted true', async () => {
    const ward = await seedTestWard(store());
    const v1 = makeResident(ward);
    await server().push(ward, [{ newDocumentState: v1 }]);
    const tombstone = { ...v1, _deleted: true };
    expect(await server().push(ward, [{ assumedMasterState: v1, newDocumentState: tombstone }])).toEqual({
      conflicts: [],
      quarantined: [],
    });
    expect((await pullAll(server(), 'residents', ward)).documents).toEqual([tombstone]);
  });

  test('pull with a limit pages through every row in sequence order without skipping', async () => {
    const ward = await seedTestWard(store());
    const docs = Array.from({ length: 23 }, (_, i) => makeResident(ward, i % 2 ? 'g1' : 'g2'));
    for (let i = 0; i < docs.length; i += 5) {
      await server().push(
        ward,
        docs.slice(i, i + 5).map((d) => ({ newDocumentState: d })),
      );
    }
    // Edit some early documents: they move to the end of the sequence.
    const edited = docs.slice(0, 3).map((d) => ({ ...d, fullName: 'Đã Sửa Tên' }));
    await server().push(
      ward,
      edited.map((d, i) => ({ assumedMasterState: docs[i], newDocumentState: d })),
    );

    const seen: PlainDoc[] = [];
    let seq = 0;
    const checkpoints: number[] = [];
    for (;;) {
      const page = await server().pull('residents', ward, seq, 4);
      expect(page.documents.length).toBeLessThanOrEqual(4);
      if (page.documents.length === 0) break;
      seen.push(...page.documents);
      checkpoints.push(page.checkpoint.seq);
      seq = page.checkpoint.seq;
    }
    expect(checkpoints).toEqual([...checkpoints].sort((a, b) => a - b));
    expect(new Set(checkpoints).size).toBe(checkpoints.length);
    expect(seen).toHaveLength(23);
    expect(seen.slice(-3)).toEqual(edited);
    expect(new Set(seen.map((d) => d['id']))).toEqual(new Set(docs.map((d) => d['id'])));
  });

  test('a pull with nothing new returns the given checkpoint', async () => {
    const ward = await seedTestWard(store());
    expect(await server().pull('residents', ward, 123456)).toEqual({
      documents: [],
      checkpoint: { seq: 123456 },
    });
  });

  test('a pull of another ward sees nothing of this ward', async () => {
    const ward = await seedTestWard(store());
    const other = await seedTestWard(store(), ['g1']);
    await server().push(ward, [{ newDocumentState: makeResident(ward) }]);
    expect((await pullAll(server(), 'residents', other)).documents).toEqual([]);
    const groups = await pullAll(server(), 'groups', other);
    expect(groups.documents).toEqual([
      stored({ id: 'g1', wardCode: other, name: 'Tổ g1', kind: 'to_dan_pho' }),
    ]);
  });
}
