// Receipts: per document, the fingerprint of the state the server is known to hold. A document whose
// local fingerprint differs from its receipt is "waiting" (docs/sync.md, invariant 9).
import { fingerprint, type PlainDoc } from '../../shared';
import { SETTING_KEYS, type KeyValue } from '../db';

export interface Receipts {
  /** Record that the server holds exactly these states. */
  ack(docs: PlainDoc[]): Promise<void>;
  get(id: string): string | undefined;
  /** Calls back with the acknowledged ids after every ack. Returns an unsubscribe. */
  subscribe(onAck: (ids: readonly string[]) => void): () => void;
  /** Re-read what another tab (the sync leader) stored; listeners hear about the ids that changed. */
  reload(): Promise<void>;
}

/** The idb-keyval key of a collection's receipts (also what the sync leader announces to other tabs). */
export const receiptsKey = (collection: string) => SETTING_KEYS.receipts + collection;

export async function loadReceipts(
  kv: KeyValue,
  collection: string,
  onStored: () => void = () => undefined,
): Promise<Receipts> {
  const key = receiptsKey(collection);
  const map = new Map<string, string>(Object.entries((await kv.get<Record<string, string>>(key)) ?? {}));
  const listeners = new Set<(ids: readonly string[]) => void>();
  const persist = coalescedWriter(() => kv.set(key, Object.fromEntries(map)));
  return {
    async ack(docs) {
      const ids: string[] = [];
      for (const doc of docs) {
        const id = doc['id'];
        if (typeof id !== 'string') continue;
        map.set(id, fingerprint(doc));
        ids.push(id);
      }
      if (ids.length === 0) return;
      await persist();
      onStored();
      for (const listener of listeners) listener(ids);
    },
    async reload() {
      const stored = (await kv.get<Record<string, string>>(key)) ?? {};
      const ids = Object.keys(stored).filter((id) => map.get(id) !== stored[id]);
      for (const id of ids) map.set(id, stored[id]!);
      if (ids.length > 0) for (const listener of listeners) listener(ids);
    },
    get: (id) => map.get(id),
    subscribe(onAck) {
      listeners.add(onAck);
      return () => listeners.delete(onAck);
    },
  };
}

/**
 * Serialised writes of a growing map, at most one running and one queued: acks arriving while a write
 * runs share the next one, which snapshots the map when it starts. An older snapshot never lands after
 * a newer one, and a burst of pulled batches does not write 10,000 receipts once per batch.
 */
export function coalescedWriter(write: () => Promise<void>): () => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  return () => {
    if (queued !== null) return queued;
    const next = tail.then(() => {
      queued = null;
      return write();
    });
    queued = next;
    tail = next.catch(() => undefined);
    return next;
  };
}
