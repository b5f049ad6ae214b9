// Per pushable collection: the fingerprint of the last state this device sent for each record, written
// down BEFORE the push leaves. When a push's answer was lost (the app closed mid-push, a reply cut after
// the server committed), RxDB does not know the server holds that state; the next push then meets it as
// a conflict. If the server's state is exactly the one this device sent last, nobody else wrote since,
// and the device's newer state simply replaces it — a merge without a base would resurrect what the
// volunteer removed (docs/sync.md invariant 12).
import { fingerprint, type PlainDoc } from '../../shared';
import { SETTING_KEYS, type KeyValue } from '../db';
import { coalescedWriter } from './receipts';

export interface SentLog {
  /** The fingerprint of the last state sent for this record, if any. */
  last(id: string): string | undefined;
  /** Records that these states are about to be sent (persisted before it resolves). */
  note(docs: readonly PlainDoc[]): Promise<void>;
}

export const sentLogKey = (collection: string) => `${SETTING_KEYS.sent}${collection}`;

export async function loadSentLog(kv: KeyValue, collection: string): Promise<SentLog> {
  const key = sentLogKey(collection);
  const map = new Map<string, string>(Object.entries((await kv.get<Record<string, string>>(key)) ?? {}));
  const persist = coalescedWriter(() => kv.set(key, Object.fromEntries(map)));
  return {
    last: (id) => map.get(id),
    async note(docs) {
      for (const doc of docs) {
        const id = doc['id'];
        if (typeof id === 'string') map.set(id, fingerprint(doc));
      }
      if (docs.length > 0) await persist();
    },
  };
}
