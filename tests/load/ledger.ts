// What the devices sent and what the server acknowledged, per record, and the two checks made from it:
// every acknowledged record is on the server in the last state its device sent, and every device's pull
// holds every record of its groups acknowledged before that pull began.
import { fingerprint, type PlainDoc, type PushableCollection } from '../../src/shared';

/** One state of a record as a device sent it; `ackedAt` once a push answer accepted it. */
interface SentState {
  fp: string;
  ackedAt: number | null;
}

interface RecordLog {
  collection: PushableCollection;
  id: string;
  groupId: string;
  states: SentState[];
}

/** A record's key across collections: `residents/<id>`. */
export const keyOf = (collection: string, id: string) => `${collection}/${id}`;

/** The last acknowledged state no later than `before` (-1: none), from which the server's answer may be. */
function lastAckedIndex(log: RecordLog, before = Infinity): number {
  for (let i = log.states.length - 1; i >= 0; i--) {
    const at = log.states[i]!.ackedAt;
    if (at !== null && at < before) return i;
  }
  return -1;
}

/** The states the server may hold once `index` was acknowledged: that one or any sent after it. */
const allowedFrom = (log: RecordLog, index: number) => new Set(log.states.slice(index).map((s) => s.fp));

export interface ServerCheck {
  acknowledged: number;
  onServer: number;
  /** Acknowledged records missing on the server or held in another state than their device last sent. */
  lost: string[];
  /** Records on the server that no device sent. */
  unknown: string[];
}

export class Ledger {
  private readonly records = new Map<string, RecordLog>();
  private readonly byGroup = new Map<string, RecordLog[]>();

  /** A device is about to send these states. */
  sent(collection: PushableCollection, docs: readonly PlainDoc[]): void {
    for (const doc of docs) {
      const key = keyOf(collection, String(doc['id']));
      let log = this.records.get(key);
      if (log === undefined) {
        log = { collection, id: String(doc['id']), groupId: String(doc['groupId']), states: [] };
        this.records.set(key, log);
        const group = this.byGroup.get(log.groupId) ?? [];
        group.push(log);
        this.byGroup.set(log.groupId, group);
      }
      const fp = fingerprint(doc);
      if (log.states.at(-1)?.fp !== fp) log.states.push({ fp, ackedAt: null });
    }
  }

  /** The server accepted these states (a push answer without a conflict or quarantine for them). */
  acked(collection: PushableCollection, docs: readonly PlainDoc[], at: number): void {
    for (const doc of docs) {
      const log = this.records.get(keyOf(collection, String(doc['id'])));
      const fp = fingerprint(doc);
      const state = log?.states.findLast((s) => s.fp === fp);
      if (state !== undefined) state.ackedAt ??= at;
    }
  }

  /**
   * Records of `groups` acknowledged before `startedAt` that a pull begun then does not hold (by id, in
   * that state or a later one the device sent). `held` maps the pulled ids to their fingerprints.
   */
  missingFromPull(
    collection: PushableCollection,
    groups: readonly string[],
    startedAt: number,
    held: ReadonlyMap<string, string>,
  ): string[] {
    const missing: string[] = [];
    for (const group of groups) {
      for (const log of this.byGroup.get(group) ?? []) {
        if (log.collection !== collection) continue;
        const index = lastAckedIndex(log, startedAt);
        if (index < 0) continue;
        const fp = held.get(log.id);
        if (fp === undefined || !allowedFrom(log, index).has(fp)) missing.push(keyOf(collection, log.id));
      }
    }
    return missing;
  }

  /** Whether the ledger knows this record (a pulled id no device sent is an error). */
  knows(collection: PushableCollection, id: string): boolean {
    return this.records.has(keyOf(collection, id));
  }

  /** Compares every acknowledged record with what the server holds (`server`: key → state). */
  checkServer(server: ReadonlyMap<string, PlainDoc>): ServerCheck {
    const check: ServerCheck = { acknowledged: 0, onServer: server.size, lost: [], unknown: [] };
    for (const [key, log] of this.records) {
      const index = lastAckedIndex(log);
      if (index < 0) continue;
      check.acknowledged++;
      const held = server.get(key);
      if (held === undefined || !allowedFrom(log, index).has(fingerprint(held))) check.lost.push(key);
    }
    for (const key of server.keys()) if (!this.records.has(key)) check.unknown.push(key);
    return check;
  }
}
