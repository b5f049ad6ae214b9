// Records the server put aside instead of storing, remembered with the state that was refused, so
// the device can show them until the volunteer fixes the record (a new state) and it is accepted.
import { fingerprint, type PlainDoc, type QuarantineNotice } from '../../shared';
import type { KeyValue } from '../db';

export interface QuarantineEntry extends QuarantineNotice {
  fingerprint: string;
}

export interface QuarantineLog {
  record(notices: QuarantineNotice[], sent: Map<string, PlainDoc>): Promise<void>;
  entries(): QuarantineEntry[];
}

export async function loadQuarantineLog(kv: KeyValue, collection: string): Promise<QuarantineLog> {
  const key = `quarantine:${collection}`;
  const map = new Map<string, QuarantineEntry>(
    Object.entries((await kv.get<Record<string, QuarantineEntry>>(key)) ?? {}),
  );
  return {
    async record(notices, sent) {
      if (notices.length === 0) return;
      for (const n of notices) {
        const doc = sent.get(n.id);
        map.set(n.id, { ...n, fingerprint: doc ? fingerprint(doc) : '' });
      }
      await kv.set(key, Object.fromEntries(map));
    },
    entries: () => [...map.values()],
  };
}

/** Quarantined records whose local state is still the one the server refused. */
export function stillQuarantined(localDocs: PlainDoc[], log: QuarantineLog): QuarantineEntry[] {
  const local = new Map(localDocs.map((d) => [d['id'], fingerprint(d)]));
  return log.entries().filter((e) => local.get(e.id) === e.fingerprint);
}
