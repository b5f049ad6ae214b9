// Quarantine and scope rules (invariant 7): bad or foreign documents are put aside, reported, and
// never block the rest of the batch.
import { expect, test } from 'vitest';
import { makeResident, pullAll, seedTestWard } from '../../helpers/server';
import type { ContractEnv } from './sync-contract';

export function quarantineTests({ store, server }: ContractEnv): void {
  test('an invalid document is quarantined while the other rows of the batch are stored', async () => {
    const ward = await seedTestWard(store());
    const good1 = makeResident(ward);
    const good2 = makeResident(ward, 'g2');
    const bad = makeResident(ward, 'g1', { fullName: '', birthYear: 'old' });
    const reply = await server().push(ward, [
      { newDocumentState: good1 },
      { newDocumentState: bad },
      { newDocumentState: good2 },
    ]);
    expect(reply.conflicts).toEqual([]);
    expect(reply.quarantined).toEqual([
      { id: bad['id'], code: 'invalid_document', message: expect.stringContaining('fullName') },
    ]);
    const { documents } = await pullAll(server(), 'residents', ward);
    expect(documents.map((d) => d['id']).sort()).toEqual([good1['id'], good2['id']].sort());
    const quarantine = await store().listQuarantine(ward);
    expect(quarantine).toHaveLength(1);
    expect(quarantine[0]).toMatchObject({
      docId: bad['id'],
      reasonCode: 'invalid_document',
      collection: 'residents',
    });
    expect(JSON.parse(quarantine[0]!.payload)).toEqual({ newDocumentState: bad });
  });

  test('re-pushing the same invalid document adds no second quarantine row', async () => {
    const ward = await seedTestWard(store());
    const rows = [{ newDocumentState: makeResident(ward, 'g1', { sex: 'unknown' }) }];
    const first = await server().push(ward, rows);
    const second = await server().push(ward, rows);
    expect(second).toEqual(first);
    expect(await store().listQuarantine(ward)).toHaveLength(1);
  });

  test('a document without a string id, holding a NUL character, is quarantined as (unknown)', async () => {
    const ward = await seedTestWard(store());
    const bad = { id: 42, wardCode: ward, fullName: 'a\u0000b', _deleted: false };
    const reply = await server().push(ward, [{ newDocumentState: bad }]);
    expect(reply.quarantined).toEqual([
      { id: '(unknown)', code: 'invalid_document', message: expect.any(String) },
    ]);
    const [entry] = await store().listQuarantine(ward);
    expect(JSON.parse(entry!.payload)).toEqual({ newDocumentState: bad });
  });

  test('a document for another ward or an unknown group is quarantined as out of scope', async () => {
    const ward = await seedTestWard(store());
    const other = await seedTestWard(store());
    const foreign = makeResident(other);
    const lost = makeResident(ward, 'no-such-group');
    const reply = await server().push(ward, [{ newDocumentState: foreign }, { newDocumentState: lost }]);
    expect(reply.quarantined.map((q) => [q.id, q.code])).toEqual([
      [foreign['id'], 'out_of_scope'],
      [lost['id'], 'out_of_scope'],
    ]);
    expect((await pullAll(server(), 'residents', ward)).documents).toEqual([]);
    expect((await pullAll(server(), 'residents', other)).documents).toEqual([]);
    expect(await store().listQuarantine(ward)).toHaveLength(2);
  });

  test("a document id held by another ward is refused as out of scope without revealing that ward's record", async () => {
    const ward = await seedTestWard(store());
    const other = await seedTestWard(store());
    const theirs = makeResident(other, 'g1', { fullName: 'Bí Mật Riêng' });
    await server().push(other, [{ newDocumentState: theirs }]);
    const mine = { ...theirs, wardCode: ward, fullName: 'Người Khác' };
    const reply = await server().push(ward, [{ newDocumentState: mine }]);
    expect(reply.conflicts).toEqual([]);
    expect(reply.quarantined).toEqual([
      { id: theirs['id'], code: 'out_of_scope', message: expect.any(String) },
    ]);
    expect(JSON.stringify(reply)).not.toContain('Bí Mật');
    expect((await pullAll(server(), 'residents', other)).documents).toEqual([theirs]);
  });
}
