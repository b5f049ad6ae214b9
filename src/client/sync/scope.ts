// The device's side of a scope change (docs/sync.md "Scope changes", invariant 11): when the server says
// the scope is now other groups, records of the groups the volunteer lost leave the device as master
// deletions — minimal tombstones, so no personal data stays behind in the deleted document or in RxDB's
// replication metadata — except records with unsynced edits or put aside by the server, which stay.
import type { RxCollection } from 'rxdb';
import type { PlainDoc } from '../../shared';

/** What a pull needs to keep the device inside its scope (exchange.ts pullHandler). */
export interface PullScope {
  /**
   * Eviction tombstones for the local records outside `groups` that are in sync with the server: never
   * for a record with an unsynced change or one the server put aside (those are pushed, or stay).
   */
  evict(groups: readonly string[]): Promise<PlainDoc[]>;
  /**
   * Of these pulled ids, the records the server put aside whose local state is still the refused one:
   * their local state (null when it is no longer a live record), which a pulled state must not replace.
   */
  putAside(ids: readonly string[]): Promise<ReadonlyMap<string, PlainDoc | null>>;
}

/** The fields an eviction tombstone keeps: the primary key and what the local indexes need. */
const TOMBSTONE_FIELDS = ['id', 'wardCode', 'groupId', 'residentId'] as const;

export function evictionTombstone(doc: PlainDoc): PlainDoc {
  const tombstone: PlainDoc = {};
  for (const field of TOMBSTONE_FIELDS) if (doc[field] !== undefined) tombstone[field] = doc[field];
  tombstone['_deleted'] = true;
  return tombstone;
}

export interface PullScopeOptions {
  collection: RxCollection<PlainDoc>;
  /** The field naming a record's residential group: `groupId`, or `id` for the groups themselves. */
  groupField: 'groupId' | 'id';
  /** Resolves once `pending` knows every stored record (the waiting tracker's first read). */
  ready?: Promise<void>;
  /** Whether the record has a local state the server has not acknowledged (unsynced or put aside). */
  pending?: (id: string) => boolean;
  /** Ids of records the server put aside whose local state is still the refused one. */
  putAside?: () => readonly string[];
  /** Whether anything is put aside at all (skips waiting for `ready` when nothing is). */
  hasPutAside?: () => boolean;
}

export function pullScope(o: PullScopeOptions): PullScope {
  return {
    async evict(groups) {
      await o.ready;
      const outside = await o.collection.find({ selector: { [o.groupField]: { $nin: [...groups] } } }).exec();
      return outside
        .map((doc) => doc.toJSON() as PlainDoc)
        .filter((doc) => !(o.pending?.(String(doc['id'])) ?? false))
        .map(evictionTombstone);
    },
    async putAside(ids) {
      const out = new Map<string, PlainDoc | null>();
      if (o.putAside === undefined || o.hasPutAside?.() === false || ids.length === 0) return out;
      await o.ready;
      const pulled = new Set(ids);
      const aside = o.putAside().filter((id) => pulled.has(id));
      if (aside.length === 0) return out;
      const local = await o.collection.findByIds(aside).exec();
      for (const id of aside) out.set(id, (local.get(id)?.toJSON() as PlainDoc | undefined) ?? null);
      return out;
    },
  };
}
