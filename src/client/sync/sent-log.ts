// Per pushable collection: the fingerprints of the last few states this device sent for each record,
// written down BEFORE the push leaves. When a push's answer was lost (the app closed mid-push, a reply cut
// after the server committed), RxDB does not know the server holds that state; the next push then meets
// it as a conflict. If the server's state is exactly one this device sent, nobody else wrote since (a
// state written by another device would differ, if only in updatedAt), and the device's newer state, made
// from it, simply replaces it — a merge without a base would resurrect what the volunteer removed
// (docs/sync.md invariant 12).
import { fingerprint, type PlainDoc } from '../../shared';
import { SETTING_KEYS, type KeyValue } from '../db';
import { coalescedWriter } from './receipts';

export interface SentLog {
  /** Whether this device sent this state of the record (one of its last SENT_KEPT states). */
  sent(id: string, fingerprint: string): boolean;
  /** Records that these states are about to be sent (persisted before it resolves). */
  note(docs: readonly PlainDoc[]): Promise<void>;
}

/**
 * States kept per record. More than one: the push that replaces the device's own state may itself be
 * lost before it reaches the server, and its retry must still recognise the older state as the device's
 * (found by the soak, seed 424242 run 109).
 */
export const SENT_KEPT = 4;

export const sentLogKey = (collection: string) => `${SETTING_KEYS.sent}${collection}`;

export async function loadSentLog(kv: KeyValue, collection: string): Promise<SentLog> {
  const key = sentLogKey(collection);
  const stored = (await kv.get<Record<string, unknown>>(key)) ?? {};
  const map = new Map<string, string[]>(
    Object.entries(stored).map(([id, fps]) => [id, Array.isArray(fps) ? fps.map(String) : [String(fps)]]),
  );
  const persist = coalescedWriter(() => kv.set(key, Object.fromEntries(map)));
  return {
    sent: (id, fp) => map.get(id)?.includes(fp) ?? false,
    async note(docs) {
      for (const doc of docs) {
        const id = doc['id'];
        if (typeof id !== 'string') continue;
        const fp = fingerprint(doc);
        const kept = (map.get(id) ?? []).filter((f) => f !== fp);
        map.set(id, [...kept, fp].slice(-SENT_KEPT));
      }
      if (docs.length > 0) await persist();
    },
  };
}
