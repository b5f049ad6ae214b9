// Bench B7 (QUALITY.md, issue 6): ward coverage for 100,000 residents and 1,000,000 completions on real
// PostgreSQL. Loads a generated ward in bulk (triggers off, then the progress rebuilt — the same table the
// triggers keep), then times the coverage answer (figures per group, age band and sex + the 13-point
// trend, exactly what GET /v1/wards/:ward/coverage computes) against a baseline measured in the same run:
// a plain `count(*) … group by` over the same completion rows. Checks the answer equals the shared
// coverage function computed in Node over the same rows (a full recompute) and that the maintained
// progress equals a rebuild.
// Run: npm run bench:coverage   (DATABASE_URL or TEST_DATABASE_URL = PostgreSQL; without one, PGlite)
//      options: --residents N --completions N --runs N
import { performance } from 'node:perf_hooks';
import {
  computeCoverage,
  mergedIntoMap,
  type Completion,
  type Resident,
  type TrainingSession,
  type WardCoverage,
} from '../../src/shared';
import { openPgliteStore, type SqlStore } from '../../src/server/store';
import { wardCoverageResponse } from '../../src/server/ward/coverage';
import { createPgTestDatabase, type PgTestDatabase } from '../helpers/server';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RESIDENTS = arg('residents', 100_000);
const COMPLETIONS = arg('completions', 1_000_000);
const RUNS = arg('runs', 15);
const GROUPS = 40;
const SESSIONS = Math.round(RESIDENTS / 20);
const MERGED = Math.round(RESIDENTS / 100);
const TARGET_MS = 100;
const WARD = '88888';
const DATE = '2026-11-23';

