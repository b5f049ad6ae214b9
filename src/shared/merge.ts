// Conflict resolution for replicated records: a three-way merge, so that neither the device's edit
// nor the server's newer state is lost. Fields the device changed (relative to the state it started
// from) win; every other field takes the server's value. A deletion on either side is kept.
import { canonicalJson, syncState, type PlainDoc } from './canonical';

export interface MergeInput {
  /** The server state the device's edit was based on; absent if the device thought the record was new. */
  assumed?: PlainDoc | undefined;
  /** The server's current state. */
  master: PlainDoc;
  /** The device's state. */
  local: PlainDoc;
}

export function mergeThreeWay({ assumed, master, local }: MergeInput): PlainDoc {
  const base = assumed ? syncState(assumed) : undefined;
  const m = syncState(master);
  const l = syncState(local);
  const out: PlainDoc = { ...m };
  const keys = new Set([...Object.keys(m), ...Object.keys(l)]);
  for (const key of keys) {
    if (key === '_deleted') continue;
    const changedLocally = !base || canonicalJson(l[key]) !== canonicalJson(base[key]);
    if (changedLocally) {
      if (key in l) out[key] = l[key];
      else delete out[key];
    }
  }
  out['_deleted'] = m['_deleted'] === true || l['_deleted'] === true;
  const stamps = [m['updatedAt'], l['updatedAt']].filter((s): s is string => typeof s === 'string');
  if (stamps.length > 0) out['updatedAt'] = stamps.sort().at(-1);
  return out;
}
