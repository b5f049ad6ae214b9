// The officer's import of a phone's "unsynced records" file (docs/unsynced-export.md): each record is
// validated and scope-checked as a push would be (bad ones are quarantined with the reason), then added,
// left alone, written as sent or three-way merged (src/shared/merge.ts), through the one locked,
// sequenced write (store.syncWrite), so record_history keeps every replaced state and devices pull the
// result like any other write.
//
// Invariants (tests/server/contract/records-tests.ts, on PGlite and PostgreSQL):
// 1. Idempotent: importing the same file again writes nothing, takes no sequence value, adds no history
//    and no second quarantine row; every record then answers `unchanged` (or `quarantined` again).
//    Holds because a record is written only when the outcome differs from the server's state, and the
//    merge is stable: merge(base, merge(base, S, D), D) = merge(base, S, D).
// 2. Nothing is silently dropped: every record of the file gets exactly one outcome, and a record that
//    is not stored is in the quarantine table with its reason.
// 3. Scope is the importing officer's: the ward in the path. A record of another ward, of a group that is
//    not the ward's, or whose id another ward holds is quarantined `out_of_scope`, like a push.
// 4. An erased record (docs/privacy.md R4) is never stored again nor put aside; a completion of an
//    erased resident is stored as a bare erasure tombstone.
import {
  COLLECTION_SCHEMAS,
  MERGE_POLICIES,
  PUSHABLE_COLLECTIONS,
  mergeThreeWay,
  sameSyncState,
  uuidSchema,
  withDeleted,
  type ImportOutcome,
  type ImportResult,
  type PlainDoc,
  type PushableCollection,
  type QuarantineCode,
  type UnsyncedImportResponse,
  type UnsyncedRecord,
} from '../../shared';
import type { CurrentRow, QuarantineItem, RowWrite, Store, SyncTx } from '../store';
import { erasureTombstone, isErased } from '../privacy/erasure';
import { storable } from './push';

const DOCUMENT_SCHEMAS = {
  residents: storable(withDeleted(COLLECTION_SCHEMAS.residents)),
  sessions: storable(withDeleted(COLLECTION_SCHEMAS.sessions)),
  completions: storable(withDeleted(COLLECTION_SCHEMAS.completions)),
} satisfies Record<PushableCollection, unknown>;

/** Every pushable record names its residential group in groupId (docs/sync.md "Collections"). */
const groupOf = (doc: PlainDoc): string => String(doc['groupId']);

interface Entry {
  index: number;
  record: UnsyncedRecord;
}

/** The first record whose (collection, id) appeared earlier in the file, if any. */
export function findDuplicate(
  records: readonly UnsyncedRecord[],
): { collection: string; id: string } | undefined {
  const seen = new Set<string>();
  for (const { collection, doc } of records) {
    const id = doc['id'];
    if (typeof id !== 'string') continue;
    const key = `${collection}\n${id}`;
    if (seen.has(key)) return { collection, id };
    seen.add(key);
  }
  return undefined;
}

/**
 * Imports the file's records into the ward, one locked transaction per collection. The caller has
 * checked the file against unsyncedExportSchema, that it is for this ward, and that no (collection, id)
 * appears twice (findDuplicate): a file with two states of one record could not be idempotent.
 */
export async function importUnsynced(
  store: Store,
  wardCode: string,
  records: readonly UnsyncedRecord[],
): Promise<UnsyncedImportResponse> {
  const results: ImportResult[] = [];
  for (const collection of PUSHABLE_COLLECTIONS) {
    const entries = records
      .map((record, index): Entry => ({ index, record }))
      .filter((e) => e.record.collection === collection);
    if (entries.length === 0) continue;
    results.push(
      ...(await store.syncWrite(collection, wardCode, (tx) => importInTx(tx, collection, entries))),
    );
  }
  results.sort((a, b) => a.index - b.index);
  const counts = { added: 0, updated: 0, merged: 0, unchanged: 0, quarantined: 0, erased: 0 };
  for (const r of results) counts[r.outcome] += 1;
  return { wardCode, counts, results };
}

