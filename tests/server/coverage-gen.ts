// Randomised wards for the coverage equality test (tests/server/coverage-sql*.test.ts): varied shapes,
// written through the real sync write path (so the progress triggers run as in production), including
// edits and deletions after the first write, duplicate merges (chains, across groups, into deleted
// records), people turning adult around the reporting dates, stale and missing denominators, sessions
// naming deleted, merged or unknown residents, and registration consents withdrawn (and given again) —
// on merged records and on the records others are merged into. The generator keeps its own model of what the
// server should hold; the shared coverage function is computed from that model, never from SQL.
import { aCompletion, aConsent, aResident, aSession } from '../shared/fixtures';
import {
  newId,
  type Completion,
  type PlainDoc,
  type Resident,
  type ResidentialGroup,
  type SyncCollection,
  type TrainingSession,
  type WardSettings,
} from '../../src/shared';
import type { SqlStore } from '../../src/server/store';

/** A small, seedable PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Rng = ReturnType<typeof rng>;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Withdraws every registration consent in force (docs/privacy.md C2), or — when none is — gives it again
 * as a new entry (the withdrawn ones stay as history), as a phone or the officer would.
 */
function toggleRegistration(resident: PlainDoc, on: string): void {
  const consents = (resident['consents'] as PlainDoc[]).map((c) => ({ ...c }));
  const live = consents.filter((c) => c['purpose'] === 'registration' && c['withdrawnOn'] === undefined);
  for (const c of live) c['withdrawnOn'] = on;
  if (live.length === 0) consents.push(aConsent({ date: on }) as unknown as PlainDoc);
  resident['consents'] = consents;
}

/** A day of `year`, with leap days now and then (29 Feb in a leap year only). */
function day(r: Rng, year: number): string {
  if (r.chance(0.03) && year % 4 === 0) return `${year}-02-29`;
  return `${year}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`;
}

export interface GeneratedWard {
  code: string;
  settings: WardSettings;
  /** What the server should hold now: every record's latest state and whether it is deleted. */
  model: Map<string, { collection: SyncCollection; doc: PlainDoc; deleted: boolean }>;
  /** Reporting dates worth checking (birthdays of residents near the threshold among them). */
  dates: string[];
}

/** Live groups, residents, sessions and completions of the model (computeCoverage's input). */
export function liveOf(w: GeneratedWard) {
  const live = (c: SyncCollection) =>
    [...w.model.values()].filter((e) => e.collection === c && !e.deleted).map((e) => e.doc);
  return {
    groups: live('groups') as unknown as ResidentialGroup[],
    residents: live('residents') as unknown as Resident[],
    sessions: live('sessions') as unknown as TrainingSession[],
    completions: live('completions') as unknown as Completion[],
  };
}

async function write(
  store: SqlStore,
  ward: GeneratedWard,
  collection: SyncCollection,
  doc: PlainDoc,
  deleted = false,
): Promise<void> {
  const groupId = collection === 'groups' ? String(doc['id']) : String(doc['groupId']);
  await store.syncWrite(collection, ward.code, (tx) =>
    tx.write([{ id: String(doc['id']), groupId, doc, deleted }]),
  );
  ward.model.set(`${collection}/${String(doc['id'])}`, { collection, doc, deleted });
}

/**
 * One ward: `shape` 0…n picks how big and how tangled. The base year is the reporting year; residents
 * are born from 90 years before it to a few years after the adult threshold (some turn adult in it).
 */
