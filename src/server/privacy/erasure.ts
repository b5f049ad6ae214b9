// The erasure tombstone (docs/privacy.md R3/R4): what stays of an erased record. Written by the officer's
// erasure (privacy/erase.ts) and by the push guard (sync/push.ts) for a completion of an erased resident.
//
// Shape: { id, wardCode, groupId, residentId? (completions), erasedAt }, stored with deleted = true
// through the sequenced sync write. Phones pull it like any deletion and RxDB keeps the pulled tombstone
// in place of the document, so no personal field survives there; `erasedAt` is what marks it as an
// erasure rather than an ordinary deletion, for the push guard and the conflict handler
// (isErasureTombstone, src/shared/merge.ts), which then take it wholesale.
import { isErasureTombstone, type PlainDoc } from '../../shared';
import type { CurrentRow } from '../store';

/** The fields a tombstone keeps: the key, the ward and group (scope and pull), a completion's resident. */
const KEPT = ['id', 'wardCode', 'groupId', 'residentId'] as const;

/** The erasure tombstone of a record (without _deleted, which has its own column). */
export function erasureTombstone(doc: PlainDoc, erasedAt: string): PlainDoc {
  const tombstone: PlainDoc = {};
  for (const field of KEPT) if (doc[field] !== undefined) tombstone[field] = doc[field];
  tombstone['erasedAt'] = erasedAt;
  return tombstone;
}

/** The stored row is an erasure tombstone. */
export function isErased(row: CurrentRow): boolean {
  return isErasureTombstone({ ...row.doc, _deleted: row.deleted });
}

/** The row as a device sees it (with _deleted). */
export const asSyncState = (row: CurrentRow): PlainDoc => ({ ...row.doc, _deleted: row.deleted });
