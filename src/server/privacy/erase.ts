// R3 (docs/privacy.md): erasing a person. Every record of them (the merge family) and every completion of
// those records, live or deleted, is replaced by an erasure tombstone (privacy/erasure.ts) in sequenced
// writes, so phones pull it (R4) and coverage stops counting them at once (R5: deleted rows are not
// counted). Then every replaced state is deleted from record_history and every quarantined payload of
// them from quarantine: the one exception to "history is append-only" (docs/sync.md invariant 10).
//
// Order, and why nothing escapes:
// 1. The residents' tombstones, in one locked transaction; the name typed by the officer is checked
//    there, against the locked record.
// 2. The completions of those records are looked up only after (1) has committed. A completion pushed
//    before that commit is found here; one pushed after it meets the push guard (sync/push.ts), which
//    reads the erased residents under the ward's lock and stores a tombstone instead.
// 3. Their tombstones, in a second locked transaction.
// 4. The scrub of record_history and quarantine, after both commits (the writes themselves append the
//    replaced states to record_history, so the scrub must come after them). Between the commits and the
//    scrub the old states still sit in record_history. Should the scrub fail, the request fails (and is
//    not logged as done); the scrub covers every erased record of the ward, so the next erasure in the
//    ward finishes it.
import { normaliseText, type PlainDoc } from '../../shared';
import { ApiError } from '../http/errors';
import type { CurrentRow, RowWrite, Store } from '../store';
import { rowOf, writeRecords } from '../ward/officer-write';
import { erasureTombstone, isErased } from './erasure';

export interface Erased {
  residents: string[];
  completions: string[];
}

const notFound = () => new ApiError('not_found', 'No such resident in this ward.');

/** Tombstones for the rows of `ids` that are still held and not erased yet. */
function tombstones(
  collection: 'residents' | 'completions',
  current: Map<string, CurrentRow>,
  ids: readonly string[],
  erasedAt: string,
): RowWrite[] {
  return ids.flatMap((id) => {
    const row = current.get(id);
    if (row === undefined || isErased(row)) return [];
    return [rowOf(collection, erasureTombstone(row.doc, erasedAt), true)];
  });
}

/** The name as the officer typed it and as stored, compared the same way: NFC, single spaces, trimmed. */
const sameName = (typed: string, stored: unknown) =>
  typeof stored === 'string' && normaliseText(typed) === normaliseText(stored);

/** Erases the person `id` names, once the officer has typed their full name. */
export async function erasePerson(
  store: Store,
  wardCode: string,
  id: string,
  confirmName: string,
  now: Date,
): Promise<Erased> {
  const family = await store.personRecords(wardCode, id);
  if (!family.some((r) => r.id === id)) throw notFound();
  const erasedAt = now.toISOString();
  const residentIds = family.map((r) => r.id);
  const residents = await writeRecords(store, 'residents', wardCode, residentIds, (current) => {
    const root = current.get(id);
    if (root === undefined || isErased(root)) throw notFound();
    if (!sameName(confirmName, root.doc['fullName'])) {
      throw new ApiError('invalid_body', 'confirmName: privacy.confirmName');
    }
    return tombstones('residents', current, residentIds, erasedAt);
  });
  const completionIds = (await store.completionsOf(wardCode, residentIds)).map((c) => idOf(c.doc));
  const completions = await writeRecords(store, 'completions', wardCode, completionIds, (current) =>
    tombstones('completions', current, completionIds, erasedAt),
  );
  await store.scrubErasure(wardCode);
  return { residents: residents.map((r) => r.id), completions: completions.map((r) => r.id) };
}

const idOf = (doc: PlainDoc): string => String(doc['id']);
