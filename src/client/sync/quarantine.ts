// Records the server put aside instead of storing, remembered with the state that was refused, so
// the device can show them until the volunteer fixes the record (a new state) and it is accepted.
import { fingerprint, type PlainDoc, type QuarantineNotice } from '../../shared';
import { SETTING_KEYS, type KeyValue } from '../db';
import { coalescedWriter } from './receipts';

export interface QuarantineEntry extends QuarantineNotice {
  /** Fingerprint of the refused state. */
  fingerprint: string;
}

export interface QuarantineLog {
  record(notices: QuarantineNotice[], sent: Map<string, PlainDoc>): Promise<void>;
  /** The server accepted a later state of these records: their entries are history. */
  forget(ids: readonly string[]): Promise<void>;
  entries(): QuarantineEntry[];
  /** Re-read what another tab (the sync leader) stored. */
  reload(): Promise<void>;
}

/** The idb-keyval key of a collection's quarantine log (also announced to other tabs). */
export const quarantineKey = (collection: string) => SETTING_KEYS.quarantine + collection;

export async function loadQuarantineLog(
  kv: KeyValue,
  collection: string,
  onStored: () => void = () => undefined,
): Promise<QuarantineLog> {
  const key = quarantineKey(collection);
  const map = new Map<string, QuarantineEntry>(
    Object.entries((await kv.get<Record<string, QuarantineEntry>>(key)) ?? {}),
  );
  const persist = coalescedWriter(() => kv.set(key, Object.fromEntries(map)));
  return {
    async record(notices, sent) {
      if (notices.length === 0) return;
      for (const n of notices) {
        const doc = sent.get(n.id);
        map.set(n.id, { ...n, fingerprint: doc ? fingerprint(doc) : '' });
      }
      await persist();
      onStored();
    },
    async forget(ids) {
      const known = ids.filter((id) => map.has(id));
      if (known.length === 0) return;
      for (const id of known) map.delete(id);
      await persist();
      onStored();
    },
    async reload() {
      const stored = (await kv.get<Record<string, QuarantineEntry>>(key)) ?? {};
      map.clear();
      for (const [id, entry] of Object.entries(stored)) map.set(id, entry);
    },
    entries: () => [...map.values()],
  };
}

/** Entries whose record is still, on this device, in the state the server refused. */
export function stillQuarantined(
  log: QuarantineLog,
  localFingerprint: (id: string) => string | undefined,
): QuarantineEntry[] {
  return log.entries().filter((e) => localFingerprint(e.id) === e.fingerprint);
}
