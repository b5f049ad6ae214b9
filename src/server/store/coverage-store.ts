// The SQL of coverage (docs/ward.md "Coverage in SQL"): per ward, per residential group, age band and sex,
// the adults on a date and how many of them count for K and V, after following duplicate merges; and the
// dates the trend needs. Must count exactly what src/shared/coverage.ts counts (the randomised test
// tests/server/coverage-sql.test.ts compares them on generated wards).
import type { AgeBand, PlainDoc, ResidentStatus, Sex } from '../../shared';
import type { Db, Queryable } from './db';
import { doc, int, str } from './rows';

/** One cell of the tally: adults of a group, age band and sex on the date, and those with K and V. */
export interface CoverageCell {
  wardCode: string;
  groupId: string;
  band: AgeBand;
  sex: Sex;
  adults: number;
  k: number;
  v: number;
}

/**
 * Trend counts of one ward, by the day each person started counting: `a` the day they became adult
 * (per group, for registered-adult denominators), `k`/`v` the day they counted for K/V (the later of
 * becoming adult and their first completion). Days ≤ `from` are folded into `from`; days after the date
 * are left out. Cumulated over days, this gives every trend point exactly.
 */
export interface TrendCounts {
  a: { groupId: string; day: string; n: number }[];
  k: { day: string; n: number }[];
  v: { day: string; n: number }[];
}

/** One person of a group's roster on a date (drill-down, not-reached lists). */
export interface RosterPerson {
  /** The record that stands for the person (merged records are folded into it). */
  id: string;
  /** The resident document as stored (name, birth year, sex, phone, consents…). */
  doc: PlainDoc;
  age: number;
  adult: boolean;
  status: ResidentStatus;
  /** Earliest K and V dates (YYYY-MM-DD) up to the date; null when none. */
  kFirst: string | null;
  vFirst: string | null;
  /** Other live records merged into this one. */
  mergedRecords: number;
}

export interface CoverageStore {
  /** Tally cells of these wards on `date` (each ward with its own adult age). Cells with no adult are absent. */
  coverageCells(wardCodes: readonly string[], date: string): Promise<CoverageCell[]>;
  /** The trend counts of one ward between `from` and `date` (see TrendCounts). */
  coverageTrend(wardCode: string, from: string, date: string): Promise<TrendCounts>;
  /**
   * The people of one residential group on `date` (adults and not), each with their status counted
   * exactly as coverage counts it; ordered by name. Empty for an unknown or deleted group.
   */
  groupRoster(wardCode: string, groupId: string, date: string): Promise<RosterPerson[]>;
  /** Recomputes a ward's resident_progress from scratch (after a bulk load with triggers off). */
  rebuildProgress(wardCode: string): Promise<void>;
  /** Rows of resident_progress that differ from a rebuild (0 = the triggers kept it exact). */
  progressDrift(wardCode: string): Promise<number>;
}

/**
 * The people of the wards (live residents of live groups that stand for themselves) with their age on $2
 * and the earliest K and V dates over their own record and every live record merged into them.
 * Merges: chains followed like personIdOf (stop before a repeat); only live residents' merges count.
 */
const PEOPLE = `
  with recursive ward_list as (
    select w.code as ward_code, coalesce(json_small_int(w.settings->'adultAge'), 18) as adult_age
    from wards w where w.code = any($1::text[])
  ),
  merged as (
    select r.ward_code, r.id, r.merged_into
    from residents r join ward_list using (ward_code)
    where not r.deleted and r.merged_into is not null and r.merged_into <> r.id
  ),
  chain (ward_code, id, cur, seen, depth) as (
    select ward_code, id, id, array[id], 0 from merged
    union all
    select c.ward_code, c.id, m.merged_into, c.seen || m.merged_into, c.depth + 1
    from chain c join merged m on m.ward_code = c.ward_code and m.id = c.cur
    where m.merged_into <> all(c.seen)
  ),
  roots as (
    select distinct on (ward_code, id) ward_code, id, cur as root from chain order by ward_code, id, depth desc
  ),
  merged_progress as (
    select rt.ward_code, rt.root, min(p.k_first) as k_first, min(p.v_first) as v_first
    from roots rt join resident_progress p on p.ward_code = rt.ward_code and p.resident_id = rt.id
    group by rt.ward_code, rt.root
  ),
  people as (
    select r.ward_code, r.id, r.group_id, r.sex, r.birth_year, r.birth_date, wl.adult_age,
      least(p.k_first, mp.k_first) as k_first,
      least(p.v_first, mp.v_first) as v_first
    from residents r
    join ward_list wl using (ward_code)
    join groups g on g.ward_code = r.ward_code and g.id = r.group_id and not g.deleted
    left join resident_progress p on p.ward_code = r.ward_code and p.resident_id = r.id
    left join merged_progress mp on mp.ward_code = r.ward_code and mp.root = r.id
    where not r.deleted and (r.merged_into is null or r.merged_into = r.id)
      and r.birth_year is not null and r.sex in ('female', 'male')
  )`;

/** Age on $2 like ageOn: the year difference, minus one before the birthday when the date is known. */
const AGE = `(substr($2, 1, 4)::int - birth_year
  - case when birth_date is not null and substr($2, 6) < substr(birth_date, 6) then 1 else 0 end)`;

