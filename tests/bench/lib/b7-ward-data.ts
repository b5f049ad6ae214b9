// B7's data: one generated ward loaded in bulk with deterministic pseudo-random values (hash of the row
// number): groups (two thirds with an entered adult population), residents (a quarter with a full birth
// date, 1 % merged into another record, 1 in 97 with registration consent withdrawn), completions (a fifth
// VNeID) and sessions of 20 attendees. The progress triggers are off for the load and the K/V days rebuilt
// afterwards (the same table the triggers keep). Also the full recompute: the shared function over every row.
import {
  computeCoverage,
  mergedIntoMap,
  type Completion,
  type Resident,
  type TrainingSession,
  type WardCoverage,
} from '../../../src/shared';
import type { SqlStore } from '../../../src/server/store';
import { createHash } from 'node:crypto';

export interface WardSize {
  code: string;
  provinceCode: string;
  residents: number;
  completions: number;
  groups: number;
}

/** The generated ward, in bulk, with deterministic pseudo-random values (hash of the row number). */
export async function loadWard(store: SqlStore, w: WardSize): Promise<void> {
  const { code: WARD, residents: RESIDENTS, completions: COMPLETIONS, groups: GROUPS } = w;
  const SESSIONS = Math.round(RESIDENTS / 20);
  const db = store.db;
  await store.createWard({ code: WARD, name: `Phường Thử Tải ${WARD}`, provinceCode: w.provinceCode });
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
     from (select n, md5($1::text || 'r' || n)::uuid::text as id,
                  'tdp-' || lpad((1 + n % $2::int)::text, 2, '0') as grp
           from generate_series(1, $3::int) n) x`,
    [WARD, GROUPS, RESIDENTS],
  );
  // Merges: 1 % of residents are duplicates of the next one. The ids are made here and joined by primary
  // key: computed inside the join, the planner may scan the whole table once per merged row.
  const from: string[] = [];
  const into: string[] = [];
  for (let n = 100; n < RESIDENTS; n += 100) {
    from.push(md5Uuid(`${WARD}r${n}`));
    into.push(md5Uuid(`${WARD}r${n + 1}`));
  }
  await db.query(
    `update residents r set doc = r.doc || jsonb_build_object('mergedInto', x.into_id)
     from unnest($2::text[], $3::text[]) as x(id, into_id)
     where r.id = x.id and r.ward_code = $1`,
    [WARD, from, into],
  );
  await db.query(
    `insert into completions (id, ward_code, group_id, doc, seq)
     select md5($1::text || 'c' || n)::uuid::text, $1, 'tdp-' || lpad((1 + rn % $2::int)::text, 2, '0'),
       jsonb_build_object('id', md5($1::text || 'c' || n)::uuid::text, 'wardCode', $1::text,
         'groupId', 'tdp-' || lpad((1 + rn % $2::int)::text, 2, '0'), 'residentId', md5($1::text || 'r' || rn)::uuid::text,
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
     select md5($1::text || 's' || n)::uuid::text, $1, 'tdp-' || lpad((1 + n % $2::int)::text, 2, '0'),
       jsonb_build_object('id', md5($1::text || 's' || n)::uuid::text, 'wardCode', $1::text,
         'groupId', 'tdp-' || lpad((1 + n % $2::int)::text, 2, '0'),
         'date', '2026-' || lpad((1 + n % 11)::text, 2, '0') || '-15', 'place', 'Nhà văn hoá',
         'format', 'class', 'skills', '[]'::jsonb, 'trainers', '["Bench"]'::jsonb,
         'attendeeIds', (select jsonb_agg(md5($1::text || 'r' || (1 + ((n * 37 + k * 7919) % $4::int)))::uuid::text)
                         from generate_series(1, 20) k),
         'createdAt', '2026-01-01T00:00:00.000Z', 'updatedAt', '2026-01-01T00:00:00.000Z'),
       nextval('sync_seq')
     from generate_series(1, $3::int) n`,
    [WARD, GROUPS, SESSIONS, RESIDENTS],
  );
  await db.query('alter table completions enable trigger completions_progress');
  await db.query('alter table training_sessions enable trigger sessions_progress');
  await store.rebuildProgress(WARD);
}

/** The shared function over every row of the ward, read back from the database (the full recompute). */
export async function recompute(store: SqlStore, WARD: string, DATE: string): Promise<WardCoverage> {
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

/** PostgreSQL's `md5(text)::uuid::text`. */
function md5Uuid(text: string): string {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
