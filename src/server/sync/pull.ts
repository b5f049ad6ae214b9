// Pull: the ward's rows after the device's checkpoint, in server-sequence order (invariant 2), each
// as the stored record plus _deleted (tombstones stay pullable, invariant 8). With groupIds (leaders,
// volunteers), only rows of those residential groups (docs/auth.md rule 6).
import type { PullResponse, SyncCollection } from '../../shared';
import type { Store } from '../store';

export const PULL_LIMIT_DEFAULT = 100;

export async function pull(
  store: Store,
  collection: SyncCollection,
  wardCode: string,
  afterSeq: number,
  limit: number = PULL_LIMIT_DEFAULT,
  groupIds?: readonly string[],
): Promise<PullResponse> {
  const { rows } = await store.pull(collection, wardCode, afterSeq, limit, groupIds);
  const last = rows.at(-1);
  return {
    documents: rows.map((row) => ({ ...row.doc, _deleted: row.deleted })),
    checkpoint: { seq: last?.seq ?? afterSeq },
  };
}
