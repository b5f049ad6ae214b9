// The coverage answer of a ward (GET /v1/wards/:ward/coverage) and of a province: SQL tallies
// (store.coverageCells) assembled into figures by the SAME code the phone uses (assembleCoverage in
// src/shared/coverage.ts), plus the trend, both from one store.coverageScan. docs/ward.md "Coverage in SQL".
import {
  assembleCoverage,
  emptyGroupTally,
  percent,
  type CoverageResponse,
  type GroupTally,
  type ProvinceCoverageResponse,
  type ResidentialGroup,
  type TrendPoint,
} from '../../shared';
import type { CoverageCell, Store, TrendCounts } from '../store';

/** Today in Vietnam (UTC+7, no daylight saving): the default reporting date. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Tallies per group from SQL cells (groups with no adult get empty tallies from assembleCoverage). */
export function talliesOf(cells: readonly CoverageCell[]): Map<string, GroupTally> {
  const out = new Map<string, GroupTally>();
  for (const c of cells) {
    let t = out.get(c.groupId);
    if (t === undefined) out.set(c.groupId, (t = emptyGroupTally()));
    for (const tally of [t.tally, t.ages[c.band], t.sexes[c.sex]]) {
      tally.adults += c.adults;
      tally.k += c.k;
      tally.v += c.v;
    }
  }
  return out;
}

/** Last day of the month `months` before the month of `date` (YYYY-MM-DD). */
function monthEnd(date: string, monthsBack: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - monthsBack; // 1-based, may go ≤ 0
  // Day 0 of the next month = the last day of this one.
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Trend dates: the month ends of the 12 months before the date's month, then the date. */
export function trendDates(date: string): string[] {
  const out: string[] = [];
  for (let back = 12; back >= 1; back -= 1) out.push(monthEnd(date, back));
  out.push(date);
  return out;
}

/** Each trend point from the counts: K and V of the ward, denominators per group (entered or registered then). */
function trendPoints(counts: TrendCounts, groups: readonly ResidentialGroup[]): TrendPoint[] {
  return counts.days.map((d, i) => {
    let denominator = 0;
    for (const g of groups) {
      denominator += g.adultPopulation ? g.adultPopulation.count : (counts.a.get(g.id)?.[i] ?? 0);
    }
    // Only the live groups' people count (the counts hold deleted groups' too).
    const K = groups.reduce((n, g) => n + (counts.k.get(g.id)?.[i] ?? 0), 0);
    const V = groups.reduce((n, g) => n + (counts.v.get(g.id)?.[i] ?? 0), 0);
    return {
      date: d,
      denominator,
      K,
      V,
      kPercent: percent(K, denominator),
      vPercent: percent(V, denominator),
    };
  });
}

/** GET /v1/wards/:ward/coverage: figures per group and for the ward, with names and the trend. */
export async function wardCoverageResponse(
  store: Store,
  wardCode: string,
  wardName: string,
  date: string,
): Promise<CoverageResponse> {
  const points = trendDates(date);
  // One scan for the figures and the trend (B7), alongside the groups and settings.
  const [groups, settings, scan] = await Promise.all([
    store.listGroups(wardCode),
    store.getWardSettings(wardCode),
    store.coverageScan(wardCode, date, points),
  ]);
  const effective = settings ?? { adultAge: 18, targets: [] };
  const coverage = assembleCoverage(date, effective, groups, talliesOf(scan.cells));
  const names = new Map(groups.map((g) => [g.id, g.name]));
  return {
    wardCode,
    wardName,
    date,
    adultAge: effective.adultAge,
    groups: coverage.groups.map(({ notReached: _ids, ...g }) => ({
      ...g,
      groupName: names.get(g.groupId) ?? g.groupId,
    })),
    ward: coverage.ward,
    trend: trendPoints(scan.trend, groups),
  };
}

/**
 * A province's roll-up: one SQL pass over all its wards, each ward's row assembled from its own groups
 * and settings, and the province row as sums over sums (like a ward's over its groups).
 */
export async function provinceCoverageResponse(
  store: Store,
  provinceCode: string,
  date: string,
): Promise<ProvinceCoverageResponse> {
  const wards = (await store.listWards()).filter((w) => w.provinceCode === provinceCode);
  const cells = await store.coverageCells(
    wards.map((w) => w.code),
    date,
  );
  const byWard = new Map<string, CoverageCell[]>();
  for (const c of cells) {
    const list = byWard.get(c.wardCode) ?? [];
    list.push(c);
    byWard.set(c.wardCode, list);
  }
  const rows = [];
  const provinceGroups: ResidentialGroup[] = [];
  const provinceTallies = new Map<string, GroupTally>();
  for (const w of wards) {
    const [groups, settings] = await Promise.all([store.listGroups(w.code), store.getWardSettings(w.code)]);
    const tallies = talliesOf(byWard.get(w.code) ?? []);
    const coverage = assembleCoverage(date, settings ?? { adultAge: 18, targets: [] }, groups, tallies);
    rows.push({ ...coverage.ward, wardCode: w.code, wardName: w.name });
    for (const g of groups) {
      const key = `${w.code}/${g.id}`;
      provinceGroups.push({ ...g, id: key });
      provinceTallies.set(key, tallies.get(g.id) ?? emptyGroupTally());
    }
  }
  // The province's targets are the national plan's defaults (ward targets differ per ward).
  const province = assembleCoverage(
    date,
    { adultAge: 18, targets: [] },
    provinceGroups,
    provinceTallies,
  ).ward;
  return { provinceCode, date, wards: rows, province };
}
