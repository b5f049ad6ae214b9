// B7 (QUALITY.md): ward coverage (100,000 residents, 1,000,000 completions) and the province roll-up
// (5,000,000 adults: 52 wards of 100,000 residents, one completion each on average), on PostgreSQL, each against a plain `count(*) … group by` over
// the same completion rows in the same run, and each equal to a full recompute. Targets: ward ≤ 100 ms,
// province ≤ 1 s. Quick: 10,000 residents / 100,000 completions and a province of 4 × 5,000.
import { performance } from 'node:perf_hooks';
import { openPgliteStore, type SqlStore } from '../../../src/server/store';
import { provinceCoverageResponse, wardCoverageResponse } from '../../../src/server/ward/coverage';
import type { CoverageResponse, WardCoverage } from '../../../src/shared';
import { createPgTestDatabase, type PgTestDatabase } from '../../helpers/server';
import { loadWard, recompute } from '../lib/b7-ward-data';
import { formatMs, median, timeRuns, type BenchContext, type BenchLine, type Scenario } from '../lib/line';

const DATE = '2026-11-23';
const WARD_TARGET_MS = 100;
const PROVINCE_TARGET_MS = 1000;

/** The ward row and groups of an answer, without names and lists, to compare with the shared function. */
function sameAsRecompute(answer: CoverageResponse, full: WardCoverage): boolean {
  const strip = (c: WardCoverage) => ({ ...c.ward, groups: c.groups.map(({ notReached: _n, ...g }) => g) });
  const fromAnswer = {
    date: DATE,
    ward: answer.ward,
    groups: answer.groups.map(({ groupName: _g, ...g }) => g),
  };
  return JSON.stringify(strip(full)) === JSON.stringify(strip(fromAnswer));
}

async function countRows(store: SqlStore, sql: string, params: unknown[]): Promise<number> {
  const [row] = await store.db.query(sql, params);
  return Number(row?.['n'] ?? 0);
}

