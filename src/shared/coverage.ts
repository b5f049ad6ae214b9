// Coverage arithmetic (DOMAIN.md "The numbers"): who is an adult on a reporting date, who counts for
// K (basic digital knowledge and skills) and V (confirmed on VNeID), and the per-group and ward figures
// against targets. The ONE definition: the phone's group tally calls it offline, and the server's SQL
// must agree with it (tests prove it). Rules and their reasons: docs/decisions/0003-coverage-counting.md.
import type { Completion } from './schemas/completion';
import type { ResidentialGroup } from './schemas/group';
import { hasConsent, type Resident, type Sex } from './schemas/resident';
import type { TrainingSession } from './schemas/session';
import { targetFor, type Target, type WardSettings } from './schemas/ward-settings';

export const AGE_BANDS = ['18-35', '36-59', '60+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export type ResidentStatus = 'not_reached' | 'trained' | 'confirmed';

/**
 * Age in whole years on `date` (YYYY-MM-DD). With only a birth year, the year difference — the usual
 * "tuổi tính theo năm sinh" of Vietnamese administrative lists.
 */
export function ageOn(person: Pick<Resident, 'birthYear' | 'birthDate'>, date: string): number {
  const year = Number(date.slice(0, 4));
  if (person.birthDate === undefined) return year - person.birthYear;
  const hadBirthday = date.slice(5) >= person.birthDate.slice(5);
  return year - person.birthYear - (hadBirthday ? 0 : 1);
}

export function isAdultOn(person: Pick<Resident, 'birthYear' | 'birthDate'>, date: string, adultAge: number) {
  return ageOn(person, date) >= adultAge;
}

/** 18–35, 36–59, 60+ (the first band starts at the ward's adult age). */
export function ageBand(age: number): AgeBand {
  if (age <= 35) return '18-35';
  if (age <= 59) return '36-59';
  return '60+';
}

/** Percentage with one decimal, half away from zero; null when there is no denominator. Never capped. */
export function percent(count: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((count * 1000) / denominator) / 10;
}

export interface CoverageInput {
  /** Reporting date D, YYYY-MM-DD. */
  date: string;
  settings: WardSettings;
  /** Live (not deleted) records only; the caller filters tombstones. */
  groups: readonly ResidentialGroup[];
  /** Live records; those without a registration consent in force are left out here (isProcessed). */
  residents: readonly Resident[];
  sessions: readonly TrainingSession[];
  completions: readonly Completion[];
  /** Duplicate merges: a resident record id → the record it was merged into (mergedIntoMap's). */
  mergedInto?: ReadonlyMap<string, string>;
}

/** What counts for one person on D. V implies K: a VNeID confirmation is a basic-knowledge completion. */
export interface Progress {
  k: boolean;
  v: boolean;
}

/**
 * Whether a record is still processed (docs/privacy.md C2): its "registration" consent is in force. A
 * record whose consent is withdrawn counts exactly like a deleted one — it is no person, its merge is
 * not followed (its own completions and sessions count for nobody), and the records merged INTO it count
 * for nobody either (they follow their merge to a record that is not counted, as into a deleted one).
 * The SQL says the same with residents.registration_withdrawn (src/server/store/coverage-store.ts).
 */
export function isProcessed(resident: Pick<Resident, 'consents'>): boolean {
  return hasConsent(resident.consents, 'registration');
}

/** The merges recorded on live, processed residents (mergedInto, set by an officer's duplicate merge). */
export function mergedIntoMap(
  residents: readonly Pick<Resident, 'id' | 'mergedInto' | 'consents'>[],
): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of residents) if (r.mergedInto !== undefined && isProcessed(r)) map.set(r.id, r.mergedInto);
  return map;
}

/** Follows merges to the record that stands for the person (cycles stop where they started). */
export function personIdOf(id: string, mergedInto?: ReadonlyMap<string, string>): string {
  if (mergedInto === undefined) return id;
  let current = id;
  const seen = new Set<string>([current]);
  for (let next = mergedInto.get(current); next !== undefined; next = mergedInto.get(current)) {
    if (seen.has(next)) break;
    seen.add(next);
    current = next;
  }
  return current;
}