const CELLS_SQL = `${PEOPLE},
  aged as (select ward_code, group_id, sex, adult_age, k_first, v_first, ${AGE} as age from people)
  select ward_code, group_id, sex,
    case when age <= 35 then '18-35' when age <= 59 then '36-59' else '60+' end as band,
    count(*)::int as adults,
    count(*) filter (where k_first <= $2)::int as k,
    count(*) filter (where v_first <= $2)::int as v
  from aged where age >= adult_age
  group by 1, 2, 3, 4`;

/**
 * The day a person became adult, as a comparable YYYY-MM-DD text ('2026-02-29' for a leap-day birth in a
 * common year: ageOn compares month-day text the same way, so it counts from 1 March).
 */
const ADULT_FROM = `lpad((birth_year + adult_age)::text, 4, '0') || coalesce(substr(birth_date, 5), '-01-01')`;

const TREND_SQL = `${PEOPLE},
  starts as (
    select group_id, ${ADULT_FROM} as a, k_first, v_first from people
  ),
  days as (
    select group_id, a,
      case when k_first is null then null else greatest(a, k_first) end as k,
      case when v_first is null then null else greatest(a, v_first) end as v
    from starts
  )
  select 'a' as m, group_id, greatest(a, $3) as day, count(*)::int as n from days where a <= $2 group by 2, 3
  union all
  select 'k', '', greatest(k, $3), count(*)::int from days where k <= $2 group by 3
  union all
  select 'v', '', greatest(v, $3), count(*)::int from days where v <= $2 group by 3`;

const DRIFT_SQL = `
  with fresh as (
    select rid, min(d) as k_first, min(d) filter (where v) as v_first
    from (
      select resident_id as rid, done_on as d, kind = 'vneid' as v
        from completions where ward_code = $1 and not deleted and resident_id is not null
      union all
      select a.rid, s.held_on, false
        from training_sessions s, jsonb_array_elements_text(array_of(s.doc->'attendeeIds')) as a(rid)
        where s.ward_code = $1 and not s.deleted
    ) x where d is not null group by rid
  ),
  held as (select resident_id as rid, k_first, v_first from resident_progress where ward_code = $1)
  select count(*)::int as n from fresh full join held using (rid)
  where fresh.k_first is distinct from held.k_first or fresh.v_first is distinct from held.v_first`;

const ROSTER_SQL = `${PEOPLE}
  select p.id, r.doc, ${AGE.replaceAll('birth_', 'p.birth_')} as age, p.adult_age, p.k_first, p.v_first,
    (select count(*)::int from residents m
      where m.ward_code = p.ward_code and m.merged_into = p.id and not m.deleted) as merged_records
  from people p join residents r on r.id = p.id
  where p.group_id = $3`;

const BANDS = new Set<string>(['18-35', '36-59', '60+']);

export function createCoverageStore(db: Db | Queryable): CoverageStore {
  return {
    async coverageCells(wardCodes, date) {
      if (wardCodes.length === 0) return [];
      const rows = await db.query(CELLS_SQL, [[...wardCodes], date]);
      return rows.map((row) => {
        const band = str(row, 'band');
        const sex = str(row, 'sex');
        if (!BANDS.has(band) || (sex !== 'female' && sex !== 'male')) {
          throw new Error(`coverage: unexpected cell ${band}/${sex}`);
        }
        return {
          wardCode: str(row, 'ward_code'),
          groupId: str(row, 'group_id'),
          band: band as AgeBand,
          sex,
          adults: int(row, 'adults'),
          k: int(row, 'k'),
          v: int(row, 'v'),
        };
      });
    },

    async coverageTrend(wardCode, from, date) {
      const rows = await db.query(TREND_SQL, [[wardCode], date, from]);
      const out: TrendCounts = { a: [], k: [], v: [] };
      for (const row of rows) {
        const m = str(row, 'm');
        const day = str(row, 'day');
        const n = int(row, 'n');
        if (m === 'a') out.a.push({ groupId: str(row, 'group_id'), day, n });
        else if (m === 'k') out.k.push({ day, n });
        else out.v.push({ day, n });
      }
      return out;
    },

    async groupRoster(wardCode, groupId, date) {
      const rows = await db.query(ROSTER_SQL, [[wardCode], date, groupId]);
      const people = rows.map((row): RosterPerson => {
        const age = int(row, 'age');
        const kFirst =
          row['k_first'] == null || String(row['k_first']) > date ? null : String(row['k_first']);
        const vFirst =
          row['v_first'] == null || String(row['v_first']) > date ? null : String(row['v_first']);
        return {
          id: str(row, 'id'),
          doc: doc(row, 'doc'),
          age,
          adult: age >= int(row, 'adult_age'),
          status: vFirst !== null ? 'confirmed' : kFirst !== null ? 'trained' : 'not_reached',
          kFirst,
          vFirst,
          mergedRecords: int(row, 'merged_records'),
        };
      });
      return people.sort((a, b) => String(a.doc['fullName']).localeCompare(String(b.doc['fullName']), 'vi'));
    },

    async rebuildProgress(wardCode) {
      await db.query('select rebuild_resident_progress($1)', [wardCode]);
    },

    async progressDrift(wardCode) {
      const [row] = await db.query(DRIFT_SQL, [wardCode]);
      return row ? int(row, 'n') : 0;
    },
  };
}
