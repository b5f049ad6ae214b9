// Server-authored changes to synced records (an officer's merge, group change, import): through the one
// locked, sequenced write (store.syncWrite), so record_history keeps the replaced state (invariant 10),
// devices pull the change like any other write, and a phone's concurrent edit merges with it by the
// written policy (src/shared/merge.ts). One collection per call; each call is one transaction.
import type { PlainDoc, SyncCollection } from '../../shared';
import type { CurrentRow, RowWrite, Store } from '../store';

/** The stored record with `changes` applied and updatedAt moved to now (the change is an edit). */
export function edited(
  current: CurrentRow,
  changes: PlainDoc,
  now: Date,
  remove: readonly string[] = [],
): PlainDoc {
  const doc: PlainDoc = { ...current.doc, ...changes, updatedAt: now.toISOString() };
  for (const key of remove) delete doc[key];
  return doc;
}

/**
 * Reads the current rows of `ids` (locked), asks `plan` what to write, writes it. Returns the rows
 * written. `plan` may return fewer rows (nothing to change = nothing written, no sequence value taken).
 */
export async function writeRecords(
  store: Store,
  collection: SyncCollection,
  wardCode: string,
  ids: readonly string[],
  plan: (current: Map<string, CurrentRow>) => RowWrite[] | Promise<RowWrite[]>,
): Promise<RowWrite[]> {
  return store.syncWrite(collection, wardCode, async (tx) => {
    const current = await tx.getCurrent(ids);
    for (const [id, row] of current) if (row.wardCode !== wardCode) current.delete(id);
    const rows = await plan(current);
    await tx.write(rows);
    return rows;
  });
}

/** The row of a record for writeRecords: its group is the record's own (groups: its id). */
export function rowOf(collection: SyncCollection, doc: PlainDoc, deleted = false): RowWrite {
  const id = String(doc['id']);
  return { id, groupId: collection === 'groups' ? id : String(doc['groupId']), doc, deleted };
}
