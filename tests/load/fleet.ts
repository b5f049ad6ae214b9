// The simulated devices together (run in a worker thread, so their JSON work does not share the server's
// event loop): enrol N volunteers' phones through the real invitation and enrollment endpoints with
// bounded concurrency (setup, not measured), start every device at once, stop them at --duration, then
// read the whole ward as the officer and check it against what the devices were told was saved.
import { setMaxListeners } from 'node:events';
import {
  PUSHABLE_COLLECTIONS,
  enrollResponseSchema,
  invitationResponseSchema,
  pullResponseSchema,
  type PlainDoc,
} from '../../src/shared';
import { authHeaders, PROTOCOL_HEADERS } from '../helpers/server';
import { runDevice, type DeviceOutcome, type DeviceSpec } from './device';
import { seededRandom, type Random } from './docs';
import { deviceHttp, LOAD_APP_VERSION, Stats } from './http';
import { keyOf, Ledger } from './ledger';
import { summarise, type FleetResult } from './report';

export interface FleetOptions {
  baseUrl: string;
  wardCode: string;
  groupIds: string[];
  officerToken: string;
  devices: number;
  /** Residents per device. */
  residents: number;
  durationMs: number;
  timeoutMs: number;
  jitterMs: number;
  seed: number;
}

/** Invitations and enrollments in flight at once during setup. */
const ENROLL_CONCURRENCY = 16;
/** A progress line this often while the devices run. */
const PROGRESS_MS = 10_000;

export interface FleetHooks {
  log(line: string): void;
  /** The devices are about to start (setup is over): the measured part begins. */
  started(): void;
  /** Every device is done: the measured part is over (the officer's check follows). */
  finished(): void;
}

export async function runFleet(o: FleetOptions, hooks: FleetHooks): Promise<FleetResult> {
  const { log } = hooks;
  const random = seededRandom(o.seed);
  const setupStarted = performance.now();
  const specs = await mapBounded(o.devices, ENROLL_CONCURRENCY, (i) => enroll(o, i, groupsOf(o, i, random)));
  const setupMs = performance.now() - setupStarted;
  log(`load: ${o.devices} devices enrolled in ${(setupMs / 1000).toFixed(1)} s (setup, not measured)`);

  const stats = new Stats();
  const ledger = new Ledger();
  const stop = new AbortController();
  // Every request in flight listens for the end of --duration.
  setMaxListeners(o.devices + 1, stop.signal);
  const deadline = setTimeout(() => stop.abort(), o.durationMs);
  hooks.started();
  const started = performance.now();
  let done = 0;
  const progress = setInterval(() => {
    const requests = Object.values(stats.latencies).reduce((n, l) => n + l.length, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    log(
      `load: ${seconds} s: ${requests} requests answered, ${stats.inFlight} in flight, ${done}/${o.devices} devices done`,
    );
  }, PROGRESS_MS);
  let outcomes: DeviceOutcome[];
  try {
    // The barrier: every device starts in this one loop, then waits its own few ms of jitter.
    outcomes = await Promise.all(
      specs.map((spec, i) =>
        runDevice(spec, {
          http: deviceHttp({
            baseUrl: o.baseUrl,
            token: spec.token,
            stats,
            stop: stop.signal,
            timeoutMs: o.timeoutMs,
          }),
          stats,
          ledger,
          wardCode: o.wardCode,
          random: seededRandom(o.seed + i + 1),
          residents: o.residents,
          jitterMs: o.jitterMs,
        }).finally(() => done++),
      ),
    );
  } finally {
    clearTimeout(deadline);
    clearInterval(progress);
  }
  const runMs = performance.now() - started;
  hooks.finished();
  log(`load: devices done in ${(runMs / 1000).toFixed(1)} s; reading the ward as its officer`);
  const server = await wardOnServer(o);
  return summarise({ stats, outcomes, check: ledger.checkServer(server), runMs, setupMs });
}

/** A volunteer's groups: one, and every other volunteer a second one. */
function groupsOf(o: FleetOptions, i: number, random: Random): string[] {
  const groups = new Set([o.groupIds[i % o.groupIds.length]!]);
  if (random() < 0.5) groups.add(o.groupIds[Math.floor(random() * o.groupIds.length)]!);
  return [...groups].sort();
}

/** The officer invites a volunteer; the volunteer's phone enrols with the code (the real endpoints). */
async function enroll(o: FleetOptions, i: number, groupIds: string[]): Promise<DeviceSpec> {
  const volunteer = `Tình nguyện viên ${i + 1}`;
  const invitation = invitationResponseSchema.parse(
    await postJson(`${o.baseUrl}/v1/wards/${o.wardCode}/invitations`, authHeaders(o.officerToken), {
      fullName: volunteer,
      role: 'volunteer',
      groupIds,
    }),
  );
  const enrolled = enrollResponseSchema.parse(
    await postJson(`${o.baseUrl}/v1/auth/enroll`, PROTOCOL_HEADERS, {
      code: invitation.code,
      appVersion: LOAD_APP_VERSION,
    }),
  );
  return { token: enrolled.deviceToken, groups: groupIds, volunteer };
}

async function postJson(url: string, headers: Record<string, string>, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`setup: ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** Every synced record of the ward as the server holds it (key → state), pulled by the officer. */
async function wardOnServer(o: FleetOptions): Promise<Map<string, PlainDoc>> {
  const held = new Map<string, PlainDoc>();
  for (const collection of PUSHABLE_COLLECTIONS) {
    let seq = 0;
    for (;;) {
      const url = `${o.baseUrl}/v1/sync/${collection}/pull?wardCode=${o.wardCode}&seq=${seq}&limit=1000`;
      const res = await fetch(url, { headers: authHeaders(o.officerToken) });
      if (!res.ok) throw new Error(`officer pull answered ${res.status}: ${await res.text()}`);
      const page = pullResponseSchema.parse(await res.json());
      for (const doc of page.documents) held.set(keyOf(collection, String(doc['id'])), doc);
      if (page.documents.length === 0) break;
      seq = page.checkpoint.seq;
    }
  }
  return held;
}

/** Runs `task(0…count-1)` with at most `limit` at once; results in index order. */
async function mapBounded<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}
