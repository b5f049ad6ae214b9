// One soak run: a fresh ward, 2–3 fresh devices behind the fault proxy, a seeded random mix of faults
// (lost requests and replies, duplicates, reordering, 503s, the server killed between commit and reply,
// skewed clocks, offline periods, the app closed and reopened, too-old protocol) and of work (adds,
// edits, deletions, the same record edited on two devices offline, deletes against edits), then heal the
// network, wait until every device is in sync, and check (check.ts).
import type { ResidentDraft, SessionDraft } from '../../../src/client/db';
import { PROTOCOL_HEADER, type PlainDoc, type PushableCollection } from '../../../src/shared';
import { prng, type FaultProxy, type FaultRule, type RequestInfo } from '../../helpers/fault-proxy';
import {
  draft,
  localRecords,
  settle,
  sleep,
  startDevice,
  withTimeout,
  type TestDevice,
  type TestServer,
  type TestWard,
} from '../harness';
import { check, type Acknowledged, type CheckResult } from './check';

const DAY = 24 * 60 * 60 * 1000;

/** Device-side events the soak drew, counted next to the proxy's injected faults. */
export interface RunEvents {
  skewedClocks: number;
  offlinePeriods: number;
  appReopened: number;
  concurrentEdits: number;
  deletesVsEdits: number;
  tooOldApp: number;
}

export interface RunOutcome extends CheckResult {
  acknowledged: number;
  events: RunEvents;
  /** What the run drew, for the report of a failing run. */
  plan: string[];
}

export const emptyEvents = (): RunEvents => ({
  skewedClocks: 0,
  offlinePeriods: 0,
  appReopened: 0,
  concurrentEdits: 0,
  deletesVsEdits: 0,
  tooOldApp: 0,
});

interface Ctx {
  server: TestServer;
  proxy: FaultProxy;
  ward: TestWard;
  random: () => number;
  devices: TestDevice[];
  acked: Map<string, Acknowledged>;
  events: RunEvents;
  plan: string[];
  tag: string;
  counter: number;
}

const pick = <T>(random: () => number, items: readonly T[]): T | undefined =>
  items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
const chance = (random: () => number, p: number) => random() < p;

/** One run; `runSeed` decides its devices, faults and work (network timing still varies). */
export async function soakRun(
  server: TestServer,
  proxy: FaultProxy,
  runSeed: number,
  tag: string,
  settleMs: number,
): Promise<RunOutcome> {
  const random = prng(runSeed);
  const ward = await server.addWard();
  const ctx: Ctx = {
    server,
    proxy,
    ward,
    random,
    devices: [],
    acked: new Map(),
    events: emptyEvents(),
    plan: [],
    tag,
    counter: 0,
  };
  try {
    const deviceCount = chance(random, 0.5) ? 2 : 3;
    for (let i = 0; i < deviceCount; i++) {
      const skew = chance(random, 0.35) ? Math.round((random() * 10 - 5) * DAY) : 0;
      if (skew !== 0) ctx.events.skewedClocks++;
      const d = await startDevice(server, `d${i}`, {
        ward,
        baseUrl: proxy.url,
        clockOffsetMs: skew,
        retryMs: 20,
      });
      ctx.devices.push(d);
      ctx.plan.push(`device d${i} clock ${(skew / DAY).toFixed(1)} d`);
    }
    installFaults(ctx);
    const ops = 18 + Math.floor(random() * 15);
    for (let i = 0; i < ops; i++) await step(ctx);

    // The faults stop: remember what each device holds, heal, and wait until all agree.
    const finalLocal = new Map<string, Map<string, PlainDoc>>();
    for (const d of ctx.devices) {
      const mine = new Map<string, PlainDoc>();
      for (const c of ['residents', 'sessions', 'completions'] as const) {
        for (const [id, doc] of await localRecords(d, c)) mine.set(`${c}/${id}`, doc);
      }
      finalLocal.set(d.name, mine);
    }
    await proxy.heal();
    for (const d of ctx.devices) {
      d.setOnline(true);
      await d.startSync();
    }
    let settleError = '';
    await settle(server, ctx.devices, settleMs).catch((err: unknown) => {
      settleError = err instanceof Error ? err.message : String(err);
    });
    const result = await check(server, ward.code, ctx.devices, ctx.acked, finalLocal);
    if (settleError !== '' && result.diverged.length === 0) result.diverged.push(settleError);
    return { ...result, acknowledged: ctx.acked.size, events: ctx.events, plan: ctx.plan };
  } finally {
    proxy.clearRules();
    await Promise.all(
      ctx.devices.map((d) => withTimeout(d.close(), 5_000, `close ${d.name}`).catch(() => undefined)),
    );
  }
}

