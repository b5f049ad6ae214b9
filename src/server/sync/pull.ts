// Pull: the ward's rows after the device's checkpoint, in server-sequence order (invariant 2), each
// as the stored record plus _deleted (tombstones stay pullable, invariant 8). With groupIds (leaders,
// volunteers), only rows of those residential groups (docs/auth.md rule 6), and the checkpoint names the
// scope it was built for: when the principal's groups have changed since, the pull first back-fills the
// groups the device gains (invariant 11, docs/sync.md "Scope changes"); the device itself drops the rows
// of groups it lost.
import type { Checkpoint, Fill, PullResponse, SyncCollection } from '../../shared';
import type { PulledRow, Store } from '../store';

export const PULL_LIMIT_DEFAULT = 100;

const sortedUnique = (ids: readonly string[]): string[] => [...new Set(ids)].sort();

const sameGroups = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * The back-fill still owed to a device of a leader or volunteer whose current groups are `scope`
 * (sorted), given the checkpoint it sent. Null when there is none.
 */
export function pendingFill(checkpoint: Checkpoint, scope: readonly string[]): Fill | null {
  // An older checkpoint ({ seq }): built for the current scope, as far as anyone can tell.
  if (checkpoint.scope === undefined) return null;
  const current = new Set(scope);
  const claimed = sortedUnique(checkpoint.scope);
  const filling = checkpoint.fill ?? null;
  if (sameGroups(claimed, scope)) {
    if (filling === null) return null;
    // Never more than the principal's own groups, whatever the checkpoint says.
    const groups = sortedUnique(filling.groups).filter((id) => current.has(id));
    return groups.length === 0 ? null : { groups, after: filling.after };
  }
  // The scope changed: groups held completely are the claimed ones not still being filled; the rest of
  // the current scope is filled from the start (rows of a half-filled group may come twice: harmless).
  const unfinished = new Set(filling?.groups ?? []);
  const held = new Set(claimed.filter((id) => !unfinished.has(id)));
  const groups = scope.filter((id) => !held.has(id));
  return groups.length === 0 ? null : { groups, after: 0 };
}

const asDocuments = (rows: readonly PulledRow[]) =>
  rows.map((row) => ({ ...row.doc, _deleted: row.deleted }));

/**
 * One page for the device. `from` is its checkpoint (a bare number = `{ seq }`). `groupIds` undefined =
 * the whole ward (officers), whose checkpoint stays `{ seq }`.
 */
export async function pull(
  store: Store,
  collection: SyncCollection,
  wardCode: string,
  from: number | Checkpoint,
  limit: number = PULL_LIMIT_DEFAULT,
  groupIds?: readonly string[],
): Promise<PullResponse> {
  const checkpoint: Checkpoint = typeof from === 'number' ? { seq: from } : from;
  const seq = checkpoint.seq;
  if (groupIds === undefined) {
    const { rows } = await store.pull(collection, wardCode, seq, limit);
    return { documents: asDocuments(rows), checkpoint: { seq: rows.at(-1)?.seq ?? seq } };
  }
  const scope = sortedUnique(groupIds);
  const fill = pendingFill(checkpoint, scope);
  const rows: PulledRow[] = [];
  if (fill !== null) {
    const page = await store.pullBackfill(collection, wardCode, fill.groups, fill.after, seq, limit);
    rows.push(...page.rows);
    const last = page.rows.at(-1);
    // A full page: more may follow. The checkpoint keeps seq (rows above it come after the fill).
    if (page.rows.length === limit && last !== undefined) {
      return {
        documents: asDocuments(rows),
        checkpoint: { seq, scope, fill: { groups: fill.groups, after: last.seq } },
      };
    }
  }
  // The fill (if any) ended inside this page: the rest of it is the ordinary pull under the new scope,
  // so the page is empty only when nothing at all is left to send (RxDB stops on a short page).
  const { rows: newer } = await store.pull(collection, wardCode, seq, limit - rows.length, scope);
  rows.push(...newer);
  return {
    documents: asDocuments(rows),
    checkpoint: { seq: newer.at(-1)?.seq ?? seq, scope, fill: null },
  };
}
