// Receipts: per document, the fingerprint of the state the server is known to hold. A document whose
// local fingerprint differs from its receipt is "waiting" (docs/sync.md, invariant 9).
import { fingerprint, type PlainDoc } from '../../shared';
import { SETTING_KEYS, type KeyValue } from '../db';

export interface Receipts {
  /** Record that the server holds exactly these states. */
  ack(docs: PlainDoc[]): Promise<void>;
  get(id: string): string | undefined;
  /** Calls back after every ack. Returns an unsubscribe. */
  subscribe(onChange: () => void): () => void;
}

export async function loadReceipts(kv: KeyValue, collection: string): Promise<Receipts> {
  const key = SETTING_KEYS.receipts + collection;
  const map = new Map<string, string>(Object.entries((await kv.get<Record<string, string>>(key)) ?? {}));
  const listeners = new Set<() => void>();
  let saving = Promise.resolve();
  return {
    async ack(docs) {
      for (const doc of docs) {
        if (typeof doc['id'] === 'string') map.set(doc['id'], fingerprint(doc));
      }
      // Serialise writes so an older snapshot never overwrites a newer one.
      saving = saving.then(() => kv.set(key, Object.fromEntries(map)));
      await saving;
      for (const listener of listeners) listener();
    },
    get: (id) => map.get(id),
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
  };
}

/** Ids of local documents whose current state the server has not acknowledged. */
export function waitingIds(localDocs: PlainDoc[], receipts: Receipts): string[] {
  return localDocs
    .filter((doc) => typeof doc['id'] === 'string' && receipts.get(doc['id']) !== fingerprint(doc))
    .map((doc) => doc['id'] as string);
}