/** The run's network and server faults, each present or not, with a per-request probability. */
function installFaults(ctx: Ctx) {
  const { proxy, random, ward } = ctx;
  const ours = (req: RequestInfo) => req.query.get('wardCode') === ward.code;
  const isPush = (req: RequestInfo) => ours(req) && req.method === 'POST';
  const p = () => 0.05 + random() * 0.15;
  /** Pushes are a few of a run's requests: faults only pushes can take are drawn twice as likely. */
  const pPush = () => 0.1 + random() * 0.3;
  // A request takes at most one of these faults, the first listed that fires: shuffle the order so no
  // kind always comes first.
  const rules: [string, FaultRule][] = [];
  const add = (label: string, rule: FaultRule) => rules.push([label, rule]);
  if (chance(random, 0.5)) add('request lost', { kind: 'drop_request', when: ours, probability: p() });
  if (chance(random, 0.5))
    add('reply lost after commit', { kind: 'drop_reply', when: isPush, probability: pPush() });
  if (chance(random, 0.4)) {
    add('duplicate delivery', {
      kind: 'duplicate',
      when: isPush,
      probability: pPush(),
      concurrent: chance(random, 0.5),
    });
  }
  if (chance(random, 0.3)) {
    add('reordered (held)', { kind: 'reorder', mode: 'hold', when: ours, probability: p(), maxHoldMs: 150 });
  }
  if (chance(random, 0.3)) {
    add('reordered (late straggler)', {
      kind: 'reorder',
      mode: 'late',
      when: isPush,
      probability: pPush(),
      maxHoldMs: 250,
    });
  }
  if (chance(random, 0.4)) add('503', { kind: 'status_503', when: ours, probability: p() });
  if (chance(random, 0.25)) {
    add('server killed between commit and reply', {
      kind: 'kill_server',
      when: isPush,
      probability: 0.3,
      times: 1,
    });
  }
  for (const [label, rule] of rules.sort(() => random() - 0.5)) {
    proxy.inject(rule);
    ctx.plan.push(`${label}${rule.probability !== undefined ? ` p=${rule.probability.toFixed(2)}` : ''}`);
  }
  // Header rewrites apply on top of any of the above.
  if (chance(random, 0.1)) {
    const old = pick(random, ctx.devices)!;
    ctx.events.tooOldApp++;
    proxy.inject({
      kind: 'rewrite_header',
      when: (req) => req.headers['authorization'] === `Bearer ${old.token}`,
      header: { name: PROTOCOL_HEADER, value: '1' },
    });
    ctx.plan.push(`too-old app on ${old.name} (until healed)`);
  }
}

/** One piece of work or one device event, drawn by weight. */
async function step(ctx: Ctx) {
  const { random } = ctx;
  const d = pick(random, ctx.devices)!;
  const roll = random() * 20;
  if (roll < 5) return addResident(ctx, d);
  if (roll < 8) return editResident(ctx, d);
  if (roll < 9) return deleteResident(ctx, d);
  if (roll < 10) return addSession(ctx, d);
  if (roll < 11) return editSession(ctx, d);
  if (roll < 12.5) return addCompletion(ctx, d);
  if (roll < 13) return removeCompletion(ctx, d);
  if (roll < 14.5) {
    ctx.plan.push(`${d.name} ${d.net.mode === 'up' ? 'offline' : 'online'}`);
    if (d.net.mode === 'up') ctx.events.offlinePeriods++;
    return d.setOnline(d.net.mode !== 'up');
  }
  if (roll < 15.5) {
    ctx.plan.push(`${d.name} app ${d.running ? 'closed' : 'reopened'}`);
    if (d.running) ctx.events.appReopened++;
    return d.running ? d.stopSync() : d.startSync();
  }
  if (roll < 17) return editedOnTwoDevices(ctx);
  if (roll < 18.5) return d.sync.syncNow(); // "Đồng bộ ngay": also pulls what the others pushed
  return sleep(Math.floor(random() * 60));
}

