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
  /** Cells and trend of one ward in one scan (what the coverage answer uses). */
  coverageScan(
    wardCode: string,
    date: string,
    from: string,
  ): Promise<{ cells: CoverageCell[]; trend: TrendCounts }>;
  /**
   * The people of one residential group on `date` (adults and not), each with their status counted
   * exactly as coverage counts it; ordered by name. Empty for an unknown or deleted group.
   */
  groupRoster(wardCode: string, groupId: string, date: string): Promise<RosterPerson[]>;
  /** Recomputes a ward's K/V dates (residents.k_first, v_first) from scratch (after a bulk load with triggers off). */
  rebuildProgress(wardCode: string): Promise<void>;
  /** Residents whose maintained K/V dates differ from a rebuild (0 = the triggers kept them exact). */
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
    select rt.ward_code, rt.root, min(m.k_first) as k_first, min(m.v_first) as v_first
    from roots rt join residents m on m.id = rt.id
    group by rt.ward_code, rt.root
  ),
  people as (
    select r.ward_code, r.id, r.group_id, r.sex, r.birth_year, r.birth_date, wl.adult_age,
      case when mp.root is null then r.k_first else least(r.k_first, mp.k_first) end as k_first,
      case when mp.root is null then r.v_first else least(r.v_first, mp.v_first) end as v_first
    from residents r
    join ward_list wl using (ward_code)
    join groups g on g.ward_code = r.ward_code and g.id = r.group_id and not g.deleted
    left join merged_progress mp on mp.ward_code = r.ward_code and mp.root = r.id
    where not r.deleted and (r.merged_into is null or r.merged_into = r.id)
      and r.birth_year is not null and r.sex in ('female', 'male')
  )`;

/** Age on $2 like ageOn: the year difference, minus one before the birthday when the date is known. */
const AGE = `(substr($2, 1, 4)::int - birth_year
  - case when birth_date is not null and substr($2, 6) < substr(birth_date, 6) then 1 else 0 end)`;

/**
 * The day a person became adult, as a comparable YYYY-MM-DD text ('2026-02-29' for a leap-day birth in a
 * common year: ageOn compares month-day text the same way, so it counts from 1 March).
 */
const ADULT_FROM = `lpad((birth_year + adult_age)::text, 4, '0') || coalesce(substr(birth_date, 5), '-01-01')`;

/**
 * ONE scan of the people for both the tally cells and the trend (B7: the scan is the cost), as grouping
 * sets: (ward, group, sex, band) for adults on $2; (ward, group, a_day), (ward, k_day), (ward, v_day) for
 * the trend when $3 (its first day) is given — each person's day of becoming adult and of starting to
 * count for K and V (the later of that and their first completion), days ≤ $3 folded into $3.
 */
const SCAN_SQL = `${PEOPLE},
  aged as (
    select ward_code, group_id, sex, k_first, v_first, adult_age, ${AGE} as age, ${ADULT_FROM} as a
    from people
  ),
  keyed as (
    select ward_code, group_id, sex, k_first, v_first,
      case when age < adult_age then null when age <= 35 then '18-35' when age <= 59 then '36-59'
        else '60+' end as band,
      case when $3::text is not null and a <= $2 then greatest(a, $3::text) end as a_day,
      case when $3::text is not null and k_first is not null and greatest(a, k_first) <= $2
        then greatest(a, k_first, $3::text) end as k_day,
      case when $3::text is not null and v_first is not null and greatest(a, v_first) <= $2
        then greatest(a, v_first, $3::text) end as v_day
    from aged
  )
  select grouping(sex) as gs, grouping(a_day) as ga, grouping(k_day) as gk, grouping(v_day) as gv,
    ward_code, group_id, sex, band, a_day, k_day, v_day,
    count(*)::int as n,
    count(*) filter (where k_first <= $2)::int as k,
    count(*) filter (where v_first <= $2)::int as v
  from keyed
  group by grouping sets ((ward_code, group_id, sex, band), (ward_code, group_id, a_day), (ward_code, k_day),
    (ward_code, v_day))`;

const DRIFT_SQL = `
  select count(*)::int as n
  from residents r left join ward_progress($1) p on p.rid = r.id
  where r.ward_code = $1 and (r.k_first, r.v_first) is distinct from (p.k, p.v)`;

const ROSTER_SQL = `${PEOPLE}
  select p.id, r.doc, ${AGE.replaceAll('birth_', 'p.birth_')} as age, p.adult_age, p.k_first, p.v_first,
    (select count(*)::int from residents m
      where m.ward_code = p.ward_code and m.merged_into = p.id and not m.deleted) as merged_records
  from people p join residents r on r.id = p.id
  where p.group_id = $3`;

/** For EXPLAIN in benchmarks only. */
export const __SQL = {
  get SCAN_SQL() {
    return SCAN_SQL;
  },
};

const BANDS = new Set<string>(['18-35', '36-59', '60+']);

export function createCoverageStore(db: Db | Queryable): CoverageStore {
  /** Runs SCAN_SQL; the trend is empty without `from`. */
  async function scan(wardCodes: readonly string[], date: string, from: string | null) {
    const cells: CoverageCell[] = [];
    const trend: TrendCounts = { a: [], k: [], v: [] };
    if (wardCodes.length === 0) return { cells, trend };
    const rows = await db.query(SCAN_SQL, [[...wardCodes], date, from]);
    for (const row of rows) {
      if (int(row, 'gs') === 0) {
        if (row['band'] == null) continue; // not adult on the date
        const band = str(row, 'band');
        const sex = str(row, 'sex');
        if (!BANDS.has(band) || (sex !== 'female' && sex !== 'male')) {
          throw new Error(`coverage: unexpected cell ${band}/${sex}`);
        }
        cells.push({
          wardCode: str(row, 'ward_code'),
          groupId: str(row, 'group_id'),
          band: band as AgeBand,
          sex,
          adults: int(row, 'n'),
          k: int(row, 'k'),
          v: int(row, 'v'),
        });
      } else if (int(row, 'ga') === 0) {
        if (row['a_day'] != null) {
          trend.a.push({ groupId: str(row, 'group_id'), day: str(row, 'a_day'), n: int(row, 'n') });
        }
      } else if (int(row, 'gk') === 0) {
        if (row['k_day'] != null) trend.k.push({ day: str(row, 'k_day'), n: int(row, 'n') });
      } else if (int(row, 'gv') === 0) {
        if (row['v_day'] != null) trend.v.push({ day: str(row, 'v_day'), n: int(row, 'n') });
      }
    }
    return { cells, trend };
  }

  return {
    async coverageCells(wardCodes, date) {
      return (await scan(wardCodes, date, null)).cells;
    },

    async coverageTrend(wardCode, from, date) {
      return (await scan([wardCode], date, from)).trend;
    },

    async coverageScan(wardCode, date, from) {
      return scan([wardCode], date, from);
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