/**
 * K and V per person on D, keyed by person id. K: any completion (trained, passed, VNeID) dated ≤ D, or
 * attendance at a session dated ≤ D. V: a VNeID confirmation dated ≤ D.
 */
export function progressOn(
  input: Pick<CoverageInput, 'date' | 'sessions' | 'completions' | 'mergedInto'>,
): Map<string, Progress> {
  const out = new Map<string, Progress>();
  const mark = (residentId: string, v: boolean) => {
    const id = personIdOf(residentId, input.mergedInto);
    const held = out.get(id);
    if (held === undefined) out.set(id, { k: true, v });
    else if (v) held.v = true;
  };
  for (const s of input.sessions) {
    if (s.date > input.date) continue;
    for (const id of s.attendeeIds) mark(id, false);
  }
  for (const c of input.completions) {
    if (c.date > input.date) continue;
    mark(c.residentId, c.kind === 'vneid');
  }
  return out;
}

export function statusOf(progress: Progress | undefined): ResidentStatus {
  if (progress?.v) return 'confirmed';
  if (progress?.k) return 'trained';
  return 'not_reached';
}

export interface Tally {
  adults: number;
  k: number;
  v: number;
}

export interface IndicatorFigure {
  count: number;
  percent: number | null;
  target: Target;
  /** People needed to reach the target; null where the target does not apply (a count target per group). */
  targetCount: number | null;
  /** "còn N người nữa": max(0, targetCount − count); null with targetCount. */
  gap: number | null;
  /** Above 100 %: the denominator is stale. Shown and flagged, never capped. */
  overFull: boolean;
}

export type DenominatorSource = 'entered' | 'registered' | 'mixed';

export interface CoverageRow {
  denominator: number;
  denominatorSource: DenominatorSource;
  /** For an entered figure: where it came from and its date. */
  denominatorNote?: { source: string; asOf: string };
  registeredAdults: number;
  K: IndicatorFigure;
  V: IndicatorFigure;
  byAgeBand: Record<AgeBand, Tally>;
  bySex: Record<Sex, Tally>;
}

export interface GroupCoverage extends CoverageRow {
  groupId: string;
  /** Adults in the group with neither K nor V (= registeredAdults − K.count). */
  notReachedCount: number;
  /** Their ids (person ids), when the caller computed them (the phone does; the server's SQL does not). */
  notReached?: string[];
}

export interface WardCoverage {
  date: string;
  groups: GroupCoverage[];
  ward: CoverageRow;
}

const emptyTally = (): Tally => ({ adults: 0, k: 0, v: 0 });

/** One group's adults on D, in all and by age band and sex: what SQL or the loop below counts. */
export interface GroupTally {
  tally: Tally;
  ages: Record<AgeBand, Tally>;
  sexes: Record<Sex, Tally>;
}

export const emptyGroupTally = (): GroupTally => ({
  tally: emptyTally(),
  ages: { '18-35': emptyTally(), '36-59': emptyTally(), '60+': emptyTally() },
  sexes: { female: emptyTally(), male: emptyTally() },
});

/** Adds one adult (of this age and sex, with this progress) to a group's tally. */
export function countAdult(bucket: GroupTally, age: number, sex: Sex, p: Progress | undefined): void {
  for (const t of [bucket.tally, bucket.ages[ageBand(age)], bucket.sexes[sex]]) {
    t.adults += 1;
    if (p?.k) t.k += 1;
    if (p?.v) t.v += 1;
  }
}

/** The people on D: live, processed residents that stand for themselves (not merged into another record). */
export function peopleOf(input: Pick<CoverageInput, 'residents' | 'mergedInto'>): Resident[] {
  return input.residents.filter((r) => isProcessed(r) && personIdOf(r.id, input.mergedInto) === r.id);
}

