// The canonical form of a replicated document, used to compare states on both sides of sync
// (conflict detection on the server, receipts on the device) and to fingerprint them.

/** Storage-engine fields that are not part of the replicated state. */
const LOCAL_ONLY_FIELDS = new Set(['_meta', '_rev', '_attachments']);

export type PlainDoc = Record<string, unknown>;

/** The replicated state of a document: its fields plus `_deleted`, without storage metadata. */
export function syncState(doc: PlainDoc): PlainDoc {
  const out: PlainDoc = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!LOCAL_ONLY_FIELDS.has(key) && value !== undefined) out[key] = value;
  }
  out['_deleted'] = doc['_deleted'] === true;
  return out;
}

/** JSON with object keys sorted at every level: equal states give equal strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: PlainDoc = {};
    for (const key of Object.keys(value).sort()) {
      const inner = (value as PlainDoc)[key];
      if (inner !== undefined) out[key] = sortKeys(inner);
    }
    return out;
  }
  return value;
}

export function sameSyncState(a: PlainDoc, b: PlainDoc): boolean {
  return canonicalJson(syncState(a)) === canonicalJson(syncState(b));
}

/** A short fingerprint of a document's replicated state (cyrb53: fast, not cryptographic). */
export function fingerprint(doc: PlainDoc): string {
  const text = canonicalJson(syncState(doc));
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
