// Invariant 10: every replaced state of a synced record is kept in record_history, in the transaction
// that replaced it — the losing side of a conflict can always be shown and restored.
import { expect, test } from 'vitest';
import { makeResident, makeSession, seedTestWard } from '../../helpers/server';
import type { ContractEnv } from './sync-contract';

export function historyTests({ store, server }: ContractEnv): void {
  test('an edit, a conflict-resolving rewrite and a deletion each keep the state they replaced', async () => {
    const ward = await seedTestWard(store());
    const v1 = makeResident(ward, 'g1', { fullName: 'Hà Văn Một' });
    await server().push(ward, [{ newDocumentState: v1 }]);
    expect(await store().recordHistory('residents', ward, String(v1['id']))).toEqual([]);

    const v2 = { ...v1, fullName: 'Hà Văn Hai', updatedAt: '2026-02-01T00:00:00.000Z' };
    await server().push(ward, [{ assumedMasterState: v1, newDocumentState: v2 }]);
    // A phone still on v1 is told of the conflict; its merge is then written over v2.
    const stale = { ...v1, birthYear: 1981 };
    const answer = await server().push(ward, [{ assumedMasterState: v1, newDocumentState: stale }]);
    expect(answer.conflicts).toHaveLength(1);
    const merged = { ...v2, birthYear: 1981, updatedAt: '2026-02-02T00:00:00.000Z' };
    await server().push(ward, [{ assumedMasterState: v2, newDocumentState: merged }]);
    await server().push(ward, [
      { assumedMasterState: merged, newDocumentState: { ...merged, _deleted: true } },
    ]);

    const history = await store().recordHistory('residents', ward, String(v1['id']));
    const strip = ({ _deleted, ...rest }: Record<string, unknown>) => rest;
    expect(history.map((h) => [h.doc, h.deleted])).toEqual([
      [strip(v1), false],
      [strip(v2), false],
      [strip(merged), false],
    ]);
    for (let i = 1; i < history.length; i++) expect(history[i]!.seq).toBe(history[i - 1]!.replacedBySeq);
  });

  test('an unchanged re-send, a refused write and a write for another ward add nothing', async () => {
    const ward = await seedTestWard(store());
    const other = await seedTestWard(store());
    const session = makeSession(ward, 'g1');
    await server().push(ward, [{ newDocumentState: session }], 'sessions');
    await server().push(ward, [{ newDocumentState: session }], 'sessions');
    await server().push(ward, [{ newDocumentState: { ...session, place: 'Nơi khác' } }], 'sessions'); // no assumed state: conflict
    await server().push(other, [{ newDocumentState: { ...session, wardCode: other } }], 'sessions'); // held by another ward
    expect(await store().recordHistory('sessions', ward, String(session['id']))).toEqual([]);
    expect(await store().recordHistory('sessions', other, String(session['id']))).toEqual([]);
  });
}