/** The per-group and ward coverage on D. Ward totals are sums of counts over sums of denominators. */
export function computeCoverage(input: CoverageInput): WardCoverage {
  const progress = progressOn(input);
  const tallies = new Map<string, GroupTally>();
  const notReached = new Map<string, string[]>();
  for (const g of input.groups) {
    tallies.set(g.id, emptyGroupTally());
    notReached.set(g.id, []);
  }
  for (const person of peopleOf(input)) {
    const bucket = tallies.get(person.groupId);
    if (bucket === undefined) continue;
    const age = ageOn(person, input.date);
    if (age < input.settings.adultAge) continue;
    const p = progress.get(person.id);
    countAdult(bucket, age, person.sex, p);
    if (!p?.k) notReached.get(person.groupId)!.push(person.id);
  }
  const coverage = assembleCoverage(input.date, input.settings, input.groups, tallies);
  for (const g of coverage.groups) g.notReached = notReached.get(g.groupId) ?? [];
  return coverage;
}

/**
 * Figures from tallies: denominators (entered, else registered adults), percentages, targets and gaps
 * per group, and the ward row. Shared by the loop above and the server's SQL (src/server/ward/coverage.ts),
 * so the two can only differ in what they count, which the randomised test compares.
 */
export function assembleCoverage(
  date: string,
  settings: WardSettings,
  groups: readonly ResidentialGroup[],
  tallies: ReadonlyMap<string, GroupTally>,
): WardCoverage {
  const year = Number(date.slice(0, 4));
  const rows: GroupCoverage[] = groups.map((g) => {
    const b = tallies.get(g.id) ?? emptyGroupTally();
    const entered = g.adultPopulation;
    const denominator = entered ? entered.count : b.tally.adults;
    return {
      groupId: g.id,
      denominator,
      denominatorSource: entered ? 'entered' : 'registered',
      ...(entered ? { denominatorNote: { source: entered.source, asOf: entered.asOf } } : {}),
      registeredAdults: b.tally.adults,
      K: figure(b.tally.k, denominator, targetFor(settings, year, 'K'), false),
      V: figure(b.tally.v, denominator, targetFor(settings, year, 'V'), false),
      byAgeBand: b.ages,
      bySex: b.sexes,
      notReachedCount: b.tally.adults - b.tally.k,
    };
  });
  return { date, groups: rows, ward: wardRow(rows, settings, year) };
}

function wardRow(groups: GroupCoverage[], settings: WardSettings, year: number): CoverageRow {
  const sum = (f: (g: GroupCoverage) => number) => groups.reduce((n, g) => n + f(g), 0);
  const sumTallies = <K extends string>(keys: readonly K[], pick: (g: GroupCoverage) => Record<K, Tally>) =>
    Object.fromEntries(
      keys.map((k) => [
        k,
        {
          adults: sum((g) => pick(g)[k].adults),
          k: sum((g) => pick(g)[k].k),
          v: sum((g) => pick(g)[k].v),
        },
      ]),
    ) as Record<K, Tally>;
  const denominator = sum((g) => g.denominator);
  const entered = groups.filter((g) => g.denominatorSource === 'entered').length;
  const source: DenominatorSource =
    entered === groups.length && groups.length > 0 ? 'entered' : entered === 0 ? 'registered' : 'mixed';
  return {
    denominator,
    denominatorSource: source,
    registeredAdults: sum((g) => g.registeredAdults),
    K: figure(
      sum((g) => g.K.count),
      denominator,
      targetFor(settings, year, 'K'),
      true,
    ),
    V: figure(
      sum((g) => g.V.count),
      denominator,
      targetFor(settings, year, 'V'),
      true,
    ),
    byAgeBand: sumTallies(['18-35', '36-59', '60+'], (g) => g.byAgeBand),
    bySex: sumTallies(['female', 'male'], (g) => g.bySex),
  };
}

export function figure(count: number, denominator: number, target: Target, ward: boolean): IndicatorFigure {
  const pct = percent(count, denominator);
  let targetCount: number | null;
  if (target.kind === 'percent') targetCount = Math.ceil((denominator * target.value) / 100 - 1e-9);
  else targetCount = ward ? target.value : null;
  return {
    count,
    percent: pct,
    target,
    targetCount,
    gap: targetCount === null ? null : Math.max(0, targetCount - count),
    overFull: pct !== null && pct > 100,
  };
}