function acknowledge(
  ctx: Ctx,
  d: TestDevice,
  collection: PushableCollection,
  id: string,
  token: string | undefined,
  change: { deleted?: boolean; kind?: string } = {},
) {
  const key = `${collection}/${id}`;
  let a = ctx.acked.get(key);
  if (a === undefined) {
    a = { collection, id, token: token ?? '?', writers: new Set(), deleted: false };
    if (change.kind !== undefined) a.kind = change.kind;
    ctx.acked.set(key, a);
  }
  a.writers.add(d.name);
  if (change.deleted) a.deleted = true;
}

const nextToken = (ctx: Ctx, prefix: string) => `${ctx.tag}-${prefix}${++ctx.counter}`;

async function liveIds(d: TestDevice, collection: PushableCollection, filter?: (doc: PlainDoc) => boolean) {
  const docs = await localRecords(d, collection);
  return [...docs.values()]
    .filter((doc) => doc['_deleted'] !== true && (filter === undefined || filter(doc)))
    .map((doc) => String(doc['id']));
}

async function addResident(ctx: Ctx, d: TestDevice) {
  const token = nextToken(ctx, 'r');
  const group = pick(ctx.random, ctx.ward.groupIds)!;
  const saved = await d.db.residents.add(draft(`Soak ${token}`, group));
  if (saved.ok) acknowledge(ctx, d, 'residents', saved.record.id, token);
}

function residentPatch(ctx: Ctx, current: ResidentDraft): Partial<ResidentDraft> {
  const r = ctx.random();
  if (r < 0.35) return { birthYear: String(1940 + Math.floor(ctx.random() * 65)) };
  if (r < 0.65) return { citizenIdLast4: String(Math.floor(ctx.random() * 10_000)).padStart(4, '0') };
  if (r < 0.8) return { sex: current.sex === 'female' ? 'male' : 'female' };
  const token = /^Soak (\S+)/.exec(current.fullName)?.[1] ?? 'x';
  return { fullName: `Soak ${token} ${['An', 'Bình', 'Chi', 'Dũng'][Math.floor(ctx.random() * 4)]!}` };
}

async function editResidentOn(ctx: Ctx, d: TestDevice, id: string): Promise<boolean> {
  const current = await d.db.residents.get(id);
  if (current === null) return false;
  const before = d.db.residents.draftOf(current);
  const saved = await d.db.residents.update(id, { ...before, ...residentPatch(ctx, before) });
  if (saved.ok) acknowledge(ctx, d, 'residents', id, undefined);
  return saved.ok;
}

async function editResident(ctx: Ctx, d: TestDevice) {
  const id = pick(ctx.random, await liveIds(d, 'residents'));
  if (id !== undefined) await editResidentOn(ctx, d, id);
}

async function deleteResidentOn(ctx: Ctx, d: TestDevice, id: string): Promise<boolean> {
  const doc = await d.db.rx.residents.findOne(id).exec();
  if (doc === null) return false;
  await doc.remove();
  acknowledge(ctx, d, 'residents', id, undefined, { deleted: true });
  return true;
}

async function deleteResident(ctx: Ctx, d: TestDevice) {
  const id = pick(ctx.random, await liveIds(d, 'residents'));
  if (id !== undefined) await deleteResidentOn(ctx, d, id);
}

const SKILL = { catalogue: '5-ky-nang', version: '2024', code: '1' };