async function importInTx(
  tx: SyncTx,
  collection: PushableCollection,
  entries: readonly Entry[],
): Promise<ImportResult[]> {
  const schema = DOCUMENT_SCHEMAS[collection];
  const checked = entries.map((entry) => ({ entry, parsed: schema.safeParse(entry.record.doc) }));
  const valid = checked.filter((c) => c.parsed.success).map((c) => c.entry.record.doc);
  // Invalid documents too, when they name a record: an erased record's state is not even put aside.
  const named = entries
    .map((entry) => entry.record.doc['id'])
    .filter((id): id is string => uuidSchema.safeParse(id).success);
  const current = await tx.getCurrent(named);
  const erasedResidents =
    collection === 'completions'
      ? await tx.erasedResidents(valid.map((doc) => String(doc['residentId'])))
      : new Map<string, string>();
  // The groups a stored state may name: the file's, and the ones the server's rows are in (a merge
  // keeps the server's group when the device did not move the record).
  const groups = await tx.groupsOfWard([
    ...valid.map(groupOf),
    ...[...current.values()].filter((cur) => cur.wardCode === tx.wardCode).map((cur) => groupOf(cur.doc)),
  ]);

  const results: ImportResult[] = [];
  const writes: RowWrite[] = [];
  const putAside: QuarantineItem[] = [];
  const done = (entry: Entry, id: string, outcome: ImportOutcome) =>
    results.push({ index: entry.index, collection, id, outcome });
  const quarantine = (entry: Entry, code: QuarantineCode, message: string) => {
    const { doc, baseState } = entry.record;
    const id = typeof doc['id'] === 'string' ? doc['id'] : '(unknown)';
    results.push({ index: entry.index, collection, id, outcome: 'quarantined', reason: { code, message } });
    // Stored like a pushed row, so the ward's put-aside list reads one shape and a re-import of the
    // same record finds its payload already there (the quarantine table deduplicates by payload).
    const row =
      baseState === undefined
        ? { newDocumentState: doc }
        : { assumedMasterState: baseState, newDocumentState: doc };
    putAside.push({ docId: id, reasonCode: code, reason: message, payload: JSON.stringify(row) });
  };
  const write = (id: string, state: PlainDoc) => {
    const { _deleted, ...record } = state;
    writes.push({ id, groupId: groupOf(record), doc: record, deleted: _deleted === true });
  };

  for (const { entry, parsed } of checked) {
    // R4 (docs/privacy.md): a record erased in this ward is never stored again nor put aside.
    const rawId = entry.record.doc['id'];
    const held = typeof rawId === 'string' ? current.get(rawId) : undefined;
    if (held !== undefined && held.wardCode === tx.wardCode && isErased(held)) {
      done(entry, String(rawId), 'erased');
      continue;
    }
    if (!parsed.success) {
      quarantine(entry, 'invalid_document', parsed.error.issues.map((issue) => issue.message).join('; '));
      continue;
    }
    const { doc, baseState } = entry.record;
    const id = String(doc['id']);
    const cur = current.get(id);
    const scopeProblem = outOfScope(tx.wardCode, doc, groups, cur);
    if (scopeProblem !== undefined) {
      quarantine(entry, 'out_of_scope', scopeProblem);
      continue;
    }
    const erasedAt = erasedResidents.get(String(doc['residentId']));
    if (erasedAt !== undefined) {
      // A completion of an erased resident: stored as a bare erasure tombstone, like a push (R4).
      write(id, { ...erasureTombstone(doc, erasedAt), _deleted: true });
      done(entry, id, 'erased');
      continue;
    }
    if (cur === undefined) {
      write(id, doc); // the server never had it: stored exactly as the device had it
      done(entry, id, 'added');
      continue;
    }
    const curState = { ...cur.doc, _deleted: cur.deleted };
    if (sameSyncState(curState, doc)) {
      done(entry, id, 'unchanged'); // like push invariant 4: no write, no sequence value
      continue;
    }
    if (baseState !== undefined && sameSyncState(baseState, curState)) {
      write(id, doc); // the server still holds what the device started from: like push invariant 5
      done(entry, id, 'updated');
      continue;
    }
    const merged = mergeThreeWay(
      { assumed: baseState, master: curState, local: doc },
      MERGE_POLICIES[collection],
    );
    if (sameSyncState(merged, curState)) {
      done(entry, id, 'unchanged'); // the server already has everything the device changed
      continue;
    }
    const mergedCheck = schema.safeParse(merged);
    if (!mergedCheck.success) {
      const issues = mergedCheck.error.issues.map((issue) => issue.message).join('; ');
      quarantine(entry, 'invalid_document', `merged with the server's state: ${issues}`);
      continue;
    }
    if (!groups.has(groupOf(merged))) {
      quarantine(
        entry,
        'out_of_scope',
        `group ${groupOf(merged)} is not a residential group of ward ${tx.wardCode}`,
      );
      continue;
    }
    write(id, merged);
    done(entry, id, 'merged');
  }

  await tx.write(writes);
  await tx.quarantine(putAside);
  return results;
}

/** The ward checks of a push (src/server/sync/push.ts), for the importing officer's ward. */
function outOfScope(
  wardCode: string,
  doc: PlainDoc,
  groupsOfWard: Set<string>,
  cur: CurrentRow | undefined,
): string | undefined {
  // A row held for another ward: refuse without saying anything about it.
  if (cur !== undefined && cur.wardCode !== wardCode)
    return `record ${String(doc['id'])} cannot be written in ward ${wardCode}`;
  if (doc['wardCode'] !== wardCode)
    return `record is for ward ${String(doc['wardCode'])}, not ward ${wardCode}`;
  const groupId = groupOf(doc);
  if (!groupsOfWard.has(groupId)) return `group ${groupId} is not a residential group of ward ${wardCode}`;
  return undefined;
}