export async function generateWard(store: SqlStore, code: string, seed: number): Promise<GeneratedWard> {
  const r = rng(seed);
  const year = r.pick([2025, 2026]);
  const adultAge = r.pick([18, 18, 18, 16, 21]);
  const targets: WardSettings['targets'] = [];
  if (r.chance(0.5)) targets.push({ year, indicator: 'K', kind: 'percent', value: r.pick([50, 75, 90]) });
  if (r.chance(0.3)) targets.push({ year, indicator: 'V', kind: 'count', value: r.int(0, 40) });
  const settings: WardSettings = { adultAge, targets };
  await store.createWard({ code, name: `Phường ngẫu nhiên ${code}`, provinceCode: '79' });
  await store.setWardSettings(code, settings);
  const ward: GeneratedWard = { code, settings, model: new Map(), dates: [] };

  const groupCount = r.int(1, 6);
  const groupIds: string[] = [];
  for (let i = 1; i <= groupCount; i += 1) {
    const id = `tdp-${pad(i)}`;
    groupIds.push(id);
    const group: PlainDoc = { id, wardCode: code, name: `Tổ ${i}`, kind: 'to_dan_pho' };
    if (r.chance(0.5)) {
      // An entered figure: sometimes far below the registered adults (stale: above 100 %).
      group['adultPopulation'] = {
        count: r.pick([0, r.int(1, 5), r.int(10, 80)]),
        source: 'Công an phường',
        asOf: `${year - 1}-12-31`,
      };
    }
    await write(store, ward, 'groups', group);
  }

  const residentCount = r.pick([0, r.int(1, 10), r.int(10, 60)]);
  const residents: PlainDoc[] = [];
  for (let i = 0; i < residentCount; i += 1) {
    const birthYear = r.chance(0.3) ? year - adultAge + r.int(-1, 1) : r.int(year - 90, year - adultAge + 3);
    const base = aResident({
      id: newId(),
      wardCode: code,
      groupId: r.pick(groupIds),
      birthYear,
      sex: r.pick(['female', 'male'] as const),
    }) as unknown as PlainDoc;
    if (r.chance(0.4)) {
      const bd = day(r, birthYear);
      base['birthDate'] =
        bd.startsWith(`${birthYear}-02-29`) && birthYear % 4 !== 0 ? `${birthYear}-03-01` : bd;
    }
    if (r.chance(0.1)) toggleRegistration(base, day(r, year - 1)); // withdrew before the ward's data came
    residents.push(base);
    await write(store, ward, 'residents', base);
  }

  // Merges: chains (a → b → c), across groups, some into a record that will be deleted.
  if (residents.length >= 2) {
    const merges = r.int(0, Math.min(6, Math.floor(residents.length / 2)));
    for (let i = 0; i < merges; i += 1) {
      const from = r.pick(residents);
      const into = r.pick(residents);
      if (from === into || from['mergedInto'] !== undefined) continue;
      // No cycles: the server refuses them (docs/ward.md); walk into's chain.
      let cur: PlainDoc | undefined = into;
      let cycle = false;
      while (cur !== undefined) {
        if (cur === from) cycle = true;
        const next: unknown = cur['mergedInto'];
        cur = typeof next === 'string' ? residents.find((x) => x['id'] === next) : undefined;
      }
      if (cycle) continue;
      from['mergedInto'] = into['id'];
      await write(store, ward, 'residents', { ...from });
    }
  }

  const residentIds = residents.map((x) => String(x['id']));
  const unknown: string[] = [];
  const someone = () => {
    if (r.chance(0.05) || residentIds.length === 0) {
      const id = newId();
      unknown.push(id);
      return id;
    }
    return r.pick(residentIds);
  };
  const dayNear = () => day(r, r.pick([year - 1, year, year, year + 1]));

  const sessions: PlainDoc[] = [];
  for (let i = 0, n = r.int(0, 6); i < n; i += 1) {
    const attendees = new Set<string>();
    for (let j = 0, m = r.int(0, 8); j < m; j += 1) attendees.add(someone());
    const s = aSession({
      id: newId(),
      wardCode: code,
      groupId: r.pick(groupIds),
      date: dayNear(),
      attendeeIds: [...attendees],
    }) as unknown as PlainDoc;
    sessions.push(s);
    await write(store, ward, 'sessions', s);
  }

  const completions: PlainDoc[] = [];
  for (let i = 0, n = r.pick([0, r.int(1, 20), r.int(20, 80)]); i < n; i += 1) {
    const rid = someone();
    const owner = residents.find((x) => x['id'] === rid);
    const kind = r.pick(['trained', 'passed', 'vneid'] as const);
    const c = aCompletion({
      id: newId(),
      wardCode: code,
      groupId: owner ? String(owner['groupId']) : r.pick(groupIds),
      residentId: rid,
      kind,
      date: dayNear(),
      ...(kind === 'vneid' ? { vneid: { channel: 'resident_word' as const } } : {}),
    }) as unknown as PlainDoc;
    if (kind === 'vneid') delete c['skills'];
    completions.push(c);
    await write(store, ward, 'completions', c);
  }

  // Later edits: the triggers must follow every one of them.
  for (let i = 0, n = r.int(0, 12); i < n; i += 1) {
    const what = r.int(0, 8);
    if (what === 0 && completions.length > 0) {
      const c = r.pick(completions);
      c['date'] = dayNear();
      await write(store, ward, 'completions', { ...c });
    } else if (what === 1 && completions.length > 0) {
      await write(store, ward, 'completions', { ...r.pick(completions) }, true);
    } else if (what === 2 && sessions.length > 0) {
      const s = r.pick(sessions);
      s['attendeeIds'] = [...new Set([...(s['attendeeIds'] as string[]).slice(1), someone()])];
      await write(store, ward, 'sessions', { ...s });
    } else if (what === 3 && sessions.length > 0) {
      const s = r.pick(sessions);
      s['date'] = dayNear();
      await write(store, ward, 'sessions', { ...s });
    } else if (what === 4 && sessions.length > 0) {
      await write(store, ward, 'sessions', { ...r.pick(sessions) }, r.chance(0.8));
    } else if (what === 5 && residents.length > 0) {
      await write(store, ward, 'residents', { ...r.pick(residents) }, true);
    } else if (what === 6 && residents.length > 0) {
      const x = r.pick(residents);
      if (x['mergedInto'] !== undefined && r.chance(0.7))
        delete x['mergedInto']; // a merge undone
      else x['groupId'] = r.pick(groupIds);
      await write(store, ward, 'residents', { ...x });
    } else if (what === 7 && groupIds.length > 1) {
      const g = ward.model.get(`groups/${r.pick(groupIds)}`)!;
      await write(store, ward, 'groups', { ...g.doc }, r.chance(0.5));
    } else if (what === 8 && residents.length > 0) {
      // Consent withdrawn (or given again): a merge root now and then, so its duplicates follow it.
      const roots = residents.filter((x) => residents.some((y) => y['mergedInto'] === x['id']));
      const x = roots.length > 0 && r.chance(0.5) ? r.pick(roots) : r.pick(residents);
      toggleRegistration(x, dayNear());
      await write(store, ward, 'residents', { ...x });
    }
  }

  // Residents that arrive after their completions and sessions (another phone synced those first).
  for (const id of unknown.slice(0, r.int(0, 3))) {
    const late = aResident({
      id,
      wardCode: code,
      groupId: r.pick(groupIds),
      birthYear: r.int(year - 80, year - 20),
    });
    residents.push(late as unknown as PlainDoc);
    await write(store, ward, 'residents', late as unknown as PlainDoc);
  }

  // Dates: the year's end, today-ish, and birthdays of people at the threshold (the day before, the day).
  const dates = new Set<string>([`${year}-12-31`, `${year}-06-30`, `${year}-01-01`]);
  for (const x of residents.slice(0, 6)) {
    const by = Number(x['birthYear']) + adultAge;
    const bd = typeof x['birthDate'] === 'string' ? x['birthDate'].slice(4) : '-01-01';
    const on = `${by}${bd}`;
    if (/^\d{4}-\d{2}-\d{2}$/.test(on) && !on.endsWith('02-29')) {
      dates.add(on);
      const before = new Date(`${on}T00:00:00Z`);
      before.setUTCDate(before.getUTCDate() - 1);
      dates.add(before.toISOString().slice(0, 10));
    }
  }
  ward.dates = [...dates].filter((d) => d >= '2024-01-01' && d <= '2100-12-31').sort();
  return ward;
}
