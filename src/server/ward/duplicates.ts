// Duplicate residents (docs/ward.md "Duplicates"): proposals from the signals the records carry, and the
// merge and its undo — a resident write through the sync path (so phones get it) with its audit row in the
// same transaction. Coverage follows merges at query time, so a merge or undo changes nothing else.
import {
  duplicateKey,
  type DuplicateCandidate,
  type DuplicateSide,
  type DuplicateSignal,
  type MergeRecord,
  type PlainDoc,
} from '../../shared';
import { ApiError } from '../http/errors';
import type { MergeRow, Store, UnmergedResident } from '../store';
import { edited, rowOf } from './officer-write';

/** At most this many proposals per answer (the review works through them). */
export const CANDIDATES_MAX = 200;

/** Who acts: an officer (whole ward) or a leader (their groups). */
export interface Actor {
  accountId: string;
  /** undefined = the whole ward. */
  groupIds?: readonly string[];
}

const text = (doc: PlainDoc, key: string): string | undefined =>
  typeof doc[key] === 'string' ? (doc[key] as string) : undefined;

/** The keys under which two records look like one person, per signal. */
function signalKeys(r: UnmergedResident): [DuplicateSignal, string][] {
  const out: [DuplicateSignal, string][] = [];
  const fullName = text(r.doc, 'fullName');
  const birthYear = r.doc['birthYear'];
  if (fullName !== undefined && typeof birthYear === 'number') {
    out.push(['name_birth_year', duplicateKey({ groupId: r.groupId, fullName, birthYear })]);
  }
  const phone = text(r.doc, 'phone');
  if (phone !== undefined) out.push(['phone', phone.replace(/^\+84/, '0')]);
  const last4 = text(r.doc, 'citizenIdLast4');
  if (last4 !== undefined && typeof birthYear === 'number')
    out.push(['citizen_id_last4', `${last4}|${birthYear}`]);
  return out;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

/** Proposed pairs of the ward (or of the actor's groups), strongest first (more signals), not dismissed. */
export async function proposeDuplicates(
  store: Store,
  wardCode: string,
  actor: Actor,
): Promise<DuplicateCandidate[]> {
  const residents = await store.unmergedResidents(wardCode, actor.groupIds);
  const byKey = new Map<string, UnmergedResident[]>();
  for (const r of residents) {
    for (const [signal, key] of signalKeys(r)) {
      const k = `${signal}\n${key}`;
      const list = byKey.get(k) ?? [];
      list.push(r);
      byKey.set(k, list);
    }
  }
  const dismissed = await store.dismissedPairs(wardCode);
  const pairs = new Map<
    string,
    { a: UnmergedResident; b: UnmergedResident; signals: Set<DuplicateSignal> }
  >();
  for (const [k, list] of byKey) {
    if (list.length < 2 || list.length > 20) continue; // a shared family phone is not a duplicate signal
    const signal = k.slice(0, k.indexOf('\n')) as DuplicateSignal;
    for (let i = 0; i < list.length; i += 1) {
      for (let j = i + 1; j < list.length; j += 1) {
        const [a, b] = list[i]!.id < list[j]!.id ? [list[i]!, list[j]!] : [list[j]!, list[i]!];
        const key = pairKey(a.id, b.id);
        if (dismissed.has(key)) continue;
        const pair = pairs.get(key) ?? { a, b, signals: new Set<DuplicateSignal>() };
        pair.signals.add(signal);
        pairs.set(key, pair);
      }
    }
  }
  const chosen = [...pairs.values()]
    .sort((x, y) => y.signals.size - x.signals.size || x.a.id.localeCompare(y.a.id))
    .slice(0, CANDIDATES_MAX);
  const ids = [...new Set(chosen.flatMap((p) => [p.a.id, p.b.id]))];
  const counts = await store.recordCounts(wardCode, ids);
  const side = (r: UnmergedResident): DuplicateSide => {
    const c = counts.get(r.id) ?? { completions: 0, vneid: 0, sessions: 0 };
    const birthDate = text(r.doc, 'birthDate');
    const phone = text(r.doc, 'phone');
    const last4 = text(r.doc, 'citizenIdLast4');
    return {
      id: r.id,
      groupId: r.groupId,
      fullName: text(r.doc, 'fullName') ?? '',
      birthYear: Number(r.doc['birthYear']),
      ...(birthDate ? { birthDate } : {}),
      sex: r.doc['sex'] === 'male' ? 'male' : 'female',
      ...(phone ? { phone } : {}),
      ...(last4 ? { citizenIdLast4: last4 } : {}),
      createdAt: text(r.doc, 'createdAt') ?? '',
      ...c,
    };
  };
  return chosen.map((p) => ({ signals: [...p.signals].sort(), a: side(p.a), b: side(p.b) }));
}

const notFound = () => new ApiError('not_found', 'No such resident in this ward.');

function inScope(actor: Actor, groupId: string): boolean {
  return actor.groupIds === undefined || actor.groupIds.includes(groupId);
}

/**
 * Merges `fromId` into `intoId` (both live residents of the ward, in the actor's scope). Refused: itself,
 * a record already merged, a target merged into another (merge into the one that stands for the person),
 * anything that would make a cycle.
 */
export async function mergeResidents(
  store: Store,
  wardCode: string,
  actor: Actor,
  fromId: string,
  intoId: string,
  reason: string,
  now: Date,
): Promise<number> {
  if (fromId === intoId) throw new ApiError('invalid_body', 'A record cannot be merged into itself.');
  // One transaction: the resident write and its audit row commit together or not at all.
  return store.syncWrite('residents', wardCode, async (tx) => {
    const current = await tx.getCurrent([fromId, intoId]);
    const from = current.get(fromId);
    const into = current.get(intoId);
    if (!from || !into || from.deleted || into.deleted) throw notFound();
    if (from.wardCode !== wardCode || into.wardCode !== wardCode) throw notFound();
    if (!inScope(actor, String(from.doc['groupId'])) || !inScope(actor, String(into.doc['groupId']))) {
      throw new ApiError('forbidden', 'This resident is outside your groups.');
    }
    if (from.doc['mergedInto'] !== undefined) {
      throw new ApiError('conflict', 'This record is already merged into another one.');
    }
    // A target that is itself merged would chain; a chain back to `from` would be a cycle. Both refused.
    if (into.doc['mergedInto'] !== undefined) {
      throw new ApiError(
        'conflict',
        'The target record is itself merged: merge into the record it points to.',
      );
    }
    await tx.write([rowOf('residents', edited(from, { mergedInto: intoId }, now))]);
    return tx.recordMerge({ fromId, intoId, reason, by: actor.accountId });
  });
}

/** Undoes a merge: the record stands for itself again; the audit row says who undid it and when. */
export async function undoMerge(
  store: Store,
  wardCode: string,
  actor: Actor,
  mergeId: number,
  now: Date,
): Promise<void> {
  const merge = await store.getMerge(wardCode, mergeId);
  if (merge === undefined) throw new ApiError('not_found', 'No such merge in this ward.');
  if (merge.undoneAt !== null) throw new ApiError('conflict', 'This merge was already undone.');
  await store.syncWrite('residents', wardCode, async (tx) => {
    const from = (await tx.getCurrent([merge.fromId])).get(merge.fromId);
    if (!from || from.wardCode !== wardCode) throw notFound();
    if (!inScope(actor, String(from.doc['groupId']))) {
      throw new ApiError('forbidden', 'This resident is outside your groups.');
    }
    if (from.doc['mergedInto'] === merge.intoId) {
      await tx.write([rowOf('residents', edited(from, {}, now, ['mergedInto']), from.deleted)]);
    }
    if (!(await tx.recordUnmerge(mergeId, actor.accountId))) {
      throw new ApiError('conflict', 'This merge was already undone.');
    }
  });
}

/** The audit list's wire shape. */
export function mergeRecord(m: MergeRow): MergeRecord {
  return {
    id: m.id,
    fromId: m.fromId,
    intoId: m.intoId,
    fromName: m.fromName,
    intoName: m.intoName,
    reason: m.reason,
    mergedBy: m.mergedByName,
    mergedAt: m.mergedAt,
    undoneBy: m.undoneByName,
    undoneAt: m.undoneAt,
  };
}