async function addSession(ctx: Ctx, d: TestDevice) {
  const residents = await liveIds(d, 'residents');
  const token = nextToken(ctx, 's');
  const session: SessionDraft = {
    date: '15/10/2026',
    place: `Soak ${token}`,
    format: 'class',
    groupId: pick(ctx.random, ctx.ward.groupIds)!,
    skills: [SKILL],
    trainers: ['Trần Văn Tư'],
    attendeeIds: residents.filter(() => chance(ctx.random, 0.4)),
    notes: '',
  };
  const saved = await d.db.sessions.add(session);
  if (saved.ok) acknowledge(ctx, d, 'sessions', saved.record.id, token);
}

async function editSession(ctx: Ctx, d: TestDevice) {
  const id = pick(ctx.random, await liveIds(d, 'sessions'));
  const someone = pick(ctx.random, await liveIds(d, 'residents'));
  if (id === undefined || someone === undefined) return;
  const session = await d.db.sessions.get(id);
  if (session === null) return;
  const before = d.db.sessions.draftOf(session);
  const attendeeIds = before.attendeeIds.includes(someone)
    ? before.attendeeIds.filter((a) => a !== someone)
    : [...before.attendeeIds, someone];
  const saved = await d.db.sessions.update(id, { ...before, attendeeIds });
  if (saved.ok) acknowledge(ctx, d, 'sessions', id, undefined);
}

async function addCompletion(ctx: Ctx, d: TestDevice) {
  const residentId = pick(ctx.random, await liveIds(d, 'residents'));
  if (residentId === undefined) return;
  const token = nextToken(ctx, 'c');
  const vneid = chance(ctx.random, 0.3);
  const saved = await d.db.completions.add({
    residentId,
    kind: vneid ? 'vneid' : 'trained',
    date: '16/10/2026',
    skills: vneid ? [] : [SKILL],
    vneid: { channel: vneid ? 'resident_word' : '', courseName: '', issuer: '', recordNumber: '' },
    notes: `Soak ${token}`,
  });
  if (saved.ok) acknowledge(ctx, d, 'completions', saved.record.id, token, { kind: saved.record.kind });
}

async function removeCompletion(ctx: Ctx, d: TestDevice) {
  const id = pick(ctx.random, await liveIds(d, 'completions', (doc) => doc['kind'] !== 'vneid'));
  if (id === undefined) return;
  await d.db.completions.remove(id);
  acknowledge(ctx, d, 'completions', id, undefined, { deleted: true });
}

/** Two devices that both hold a resident go offline, change it (one may delete it), and come back. */
async function editedOnTwoDevices(ctx: Ctx) {
  const [a, b] = [...ctx.devices].sort(() => ctx.random() - 0.5) as [TestDevice, TestDevice];
  const shared = async () => {
    const onB = new Set(await liveIds(b, 'residents'));
    return (await liveIds(a, 'residents')).filter((x) => onB.has(x));
  };
  let candidates = await shared();
  if (candidates.length === 0) {
    // Let both exchange first (bounded: the faults may keep them from it).
    a.sync.syncNow();
    b.sync.syncNow();
    await withTimeout(Promise.all([a.sync.awaitInSync(), b.sync.awaitInSync()]), 250, 'exchange').catch(
      () => undefined,
    );
    candidates = await shared();
  }
  const id = pick(ctx.random, candidates);
  if (id === undefined) return;
  const deleting = chance(ctx.random, 0.35);
  ctx.plan.push(`${a.name} and ${b.name} offline: ${deleting ? 'delete vs edit' : 'both edit'} ${id}`);
  ctx.events[deleting ? 'deletesVsEdits' : 'concurrentEdits']++;
  a.setOnline(false);
  b.setOnline(false);
  if (deleting) await deleteResidentOn(ctx, a, id);
  else await editResidentOn(ctx, a, id);
  await editResidentOn(ctx, b, id);
  for (const d of chance(ctx.random, 0.5) ? [a, b] : [b, a]) {
    d.setOnline(true);
    await sleep(Math.floor(ctx.random() * 40));
  }
}
