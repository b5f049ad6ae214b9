// Conflict resolution for replicated records: a three-way merge, so that neither the device's edit
// nor the server's newer state is lost, with per-collection rules (docs/sync.md "Conflict policy"):
// set fields merge by set, a deletion on either side is kept, and a VNeID confirmation held by the
// server is never undone by an older edit; an erasure tombstone (docs/privacy.md R4) wins outright.
import { canonicalJson, syncState, type PlainDoc } from './canonical';

export interface MergeInput {
  /** The server state the device's edit was based on; absent if the device thought the record was new. */
  assumed?: PlainDoc | undefined;
  /** The server's current state. */
  master: PlainDoc;
  /** The device's state. */
  local: PlainDoc;
}

export interface MergePolicy {
  /** Array fields merged as sets (rule 2). */
  setFields?: readonly string[];
  /** Rule 4: a live VNeID confirmation on the server stays live and stays a confirmation. */
  protectVneid?: boolean;
}

/** The merge rules of each replicated collection. */
export const MERGE_POLICIES = {
  residents: {},
  groups: {},
  sessions: { setFields: ['attendeeIds', 'skills', 'trainers'] },
  completions: { protectVneid: true },
} as const satisfies Record<string, MergePolicy>;

/** An erasure tombstone (docs/privacy.md R3): a deletion that says when the person's data was erased. */
export function isErasureTombstone(doc: PlainDoc): boolean {
  return doc['_deleted'] === true && typeof doc['erasedAt'] === 'string';
}

export function mergeThreeWay({ assumed, master, local }: MergeInput, policy: MergePolicy = {}): PlainDoc {
  const m = syncState(master);
  // R4: an erased record takes the tombstone wholesale; nothing of the device's edit survives.
  if (isErasureTombstone(m)) return m;
  const base = assumed ? syncState(assumed) : undefined;
  const l = syncState(local);
  const sets = new Set(policy.setFields ?? []);
  const out: PlainDoc = { ...m };
  const keys = new Set([...Object.keys(m), ...Object.keys(l)]);
  for (const key of keys) {
    if (key === '_deleted') continue;
    if (sets.has(key) && (Array.isArray(m[key]) || Array.isArray(l[key]))) {
      out[key] = mergeSet(base?.[key], m[key], l[key]);
      continue;
    }
    const changedLocally = !base || canonicalJson(l[key]) !== canonicalJson(base[key]);
    if (changedLocally) {
      if (key in l) out[key] = l[key];
      else delete out[key];
    }
  }
  out['_deleted'] = m['_deleted'] === true || l['_deleted'] === true;
  if (policy.protectVneid && m['kind'] === 'vneid' && m['_deleted'] !== true) {
    out['kind'] = 'vneid';
    out['vneid'] = out['vneid'] ?? m['vneid'];
    if (out['skills'] !== undefined && m['skills'] === undefined) delete out['skills'];
    out['_deleted'] = false;
  }
  const stamps = [m['updatedAt'], l['updatedAt']].filter((s): s is string => typeof s === 'string');
  if (stamps.length > 0) out['updatedAt'] = stamps.sort().at(-1);
  return out;
}

/** Three-way set merge of two arrays (elements compared in canonical form), keeping the server's order. */
function mergeSet(base: unknown, master: unknown, local: unknown): unknown[] {
  const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : []);
  const keyed = (v: unknown) => new Map(list(v).map((item) => [canonicalJson(item), item]));
  const b = base === undefined ? undefined : keyed(base);
  const m = keyed(master);
  const l = keyed(local);
  const keep = (key: string, inOther: boolean) => {
    if (inOther) return true; // both sides hold it
    if (b === undefined) return true; // no base: union
    return !b.has(key); // added on one side since the base; held before and missing now = removed
  };
  const out: unknown[] = [];
  for (const [key, item] of m) if (keep(key, l.has(key))) out.push(item);
  for (const [key, item] of l) if (!m.has(key) && keep(key, false)) out.push(item);
  return out;
}