async function wardLine(ctx: BenchContext, store: SqlStore, engine: string): Promise<BenchLine> {
  const size = ctx.quick
    ? { residents: 10_000, completions: 100_000 }
    : { residents: 100_000, completions: 1_000_000 };
  const ward = '88888';
  const t0 = performance.now();
  await loadWard(store, { code: ward, provinceCode: '78', groups: 40, ...size });
  await store.db.exec('vacuum analyze');
  ctx.log(
    `  loaded ward ${ward}: ${size.residents.toLocaleString('en')} residents, ` +
      `${size.completions.toLocaleString('en')} completions on ${engine} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const runs = ctx.quick ? 7 : 15;
  const coverage = await timeRuns(runs, () => wardCoverageResponse(store, ward, 'Phường Thử Tải', DATE));
  const baseline = await timeRuns(runs, () =>
    store.db.query(
      'select group_id, count(*) from completions where ward_code = $1 and not deleted group by group_id',
      [ward],
    ),
  );
  const answer = await wardCoverageResponse(store, ward, 'Phường Thử Tải', DATE);
  const same = sameAsRecompute(answer, await recompute(store, ward, DATE));
  const drift = await store.progressDrift(ward);
  const m = median(coverage);
  const b = median(baseline);
  ctx.log(
    `  ward coverage median ${formatMs(m)} (min ${formatMs(Math.min(...coverage))}, max ${formatMs(Math.max(...coverage))}); ` +
      `count(*) group by median ${formatMs(b)}; K ${answer.ward.K.percent} %, V ${answer.ward.V.percent} %; ` +
      `equal to a full recompute: ${same ? 'yes' : 'NO'}; progress drift ${drift}`,
  );
  return {
    key: 'B7.ward',
    id: 'B7',
    label: `ward coverage ${size.residents / 1000}k residents, ${size.completions / 1000}k completions`,
    figure: formatMs(m),
    ratio: m / b,
    baseline: 'count(*) group by',
    target: `≤ ${WARD_TARGET_MS} ms on PostgreSQL, equal to a full recompute`,
    ok: engine === 'PostgreSQL' && m <= WARD_TARGET_MS && same && drift === 0,
    better: 'lower',
    note: `${engine}; recompute ${same ? 'equal' : 'DIFFERENT'}, drift ${drift}`,
  };
}

async function provinceLine(ctx: BenchContext, store: SqlStore, engine: string): Promise<BenchLine> {
  // 52 wards × 100,000 residents ≈ 5.0M adults (about 3 % are under the adult age).
  const wards = ctx.quick ? 4 : 52;
  const residents = ctx.quick ? 5_000 : 100_000;
  const completions = ctx.quick ? residents * 2 : residents;
  const province = '77';
  const codes = Array.from({ length: wards }, (_, i) => String(70000 + i));
  const t0 = performance.now();
  for (const code of codes) {
    await loadWard(store, { code, provinceCode: province, groups: 20, residents, completions });
  }
  await store.db.exec('vacuum analyze');
  ctx.log(
    `  loaded province ${province}: ${wards} wards × ${residents.toLocaleString('en')} residents ` +
      `(${(completions * wards).toLocaleString('en')} completions) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const runs = ctx.quick ? 5 : 7;
  const rollup = await timeRuns(runs, () => provinceCoverageResponse(store, province, DATE));
  const baseline = await timeRuns(runs, () =>
    store.db.query(
      'select ward_code, count(*) from completions where ward_code = any($1::text[]) and not deleted group by ward_code',
      [codes],
    ),
  );
  // Equal to a full recompute: every ward's row is the ward's own answer (itself checked against the shared
  // function above), and the province's adults are the sum of the wards'.
  const answer = await provinceCoverageResponse(store, province, DATE);
  let same = answer.wards.length === wards;
  for (const row of answer.wards) {
    const own = await wardCoverageResponse(store, row.wardCode, row.wardName, DATE);
    const { wardCode: _c, wardName: _n, ...figures } = row;
    same &&= JSON.stringify(figures) === JSON.stringify(own.ward);
  }
  const adults = answer.wards.reduce((sum, w) => sum + w.registeredAdults, 0);
  same &&= adults === answer.province.registeredAdults;
  const counted = await countRows(
    store,
    'select count(*)::int as n from residents where ward_code = any($1::text[])',
    [codes],
  );
  const m = median(rollup);
  const b = median(baseline);
  ctx.log(
    `  province roll-up median ${formatMs(m)}; count(*) group by median ${formatMs(b)}; ` +
      `${adults.toLocaleString('en')} registered adults of ${counted.toLocaleString('en')} residents; ` +
      `every ward row equal to the ward's own answer: ${same ? 'yes' : 'NO'}`,
  );
  return {
    key: 'B7.province',
    id: 'B7',
    label: `province roll-up ${wards} wards, ${((residents * wards) / 1e6).toFixed(2)}M residents`,
    figure: formatMs(m),
    ratio: m / b,
    baseline: 'count(*) group by',
    target: `≤ ${PROVINCE_TARGET_MS} ms on PostgreSQL, equal to a full recompute`,
    ok: engine === 'PostgreSQL' && m <= PROVINCE_TARGET_MS && same,
    better: 'lower',
    note: `${engine}; ward rows ${same ? 'equal' : 'DIFFERENT'}`,
    // Four small wards answer in a few ms: their ratio is noise, not a figure to hold CI to.
    noRegressionCheck: ctx.quick,
  };
}

export const scenario: Scenario = {
  id: 'B7',
  title: 'ward coverage and province roll-up',
  async run(ctx) {
    let pg: PgTestDatabase | undefined;
    let store: SqlStore;
    if (ctx.pgUrl) {
      pg = await createPgTestDatabase(ctx.pgUrl);
      store = await pg.open();
    } else {
      store = await openPgliteStore({});
      await store.migrate();
    }
    const engine = pg ? 'PostgreSQL' : 'PGlite';
    try {
      return [await wardLine(ctx, store, engine), await provinceLine(ctx, store, engine)];
    } finally {
      if (pg) await pg.drop();
      else await store.close();
    }
  },
};
