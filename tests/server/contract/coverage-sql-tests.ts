// The SQL coverage equals the shared coverage function exactly (issue 6 "Done when", docs/ward.md), on
// ≥ 50 generated wards of varied shape, at several reporting dates each: per group and ward, every
// count, denominator, percentage, target and gap, by age band and sex; the trend's every point; and the
// trigger-maintained progress table equals a rebuild — with withdrawn registration consents among the
// records (docs/privacy.md C2). Run on PGlite and on real PostgreSQL.
import { describe, expect, test } from 'vitest';
import { computeCoverage, isProcessed, mergedIntoMap, type WardCoverage } from '../../../src/shared';
import type { SqlStore } from '../../../src/server/store';
import {
  provinceCoverageResponse,
  trendDates,
  wardCoverageResponse,
} from '../../../src/server/ward/coverage';
import { generateWard, liveOf, type GeneratedWard } from '../coverage-gen';

export const WARDS = 60;
/** The province roll-up is checked on one day for every generated ward (their province is 79). */
const PROVINCE_DAY = '2026-06-30';

/** The shared answer without the id lists the SQL path does not compute. */
function withoutIds(c: WardCoverage): WardCoverage {
  return { ...c, groups: c.groups.map(({ notReached: _ids, ...g }) => g) };
}

export function coverageSqlTests(getStore: () => SqlStore, codeOf: (i: number) => string, seed: number) {
  describe(`SQL coverage = shared coverage on ${WARDS} generated wards (seed ${seed})`, () => {
    test('every figure, at every checked date, and every trend point', async () => {
      const store = getStore();
      let compared = 0;
      let merged = 0;
      let overFull = 0;
      let withdrawn = 0;
      let intoWithdrawn = 0;
      const generated: GeneratedWard[] = [];
      for (let i = 0; i < WARDS; i += 1) {
        const ward = await generateWard(store, codeOf(i), seed + i);
        generated.push(ward);
        const live = liveOf(ward);
        const mergedInto = mergedIntoMap(live.residents);
        merged += mergedInto.size;
        const stopped = new Set(live.residents.filter((x) => !isProcessed(x)).map((x) => x.id));
        withdrawn += stopped.size;
        intoWithdrawn += live.residents.filter(
          (x) => isProcessed(x) && x.mergedInto !== undefined && stopped.has(x.mergedInto),
        ).length;
        expect(await store.progressDrift(ward.code), `ward ${ward.code}: progress drift`).toBe(0);
        for (const date of ward.dates) {
          const expected = withoutIds(
            computeCoverage({ date, settings: ward.settings, mergedInto, ...live }),
          );
          // The API's answer: figures from SQL tallies, assembled by the shared code.
          const api = await wardCoverageResponse(store, ward.code, 'x', date);
          const actual = { date, ward: api.ward, groups: api.groups.map(({ groupName: _n, ...g }) => g) };
          expect(actual, `ward ${ward.code} (seed ${seed + i}) on ${date}`).toEqual(expected);
          compared += 1;
          if (expected.groups.some((g) => g.K.overFull)) overFull += 1;
        }
        // The roster (drill-down): the same people, with the same not-reached list and statuses.
        const on = ward.dates.at(-1)!;
        const full = computeCoverage({ date: on, settings: ward.settings, mergedInto, ...live });
        for (const g of full.groups) {
          const roster = (await store.groupRoster(ward.code, g.groupId, on)).filter((p) => p.adult);
          const notReached = roster.filter((p) => p.status === 'not_reached').map((p) => p.id);
          expect(notReached.sort(), `ward ${ward.code} roster ${g.groupId}`).toEqual(
            [...g.notReached!].sort(),
          );
          expect(roster.length).toBe(g.registeredAdults);
          expect(roster.filter((p) => p.status === 'confirmed').length).toBe(g.V.count);
        }
        // The trend of the API's answer: each point equals the shared function's ward row on that day.
        const last = ward.dates.at(-1)!;
        const { trend } = await wardCoverageResponse(store, ward.code, 'x', last);
        expect(trend.map((p) => p.date)).toEqual(trendDates(last));
        for (const point of trend) {
          const row = computeCoverage({
            date: point.date,
            settings: ward.settings,
            mergedInto,
            ...live,
          }).ward;
          expect(point, `ward ${ward.code} trend on ${point.date}`).toEqual({
            date: point.date,
            denominator: row.denominator,
            K: row.K.count,
            V: row.V.count,
            kPercent: row.K.percent,
            vPercent: row.V.percent,
          });
        }
      }
      // The province roll-up (one statement over all the wards) gives each ward the same row.
      const wards = generated;
      const roll = await provinceCoverageResponse(store, '79', PROVINCE_DAY);
      for (const ward of wards) {
        const live = liveOf(ward);
        const row = computeCoverage({
          date: PROVINCE_DAY,
          settings: ward.settings,
          mergedInto: mergedIntoMap(live.residents),
          ...live,
        }).ward;
        const { wardCode: _c, wardName: _n, ...got } = roll.wards.find((w) => w.wardCode === ward.code)!;
        expect(got, `province row of ward ${ward.code}`).toEqual(row);
      }
      // The generator really produced the hard cases.
      expect(compared).toBeGreaterThanOrEqual(WARDS * 3);
      expect(merged).toBeGreaterThan(10);
      expect(overFull).toBeGreaterThan(0);
      expect(withdrawn).toBeGreaterThan(20);
      expect(intoWithdrawn).toBeGreaterThan(0);
    }, 600_000);
  });
}