const url = process.env['DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up (plans, caches)
  const out: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** The generated ward, in bulk, with deterministic pseudo-random values (hash of the row number). */
async function load(store: SqlStore): Promise<void> {
  const db = store.db;
  await store.createWard({ code: WARD, name: 'Phường Thử Tải', provinceCode: '79' });
  await db.query(
    `insert into groups (id, ward_code, doc, seq)
     select 'tdp-' || lpad(g::text, 2, '0'), $1,
       jsonb_build_object('id', 'tdp-' || lpad(g::text, 2, '0'), 'wardCode', $1::text, 'name', 'Tổ ' || g,
         'kind', 'to_dan_pho')
       || case when g % 3 = 0 then '{}'::jsonb else jsonb_build_object('adultPopulation',
         jsonb_build_object('count', ($2::int / $3::int) + 50 - (g % 7) * 20, 'source', 'Công an phường',
           'asOf', '2026-01-01')) end,
       nextval('sync_seq')
     from generate_series(1, $3::int) g`,
    [WARD, RESIDENTS, GROUPS],
  );
  // Disable the progress triggers for the bulk load; the progress is rebuilt afterwards.
  await db.query('alter table completions disable trigger completions_progress');
  await db.query('alter table training_sessions disable trigger sessions_progress');
  const hash = (expr: string, mod: number) => `(abs(hashtext(${expr})) % ${mod})`;
  await db.query(
    `insert into residents (id, ward_code, group_id, doc, seq)
     select id, $1, grp, jsonb_build_object('id', id, 'wardCode', $1::text, 'groupId', grp,
         'fullName', 'Người Thử ' || n, 'birthYear', 1930 + ${hash("n::text || 'y'", 80)},
         'sex', case when ${hash("n::text || 's'", 2)} = 0 then 'female' else 'male' end,
         'consents', jsonb_build_array(jsonb_build_object('purpose', 'registration', 'askedBy', 'Bench',
           'date', '2026-01-01', 'method', 'verbal', 'wordingVersion', 'v1')
           -- 1 in 97 withdrew their consent (docs/privacy.md C2): not counted
           || case when n % 97 = 0 then jsonb_build_object('withdrawnOn', '2026-06-01') else '{}'::jsonb end),
         'createdAt', '2026-01-01T00:00:00.000Z', 'updatedAt', '2026-01-01T00:00:00.000Z')
         || case when n % 4 = 0 then jsonb_build_object('birthDate',
              (1930 + ${hash("n::text || 'y'", 80)})::text || '-' || lpad((1 + n % 12)::text, 2, '0') || '-'
              || lpad((1 + n % 28)::text, 2, '0')) else '{}'::jsonb end,
       nextval('sync_seq')
     from (select n, md5('r' || n)::uuid::text as id,
                  'tdp-' || lpad((1 + n % $2::int)::text, 2, '0') as grp
           from generate_series(1, $3::int) n) x`,
    [WARD, GROUPS, RESIDENTS],
  );
  // Merges: 1 % of residents are duplicates of the next one.
  await db.query(
    `update residents r set doc = r.doc || jsonb_build_object('mergedInto', md5('r' || (x.n + 1))::uuid::text)
     from (select n from generate_series(1, $2::int) n where n % 100 = 0 and n < $2::int) x
     where r.id = md5('r' || x.n)::uuid::text and r.ward_code = $1`,
    [WARD, RESIDENTS],
  );
  await db.query(
    `insert into completions (id, ward_code, group_id, doc, seq)
     select md5('c' || n)::uuid::text, $1, 'tdp-' || lpad((1 + rn % $2::int)::text, 2, '0'),
       jsonb_build_object('id', md5('c' || n)::uuid::text, 'wardCode', $1::text,
         'groupId', 'tdp-' || lpad((1 + rn % $2::int)::text, 2, '0'), 'residentId', md5('r' || rn)::uuid::text,
         'kind', case when n % 5 = 0 then 'vneid' when n % 5 = 1 then 'passed' else 'trained' end,
         'date', '2025-' || lpad((1 + n % 12)::text, 2, '0') || '-' || lpad((1 + n % 28)::text, 2, '0'),
         'recordedBy', 'Bench', 'createdAt', '2026-01-01T00:00:00.000Z', 'updatedAt', '2026-01-01T00:00:00.000Z'),
       nextval('sync_seq')
     from (select n, 1 + ${hash("n::text || 'c'", Math.round(RESIDENTS * 0.7))} as rn
           from generate_series(1, $3::int) n) x`,
    [WARD, GROUPS, COMPLETIONS],
  );
  await db.query(
    `insert into training_sessions (id, ward_code, group_id, doc, seq)
     select md5('s' || n)::uuid::text, $1, 'tdp-' || lpad((1 + n % $2::int)::text, 2, '0'),
       jsonb_build_object('id', md5('s' || n)::uuid::text, 'wardCode', $1::text,
         'groupId', 'tdp-' || lpad((1 + n % $2::int)::text, 2, '0'),
         'date', '2026-' || lpad((1 + n % 11)::text, 2, '0') || '-15', 'place', 'Nhà văn hoá',
         'format', 'class', 'skills', '[]'::jsonb, 'trainers', '["Bench"]'::jsonb,
         'attendeeIds', (select jsonb_agg(md5('r' || (1 + ((n * 37 + k * 7919) % $4::int)))::uuid::text)
                         from generate_series(1, 20) k),
         'createdAt', '2026-01-01T00:00:00.000Z', 'updatedAt', '2026-01-01T00:00:00.000Z'),
       nextval('sync_seq')
     from generate_series(1, $3::int) n`,
    [WARD, GROUPS, SESSIONS, RESIDENTS],
  );
  await db.query('alter table completions enable trigger completions_progress');
  await db.query('alter table training_sessions enable trigger sessions_progress');
  await store.rebuildProgress(WARD);
  await db.exec('vacuum analyze');
}

/** The shared function over every row of the ward, read back from the database (the full recompute). */
async function recompute(store: SqlStore): Promise<WardCoverage> {
  const docs = async (table: string) =>
    (await store.db.query(`select doc from ${table} where ward_code = $1 and not deleted`, [WARD])).map(
      (r) => r['doc'] as Record<string, unknown>,
    );
  const residents = (await docs('residents')) as unknown as Resident[];
  const settings = (await store.getWardSettings(WARD))!;
  return computeCoverage({
    date: DATE,
    settings,
    groups: await store.listGroups(WARD),
    residents,
    sessions: (await docs('training_sessions')) as unknown as TrainingSession[],
    completions: (await docs('completions')) as unknown as Completion[],
    mergedInto: mergedIntoMap(residents),
  });
}

async function main() {
  let pg: PgTestDatabase | undefined;
  let store: SqlStore;
  if (url !== undefined) {
    pg = await createPgTestDatabase(url);
    store = await pg.open();
  } else {
    store = await openPgliteStore({});
    await store.migrate();
  }
  const engine = url !== undefined ? 'postgresql' : 'pglite';
  const t0 = performance.now();
  await load(store);
  const loadS = (performance.now() - t0) / 1000;
  const [{ n: completions } = { n: 0 }] = (await store.db.query(
    'select count(*)::int as n from completions where ward_code = $1',
    [WARD],
  )) as { n: number }[];
  console.log(
    `loaded ${RESIDENTS.toLocaleString('en')} residents (${MERGED} merged), ${completions.toLocaleString('en')} completions, ${SESSIONS} sessions × 20 attendees, ${GROUPS} groups on ${engine} in ${loadS.toFixed(1)} s`,
  );

  const coverage = await time(() => wardCoverageResponse(store, WARD, 'Phường Thử Tải', DATE));
  const baseline = await time(() =>
    store.db.query(
      'select group_id, count(*) from completions where ward_code = $1 and not deleted group by group_id',
      [WARD],
    ),
  );
  const answer = await wardCoverageResponse(store, WARD, 'Phường Thử Tải', DATE);
  const full = await recompute(store);
  const strip = (c: WardCoverage) => ({ ...c.ward, groups: c.groups.map(({ notReached: _n, ...g }) => g) });
  const same =
    JSON.stringify(strip(full)) ===
    JSON.stringify(
      strip({ date: DATE, ward: answer.ward, groups: answer.groups.map(({ groupName: _g, ...g }) => g) }),
    );
  const drift = await store.progressDrift(WARD);

  const m = median(coverage);
  const b = median(baseline);
  console.log(
    `coverage (figures + trend): median ${m.toFixed(1)} ms, min ${Math.min(...coverage).toFixed(1)}, max ${Math.max(...coverage).toFixed(1)} over ${RUNS} runs`,
  );
  console.log(
    `baseline count(*) group by over the same ${completions.toLocaleString('en')} completions: median ${b.toFixed(1)} ms`,
  );
  console.log(
    `ward K ${answer.ward.K.count} (${answer.ward.K.percent} %), V ${answer.ward.V.count} (${answer.ward.V.percent} %), adults ${answer.ward.registeredAdults}`,
  );
  console.log(
    `equal to a full recompute (shared function over every row): ${same ? 'yes' : 'NO'}; progress drift ${drift}`,
  );
  const ok = m <= TARGET_MS && same && drift === 0;
  console.log(
    `B7 ward coverage: ${m.toFixed(1)} ms = ${(m / b).toFixed(2)}× count(*) group by (target ≤ ${TARGET_MS} ms on PostgreSQL, equal to a full recompute) ${ok ? 'ok' : 'short'}`,
  );
  if (pg && process.argv.includes('--keep')) {
    console.log(`kept schema ${pg.schema} (drop it by hand)`);
    await store.close();
  } else if (pg) await pg.drop();
  else await store.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
