// The push algorithm (docs/sync.md invariants 4–7): per row, validate, check scope, then accept
// unchanged rows without a write, write rows whose assumed state matches, and answer the rest with
// the server's current state. Bad rows are quarantined so the batch, and the device's queue, move on.
// Erased records (docs/privacy.md R4) are guarded before all of that: see pushInTx.
import { z } from 'zod/mini';
import {
  COLLECTION_SCHEMAS,
  sameSyncState,
  uuidSchema,
  withDeleted,
  type PlainDoc,
  type PushResponse,
  type PushRow,
  type QuarantineCode,
  type QuarantineNotice,
  type SyncCollection,
} from '../../shared';
import {
  isStorable,
  type AuditWrite,
  type CurrentRow,
  type QuarantineItem,
  type RowWrite,
  type Store,
  type SyncTx,
} from '../store';
import { asSyncState, erasureTombstone, isErased } from '../privacy/erasure';

/** A document schema that also refuses what PostgreSQL cannot store: put aside, never a failed write. */
export function storable<T extends z.ZodMiniType>(schema: T): T {
  return schema.check(z.refine(isStorable, { error: 'text.invalidChars' }));
}

const DOCUMENT_SCHEMAS = {
  residents: storable(withDeleted(COLLECTION_SCHEMAS.residents)),
  groups: storable(withDeleted(COLLECTION_SCHEMAS.groups)),
  sessions: storable(withDeleted(COLLECTION_SCHEMAS.sessions)),
  completions: storable(withDeleted(COLLECTION_SCHEMAS.completions)),
} satisfies Record<SyncCollection, unknown>;

/**
 * The residential group a document belongs to, checked against the ward and the device's scope. A
 * session is logged under its group (attendees may live elsewhere in the ward); a completion carries its
 * resident's group; groups are their own.
 */
const GROUP_OF: Record<SyncCollection, (doc: PlainDoc) => unknown> = {
  residents: (doc) => doc['groupId'],
  sessions: (doc) => doc['groupId'],
  completions: (doc) => doc['groupId'],
  groups: (doc) => doc['id'],
};

/**
 * Pushes rows into a ward. `scopeGroups` (leaders, volunteers) restricts writes to those residential
 * groups; undefined = the whole ward (officers).
 */
export function push(
  store: Store,
  collection: SyncCollection,
  wardCode: string,
  rows: readonly PushRow[],
  scopeGroups?: readonly string[],
  auditOf?: (outcome: PushOutcome) => AuditWrite | null,
) {
  return store.syncWrite(collection, wardCode, async (tx) => {
    const outcome = await pushInTx(tx, rows, scopeGroups);
    // A5: the push's audit entry commits with it, never without it (and costs no commit of its own).
    const entry = auditOf?.(outcome);
    if (entry) await tx.audit([entry]);
    return outcome;
  });
}

/** The device's answer, and the ids written (for the audit log; not sent to the device). */
export interface PushOutcome extends PushResponse {
  written: string[];
}

