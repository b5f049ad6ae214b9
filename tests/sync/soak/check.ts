// The soak's checker: compares what devices were told was saved with what the server holds once the
// network healed and every device is in sync (QUALITY.md B9). Lost, duplicated and diverged are counted
// per the definitions below; every finding is described so a failing run can be diagnosed.
import { canonicalJson, syncState, type PlainDoc, type PushableCollection } from '../../../src/shared';
import { differences, serverRecords, type TestDevice, type TestServer } from '../harness';

/** What the devices of a run were told, per record. */
export interface Acknowledged {
  collection: PushableCollection;
  id: string;
  /** The unique text a device put in the record when it created it (name, place or notes). */
  token: string;
  /** Devices whose save of this record resolved. */
  writers: Set<string>;
  /** A device was told its deletion was saved. */
  deleted: boolean;
  /** For completions: the kind created (a VNeID confirmation may outlive a deletion, policy rule 4). */
  kind?: string;
}

export interface CheckResult {
  lost: string[];
  duplicated: string[];
  diverged: string[];
}

/** Where each collection's token lives, so one logical record is recognised under any id. */
export const TOKEN_FIELD: Record<PushableCollection, string> = {
  residents: 'fullName',
  sessions: 'place',
  completions: 'notes',
};

/** `Soak <token>` (then anything an edit appended) → token. */
export const tokenOf = (text: unknown): string | undefined =>
  typeof text === 'string' ? /^Soak (\S+)/.exec(text)?.[1] : undefined;

/**
 * - lost: a record a device was told was saved that the server does not hold (live or as a tombstone);
 *   a deletion a device was told was saved that the server does not hold (except a VNeID confirmation,
 *   rule 4); a record only one device ever wrote whose final server state is not that device's last
 *   saved state; a replaced state missing from record_history (the history chain of a record must link
 *   every stored state: each entry replaced by the next one's seq, the last one by the current row's).
 * - duplicated: one token stored under two ids; a write whose replaced state equals the state that
 *   replaced it (an identical re-send written twice).
 * - diverged: any record on which a device and the server disagree.
 */
export async function check(
  server: TestServer,
  wardCode: string,
  devices: readonly TestDevice[],
  acked: ReadonlyMap<string, Acknowledged>,
  /** Each device's local states (by collection/id) when the faults stopped, before healing. */
  finalLocal: ReadonlyMap<string, ReadonlyMap<string, PlainDoc>>,
): Promise<CheckResult> {
  const out: CheckResult = { lost: [], duplicated: [], diverged: [] };
  for (const collection of ['residents', 'sessions', 'completions'] as const) {
    const held = await serverRecords(server, wardCode, collection);
    const byToken = new Map<string, string[]>();
    for (const [id, row] of held) {
      const token = tokenOf(row.state[TOKEN_FIELD[collection]]);
      if (token === undefined) continue;
      byToken.set(token, [...(byToken.get(token) ?? []), id]);
    }
    for (const [token, ids] of byToken) {
      if (ids.length > 1) out.duplicated.push(`${collection} token ${token} stored as ${ids.join(', ')}`);
    }

    for (const a of acked.values()) {
      if (a.collection !== collection) continue;
      const row = held.get(a.id);
      if (row === undefined) {
        out.lost.push(
          `${collection}/${a.id} (${a.token}) acknowledged to ${[...a.writers].join(', ')}, not on the server`,
        );
        continue;
      }
      const vneid = collection === 'completions' && row.state['kind'] === 'vneid';
      if (a.deleted && row.state['_deleted'] !== true && !vneid) {
        out.lost.push(`${collection}/${a.id} (${a.token}): deletion acknowledged, live on the server`);
      }
      if (a.writers.size === 1) {
        const [writer] = [...a.writers];
        const last = finalLocal.get(writer!)?.get(`${collection}/${a.id}`);
        if (last !== undefined && canonicalJson(syncState(last)) !== canonicalJson(row.state)) {
          out.lost.push(
            `${collection}/${a.id} (${a.token}) written only by ${writer}: last saved ${canonicalJson(last)}, server holds ${canonicalJson(row.state)}`,
          );
        }
      }
    }

    for (const [id, row] of held) {
      const history = await server.store.recordHistory(collection, wardCode, id);
      const states = [
        ...history.map((h) => ({ state: syncState({ ...h.doc, _deleted: h.deleted }), seq: h.seq })),
        { state: row.state, seq: row.seq },
      ];
      for (let i = 0; i < history.length; i++) {
        const h = history[i]!;
        const next = states[i + 1]!;
        if (h.replacedBySeq !== next.seq) {
          out.lost.push(
            `${collection}/${id}: history entry seq ${h.seq} replaced by ${h.replacedBySeq}, but the next state has seq ${next.seq} (a replaced state was not kept)`,
          );
        }
        if (canonicalJson(states[i]!.state) === canonicalJson(next.state)) {
          out.duplicated.push(
            `${collection}/${id}: state of seq ${h.seq} written again unchanged as seq ${next.seq}`,
          );
        }
      }
    }
  }
  out.diverged.push(...(await differences(server, devices)));
  for (const d of devices) {
    const s = d.status();
    if (s.waiting !== 0 || s.problem !== null) {
      out.diverged.push(`${d.name}: status says ${s.waiting} waiting, problem ${String(s.problem)}`);
    }
  }
  return out;
}
