// One simulated device speaking the app's sync protocol (src/client/sync/exchange.ts) without RxDB: it
// pulls its scope, pushes what its volunteer recorded in batches of ≤ 100, re-sends one batch as after a
// lost answer, edits a few records assuming the state the server acknowledged, then pulls its scope until
// caught up and checks that pull against what every device had acknowledged before it began.
import {
  checkpointParams,
  fingerprint,
  pullResponseSchema,
  pushResponseSchema,
  wardSettingsResponseSchema,
  PUSHABLE_COLLECTIONS,
  type Checkpoint,
  type PlainDoc,
  type PushableCollection,
  type SyncCollection,
} from '../../src/shared';
import { deleted, deviceRecords, renamed, withoutLastAttendee, type Random } from './docs';
import { RequestFailed, type DeviceHttp, type Stats } from './http';
import type { Ledger } from './ledger';

/** The app's batch sizes (src/client/sync/replication.ts). */
const PUSH_BATCH = 100;
const PULL_BATCH = 200;
/** Residents renamed after the first sync. */
const RENAMES = 3;

/** What each device records, sends and edits (docs.ts deviceRecords; the edits in runDevice). */
export function deviceWorkload(residents: number) {
  const sessions = Math.ceil(residents / 10);
  const completions = Math.ceil(residents / 2);
  return { residents, sessions, completions, edits: Math.min(RENAMES, residents) + 2 };
}

export interface DeviceSpec {
  token: string;
  /** The volunteer's residential groups, sorted. */
  groups: string[];
  volunteer: string;
}

export interface DeviceContext {
  http: DeviceHttp;
  stats: Stats;
  ledger: Ledger;
  wardCode: string;
  random: Random;
  /** Residents this device records (sessions and completions follow from them). */
  residents: number;
  /** The device waits a random share of this before its first request. */
  jitterMs: number;
}

export interface DeviceOutcome {
  /** Every step done (false: a request failed or the run's --duration ended first). */
  finished: boolean;
  /** Records its final pull should have held and did not (`collection/id`), or groups of its scope. */
  missing: string[];
  /** Records its pulls returned from outside its groups, or that no device ever sent. */
  unexpected: string[];
}

interface Row {
  assumed: PlainDoc | null;
  doc: PlainDoc;
}

export async function runDevice(spec: DeviceSpec, c: DeviceContext): Promise<DeviceOutcome> {
  const outcome: DeviceOutcome = { finished: false, missing: [], unexpected: [] };
  const checkpoints = new Map<SyncCollection, Checkpoint>();
  /** What the device holds from its pulls: id → fingerprint, per collection. */
  const held = new Map<SyncCollection, Map<string, string>>();
  /** The state the server acknowledged per record: the next edit assumes it. */
  const acknowledged = new Map<string, PlainDoc>();

  async function pullUntilCaughtUp(collection: SyncCollection): Promise<void> {
    const holding = held.get(collection) ?? new Map<string, string>();
    held.set(collection, holding);
    for (;;) {
      const query = new URLSearchParams({
        wardCode: c.wardCode,
        ...checkpointParams(checkpoints.get(collection)),
        limit: String(PULL_BATCH),
      });
      const page = await c.http.get('pull', `/v1/sync/${collection}/pull?${query}`, pullResponseSchema);
      for (const doc of page.documents) {
        holding.set(String(doc['id']), fingerprint(doc));
        // A volunteer never receives a record of another group (docs/auth.md rule 6).
        const group = String(collection === 'groups' ? doc['id'] : doc['groupId']);
        if (!spec.groups.includes(group)) outcome.unexpected.push(`${collection}/${String(doc['id'])}`);
      }
      // RxDB keeps the checkpoint of a non-empty page and stops on a short one.
      if (page.documents.length > 0) checkpoints.set(collection, page.checkpoint);
      if (page.documents.length < PULL_BATCH) return;
    }
  }

  async function push(collection: PushableCollection, rows: readonly Row[]): Promise<void> {
    for (let i = 0; i < rows.length; i += PUSH_BATCH) {
      const batch = rows.slice(i, i + PUSH_BATCH);
      const docs = batch.map((r) => r.doc);
      c.ledger.sent(collection, docs);
      const answer = await c.http.post(
        'push',
        `/v1/sync/${collection}/push?wardCode=${c.wardCode}`,
        { rows: batch.map((r) => ({ assumedMasterState: r.assumed, newDocumentState: r.doc })) },
        pushResponseSchema,
      );
      const at = performance.now();
      for (const doc of answer.conflicts)
        c.stats.fail('unexpected conflict', `${collection}/${String(doc['id'])}`);
      for (const q of answer.quarantined)
        c.stats.fail(`quarantined ${q.code}`, `${collection}/${q.id}: ${q.message}`);
      const refused = new Set([
        ...answer.conflicts.map((d) => d['id']),
        ...answer.quarantined.map((q) => q.id),
      ]);
      const accepted = docs.filter((d) => !refused.has(d['id']));
      c.ledger.acked(collection, accepted, at);
      for (const doc of accepted) acknowledged.set(`${collection}/${String(doc['id'])}`, doc);
    }
  }

  /** An edit of records the server acknowledged, each assuming the acknowledged state. */
  const edits = (
    collection: PushableCollection,
    docs: readonly PlainDoc[],
    edit: (d: PlainDoc) => PlainDoc,
  ) =>
    docs.flatMap((doc): Row[] => {
      const assumed = acknowledged.get(`${collection}/${String(doc['id'])}`);
      return assumed === undefined ? [] : [{ assumed, doc: edit(assumed) }];
    });

  try {
    await sleep(c.random() * c.jitterMs);
    await c.http.get('settings', `/v1/sync/ward-settings?wardCode=${c.wardCode}`, wardSettingsResponseSchema);
    for (const collection of ['groups', ...PUSHABLE_COLLECTIONS] as const)
      await pullUntilCaughtUp(collection);

    const records = deviceRecords(c.random, c.wardCode, spec.groups, spec.volunteer, c.residents);
    const fresh = (docs: PlainDoc[]) => docs.map((doc) => ({ assumed: null, doc }));
    await push('residents', fresh(records.residents));
    await push('sessions', fresh(records.sessions));
    await push('completions', fresh(records.completions));
    // The answer to the first batch was lost: the same rows again must change nothing (invariant 4).
    await push('residents', fresh(records.residents.slice(0, PUSH_BATCH)));

    await push('residents', edits('residents', records.residents.slice(0, RENAMES), renamed));
    await push('sessions', edits('sessions', records.sessions.slice(0, 1), withoutLastAttendee));
    await push('completions', edits('completions', records.completions.slice(0, 1), deleted));

    for (const collection of ['groups', ...PUSHABLE_COLLECTIONS] as const) {
      const startedAt = performance.now();
      await pullUntilCaughtUp(collection);
      const holding = held.get(collection)!;
      if (collection === 'groups') {
        outcome.missing.push(...spec.groups.filter((g) => !holding.has(g)).map((g) => `groups/${g}`));
        continue;
      }
      outcome.missing.push(...c.ledger.missingFromPull(collection, spec.groups, startedAt, holding));
      for (const id of holding.keys())
        if (!c.ledger.knows(collection, id)) outcome.unexpected.push(`${collection}/${id}`);
    }
    outcome.finished = true;
  } catch (err) {
    if (!(err instanceof RequestFailed)) throw err;
  }
  return outcome;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