export async function pushInTx(
  tx: SyncTx,
  rows: readonly PushRow[],
  scopeGroups?: readonly string[],
): Promise<PushOutcome> {
  const scope = scopeGroups === undefined ? undefined : new Set(scopeGroups);
  const schema = DOCUMENT_SCHEMAS[tx.collection];
  const checked = rows.map((row) => ({ row, parsed: schema.safeParse(row.newDocumentState) }));
  const valid = checked.filter((c) => c.parsed.success).map((c) => c.row.newDocumentState);
  // Invalid documents too, when they name a record: an erased record's state is not even put aside.
  const invalidIds = checked
    .filter((c) => !c.parsed.success && uuidSchema.safeParse(c.row.newDocumentState['id']).success)
    .map((c) => String(c.row.newDocumentState['id']));
  // One round trip to read, one to write (and one to put aside, if any): never a statement per row.
  const { current, groups, erasedResidents } = await tx.readBatch(
    [...valid.map((doc) => String(doc['id'])), ...invalidIds],
    valid.map((doc) => String(GROUP_OF[tx.collection](doc))),
    tx.collection === 'completions' ? valid.map((doc) => String(doc['residentId'])) : [],
  );

  const writes = new Map<string, RowWrite>();
  const conflicts: PlainDoc[] = [];
  const notices: QuarantineNotice[] = [];
  const putAside: QuarantineItem[] = [];
  const quarantine = (row: PushRow, code: QuarantineCode, message: string) => {
    const rawId = row.newDocumentState['id'];
    const id = typeof rawId === 'string' ? rawId : '(unknown)';
    notices.push({ id, code, message });
    putAside.push({ docId: id, reasonCode: code, reason: message, payload: JSON.stringify(row) });
  };

  for (const { row, parsed } of checked) {
    const rawId = row.newDocumentState['id'];
    const held = typeof rawId === 'string' ? current.get(rawId) : undefined;
    // R4: a record erased in this ward is never stored again, nor quarantined (the payload would keep the
    // person's data). A state other than the tombstone is answered with the tombstone, which the device's
    // conflict handler takes wholesale, so it converges; whatever its scope, it learns only the tombstone.
    if (held !== undefined && held.wardCode === tx.wardCode && isErased(held)) {
      const tombstone = asSyncState(held);
      if (!sameSyncState(tombstone, row.newDocumentState)) conflicts.push(tombstone);
      continue;
    }
    if (!parsed.success) {
      quarantine(row, 'invalid_document', parsed.error.issues.map((issue) => issue.message).join('; '));
      continue;
    }
    const next = row.newDocumentState;
    const id = String(next['id']);
    const groupId = String(GROUP_OF[tx.collection](next));
    const cur = current.get(id);
    const scopeProblem =
      outOfScope(tx.wardCode, next, groupId, groups, cur) ?? outOfGroups(tx.collection, groupId, scope, cur);
    if (scopeProblem !== undefined) {
      quarantine(row, 'out_of_scope', scopeProblem);
      continue;
    }
    const erasedAt = erasedResidents.get(String(next['residentId']));
    if (erasedAt !== undefined) {
      // R4: a completion for an erased resident is stored as an erasure tombstone (no other field), and
      // the device gets that tombstone back as the conflict answer.
      const tombstone = erasureTombstone(next, erasedAt);
      writes.delete(id);
      writes.set(id, { id, groupId, doc: tombstone, deleted: true });
      current.set(id, { doc: tombstone, deleted: true, wardCode: tx.wardCode });
      conflicts.push({ ...tombstone, _deleted: true });
      continue;
    }
    const curState = cur && { ...cur.doc, _deleted: cur.deleted };
    if (curState !== undefined && sameSyncState(curState, next)) continue; // invariant 4: no write
    const assumed = row.assumedMasterState ?? undefined;
    if (curState !== undefined && (assumed === undefined || !sameSyncState(curState, assumed))) {
      conflicts.push(curState); // invariant 5: the device's conflict handler decides
      continue;
    }
    // Invariant 6: the record exactly as sent, minus the tombstone flag which has its own column.
    const { _deleted, ...record } = next;
    const write: RowWrite = { id, groupId, doc: record, deleted: _deleted === true };
    writes.delete(id); // a later row for the same id replaces the earlier write
    writes.set(id, write);
    current.set(id, { doc: record, deleted: write.deleted, wardCode: tx.wardCode });
  }

  await tx.write([...writes.values()]);
  await tx.quarantine(putAside);
  return { conflicts, quarantined: notices, written: [...writes.keys()] };
}

function outOfScope(
  wardCode: string,
  doc: PlainDoc,
  groupId: string,
  groupsOfWard: Set<string>,
  cur: CurrentRow | undefined,
): string | undefined {
  // A row held for another ward: refuse without saying anything about it.
  if (cur !== undefined && cur.wardCode !== wardCode)
    return `record ${String(doc['id'])} cannot be written in ward ${wardCode}`;
  if (doc['wardCode'] !== wardCode)
    return `record is for ward ${String(doc['wardCode'])}, not ward ${wardCode}`;
  if (!groupsOfWard.has(groupId)) return `group ${groupId} is not a residential group of ward ${wardCode}`;
  return undefined;
}

/**
 * A leader or volunteer writes only in their groups: the new state must be in one, and so must the
 * record the server holds (no moving another group's record in, and nothing about it is revealed).
 */
function outOfGroups(
  collection: SyncCollection,
  groupId: string,
  scope: Set<string> | undefined,
  cur: CurrentRow | undefined,
): string | undefined {
  if (scope === undefined) return undefined;
  if (!scope.has(groupId)) return `group ${groupId} is not one of your residential groups`;
  if (cur !== undefined && !scope.has(String(GROUP_OF[collection](cur.doc)))) {
    return 'this record belongs to a residential group that is not yours';
  }
  return undefined;
}
