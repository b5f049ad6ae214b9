// The SQL of coverage (docs/ward.md "Coverage in SQL"): per ward, per residential group, age band and sex,
// the adults on a date and how many of them count for K and V, after following duplicate merges; and the
// dates the trend needs. Must count exactly what src/shared/coverage.ts counts (the randomised test
// tests/server/coverage-sql.test.ts compares them on generated wards).
import {
  DEFAULT_ADULT_AGE,
  personIdOf,
  wardSettingsSchema,
  type AgeBand,
  type PlainDoc,
  type ResidentStatus,
  type Sex,
} from '../../shared';
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
 * Trend counts of one ward at given days (each ≤ the reporting date), per group: the people adult on that
 * day (`a`, for registered-adult denominators) and those counting for K and V on that day.
 * Index i of each array is the i-th day asked for.
 */
export interface TrendCounts {
  days: string[];
  a: Map<string, number[]>;
  /** Per group too: the caller sums the live groups (people of a deleted group do not count). */
  k: Map<string, number[]>;
  v: Map<string, number[]>;
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
  /** Cells and trend of one ward in one scan (what the coverage answer uses). */
  coverageScan(
    wardCode: string,
    date: string,
    days: readonly string[],
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

type ScanPart = 'cells' | 'trend';

/**
 * ONE pass over the live, processed (registration consent in force) residents of the wards ($1, with adult ages $2) that stand for themselves, with
 * their own K/V days, adults on the day $3 only. No join at all, so it is one covering-index scan (B7):
 * groups are filtered after counting (a person of a deleted group is counted under that group and dropped
 * by the caller), and the few people with records merged into them are corrected afterwards in
 * TypeScript (correctForMerges: their earliest days over all their records, chains followed with
 * personIdOf — docs/ward.md).
 * - cells: (ward, group, sex, band) with adults, K and V on $3;
 * - trend: (ward, group, bucket) of the day each person became adult, started counting for K, for V:
 *   width_bucket(x, [d1+1, …, dn+1]) = how many trend days are before x; x counts from the next day on.
 * The trend days are integers made here from validated dates (never request text): written into the
 * statement as constants. Integer comparisons only.
 */
function scanSql(days: readonly number[], part: ScanPart, oneWard: boolean): string {
  for (const d of days) if (!Number.isSafeInteger(d)) throw new Error(`coverage: bad trend day ${d}`);
  const bucket = (x: string) =>
    days.length === 0 ? 'null::int' : `width_bucket(${x}, array[${days.map((d) => d + 1).join(',')}])`;
  const age = `($3 / 10000 - r.birth_year
    - case when r.birth_mmdd is not null and $3 % 10000 < r.birth_mmdd then 1 else 0 end)`;
  // One ward: plain parameters and no join, so PostgreSQL may scan the covering index in parallel.
  // Several (a province): the wards and their adult ages as arrays.
  const from = oneWard
    ? `from residents r where r.ward_code = $1::text and`
    : `from unnest($1::text[], $2::int[]) as w (code, adult_age)
    join residents r on r.ward_code = w.code where`;
  const peopleSql = `
    select r.ward_code, r.group_id, r.sex,
      r.k_first, r.v_first,
      -- the day they become adult, YYYYMMDD (a leap-day birth gives …0229 in a common year, which sorts
      -- like ageOn's month-day comparison: from 1 March); adult on day d ⟺ a ≤ d
      (r.birth_year + ${oneWard ? '$2::int' : 'w.adult_age'}) * 10000 + coalesce(r.birth_mmdd, 101) as a,
      (${age} > 35)::int + (${age} > 59)::int as band
    ${from} not r.deleted and not r.registration_withdrawn and (r.merged_into is null or r.merged_into = r.id)
      and r.birth_year is not null and r.sex in ('female', 'male')`;
  if (part === 'cells') {
    return `select ward_code, group_id, sex, band, count(*)::int as n,
        count(*) filter (where k_first <= $3)::int as k,
        count(*) filter (where v_first <= $3)::int as v
      from (${peopleSql}) p
      where a <= $3
      group by 1, 2, 3, 4`;
  }
  // A plain group by (not grouping sets), so it can aggregate in parallel: the caller sums per measure.
  return `select ward_code, group_id, ab, kb, vb, count(*)::int as n
    from (
      select ward_code, group_id, ${bucket('a')} as ab,
        ${bucket('greatest(a, k_first) + k_first * 0')} as kb,
        ${bucket('greatest(a, v_first) + v_first * 0')} as vb
      from (${peopleSql}) p
      where a <= $3
    ) b
    group by 1, 2, 3, 4, 5`;
}

/**
 * The live, processed merged records of the wards, with their own K/V days (for the roots they fold
 * into). A record whose registration consent is withdrawn counts like a deleted one: its merge is not
 * followed, and records merged into it fold into a root that is not counted (isProcessed in
 * src/shared/coverage.ts).
 */
const MERGED_SQL = `select ward_code, id, merged_into, k_first, v_first from residents
  where ward_code = any($1::text[]) and not deleted and not registration_withdrawn and merged_into is not null`;

/** The people (live, processed, standing for themselves, countable) among these ids: the roots of merges. */
const ROOTS_SQL = `select ward_code, id, group_id, sex, birth_year, birth_mmdd, k_first, v_first from residents
  where ward_code = any($1::text[]) and id = any($2::text[]) and not deleted and not registration_withdrawn
    and (merged_into is null or merged_into = id) and birth_year is not null and sex in ('female', 'male')`;

/** The wards' stored settings (the adult age is read the way getWardSettings reads it). */
const SETTINGS_SQL = 'select code, settings from wards where code = any($1::text[])';

/** Statements by their days (a ward's dashboard asks for the same days all day long). */
const SCAN_SQL = new Map<string, string>();
const scanSqlFor = (days: readonly number[], part: ScanPart, oneWard: boolean) => {
  const key = `${part}:${oneWard}:${days.join(',')}`;
  let sql = SCAN_SQL.get(key);
  if (sql === undefined) {
    if (SCAN_SQL.size > 100) SCAN_SQL.clear();
    SCAN_SQL.set(key, (sql = scanSql(days, part, oneWard)));
  }
  return sql;
};

/** 'YYYY-MM-DD' ⇄ YYYYMMDD. */
export const dayNumber = (day: string): number => Number(day.replaceAll('-', ''));
const dayText = (n: number): string => {
  const s = String(n).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}`;
};

const DRIFT_SQL = `
  select count(*)::int as n
  from residents r left join ward_progress($1) p on p.rid = r.id
  where r.ward_code = $1 and (r.k_first, r.v_first) is distinct from (p.k, p.v)`;

/** One group's people (live, processed, standing for themselves, countable), for the roster. */
const ROSTER_SQL = `select r.id, r.doc, r.birth_year, r.birth_mmdd, r.k_first, r.v_first
  from residents r join groups g on g.ward_code = r.ward_code and g.id = r.group_id and not g.deleted
  where r.ward_code = $1 and r.group_id = $2 and not r.deleted and not r.registration_withdrawn
    and (r.merged_into is null or r.merged_into = r.id)
    and r.birth_year is not null and r.sex in ('female', 'male')`;

/** For EXPLAIN in benchmarks only. */
export const __SQL = { scanSql };

const BAND_OF: readonly AgeBand[] = ['18-35', '36-59', '60+'];

/** Age on a YYYYMMDD day like ageOn (the SQL's own formula): one less before the birthday when known. */
const ageOnDay = (day: number, birthYear: number, mmdd: number | null) =>
  Math.floor(day / 10000) - birthYear - (mmdd !== null && day % 10000 < mmdd ? 1 : 0);

const minOf = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.min(x, y));

/** The adult age of stored settings, or the default when none (or unreadable ones) are stored. */
function adultAgeOf(value: unknown): number {
  const parsed = wardSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data.adultAge : DEFAULT_ADULT_AGE;
}

/**
 * Each root's earliest K/V days over the live records merged into it, per ward, following merge chains
 * exactly as the shared coverage does (personIdOf over the live records' mergedInto).
 */
function foldMerges(
  rows: readonly Record<string, unknown>[],
): { root: string; k: number | null; v: number | null }[] {
  const byWard = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const list = byWard.get(str(row, 'ward_code')) ?? [];
    list.push(row);
    byWard.set(str(row, 'ward_code'), list);
  }
  const out = new Map<string, { root: string; k: number | null; v: number | null }>();
  const least = (x: number | null, y: unknown) =>
    y == null ? x : x === null ? Number(y) : Math.min(x, Number(y));
  for (const list of byWard.values()) {
    const map = new Map(list.map((row) => [str(row, 'id'), str(row, 'merged_into')]));
    for (const row of list) {
      const id = str(row, 'id');
      const root = personIdOf(id, map);
      if (root === id) continue; // stands for itself (a self-merge): counted as a person already
      const held = out.get(root) ?? { root, k: null, v: null };
      held.k = least(held.k, row['k_first']);
      held.v = least(held.v, row['v_first']);
      out.set(root, held);
    }
  }
  return [...out.values()];
}

export function createCoverageStore(db: Db | Queryable): CoverageStore {
  /** Cells (and the trend's counts when `days` are given) of the wards on `date`. */
  async function scan(wardCodes: readonly string[], date: string, days: readonly string[]) {
    const cells: CoverageCell[] = [];
    const trend: TrendCounts = {
      days: [...days],
      a: new Map(),
      k: new Map(),
      v: new Map(),
    };
    if (wardCodes.length === 0) return { cells, trend };
    const wards = [...wardCodes];
    const [settingsRows, mergedRows] = await Promise.all([
      db.query(SETTINGS_SQL, [wards]),
      db.query(MERGED_SQL, [wards]),
    ]);
    const adultAge = new Map(settingsRows.map((row) => [str(row, 'code'), adultAgeOf(row['settings'])]));
    const folded = foldMerges(mergedRows);
    const numbers = days.map(dayNumber);
    const ages = wards.map((w) => adultAge.get(w) ?? DEFAULT_ADULT_AGE);
    const params = [
      wards.length === 1 ? wards[0] : wards,
      wards.length === 1 ? ages[0] : ages,
      dayNumber(date),
    ];
    // Cells and trend as two statements at once: on PostgreSQL each runs on its own connection (and
    // core); PGlite runs them one after the other.
    const [cellRows, trendRows] = await Promise.all([
      db.query(scanSqlFor(numbers, 'cells', wards.length === 1), params),
      days.length === 0
        ? Promise.resolve([])
        : db.query(scanSqlFor(numbers, 'trend', wards.length === 1), params),
    ]);
    for (const row of cellRows) {
      const band = BAND_OF[int(row, 'band')];
      const sex = str(row, 'sex');
      if (band === undefined || (sex !== 'female' && sex !== 'male')) {
        throw new Error(`coverage: unexpected cell ${String(row['band'])}/${sex}`);
      }
      cells.push({
        wardCode: str(row, 'ward_code'),
        groupId: str(row, 'group_id'),
        band,
        sex,
        adults: int(row, 'n'),
        k: int(row, 'k'),
        v: int(row, 'v'),
      });
    }
    /** Adds n to every trend day from the one after `before` trend days on. */
    const addFrom = (into: Map<string, number[]>, groupId: string, before: unknown, n: number) => {
      if (before == null) return;
      let counts = into.get(groupId);
      if (counts === undefined) into.set(groupId, (counts = days.map(() => 0)));
      for (let i = Number(before); i < counts.length; i += 1) counts[i]! += n;
    };
    for (const row of trendRows) {
      const groupId = str(row, 'group_id');
      const n = int(row, 'n');
      addFrom(trend.a, groupId, row['ab'], n);
      addFrom(trend.k, groupId, row['kb'], n);
      addFrom(trend.v, groupId, row['vb'], n);
    }
    // The people with records merged into them: count them with their earliest days over all records.
    if (folded.length > 0) {
      const roots = await db.query(ROOTS_SQL, [wards, folded.map((f) => f.root)]);
      const extra = new Map(folded.map((f) => [f.root, f]));
      const day = dayNumber(date);
      const cellOf = new Map(cells.map((c) => [`${c.wardCode}\n${c.groupId}\n${c.sex}\n${c.band}`, c]));
      for (const row of roots) {
        const ward = str(row, 'ward_code');
        const groupId = str(row, 'group_id');
        const by = int(row, 'birth_year');
        const mmdd = row['birth_mmdd'] == null ? null : Number(row['birth_mmdd']);
        const a = (by + (adultAge.get(ward) ?? DEFAULT_ADULT_AGE)) * 10000 + (mmdd ?? 101);
        if (a > day) continue; // not adult on the date: in no cell, no trend count
        const age = ageOnDay(day, by, mmdd);
        const band = BAND_OF[(age > 35 ? 1 : 0) + (age > 59 ? 1 : 0)]!;
        const sex = str(row, 'sex');
        const ownK = row['k_first'] == null ? null : Number(row['k_first']);
        const ownV = row['v_first'] == null ? null : Number(row['v_first']);
        const f = extra.get(str(row, 'id'))!;
        const k = minOf(ownK, f.k);
        const v = minOf(ownV, f.v);
        const cell = cellOf.get(`${ward}\n${groupId}\n${sex}\n${band}`);
        if (cell === undefined) throw new Error('coverage: a merged person missing from the tally');
        cell.k += (k !== null && k <= day ? 1 : 0) - (ownK !== null && ownK <= day ? 1 : 0);
        cell.v += (v !== null && v <= day ? 1 : 0) - (ownV !== null && ownV <= day ? 1 : 0);
        if (days.length > 0) {
          const bucketOf = (x: number | null) => (x === null ? null : numbers.filter((d) => d < x).length);
          addFrom(trend.k, groupId, bucketOf(ownK === null ? null : Math.max(a, ownK)), -1);
          addFrom(trend.k, groupId, bucketOf(k === null ? null : Math.max(a, k)), 1);
          addFrom(trend.v, groupId, bucketOf(ownV === null ? null : Math.max(a, ownV)), -1);
          addFrom(trend.v, groupId, bucketOf(v === null ? null : Math.max(a, v)), 1);
        }
      }
    }
    return { cells, trend };
  }

  return {
    async coverageCells(wardCodes, date) {
      return (await scan(wardCodes, date, [])).cells;
    },

    async coverageScan(wardCode, date, days) {
      return scan([wardCode], date, days);
    },

    async groupRoster(wardCode, groupId, date) {
      const [rows, settingsRows, mergedRows] = await Promise.all([
        db.query(ROSTER_SQL, [wardCode, groupId]),
        db.query(SETTINGS_SQL, [[wardCode]]),
        db.query(MERGED_SQL, [[wardCode]]),
      ]);
      const adultAge = adultAgeOf(settingsRows[0]?.['settings']);
      // Merged records count for the person they fold into, exactly as in coverage.
      const folded = new Map(foldMerges(mergedRows).map((f) => [f.root, f]));
      const direct = new Map<string, number>();
      for (const row of mergedRows) {
        const into = str(row, 'merged_into');
        if (into !== str(row, 'id')) direct.set(into, (direct.get(into) ?? 0) + 1);
      }
      const on = dayNumber(date);
      const dayOf = (value: number | null) => (value === null || value > on ? null : dayText(value));
      const num = (value: unknown) => (value == null ? null : Number(value));
      const people = rows.map((row): RosterPerson => {
        const id = str(row, 'id');
        const age = ageOnDay(on, int(row, 'birth_year'), num(row['birth_mmdd']));
        const f = folded.get(id);
        const kFirst = dayOf(minOf(num(row['k_first']), f?.k ?? null));
        const vFirst = dayOf(minOf(num(row['v_first']), f?.v ?? null));
        return {
          id,
          doc: doc(row, 'doc'),
          age,
          adult: age >= adultAge,
          status: vFirst !== null ? 'confirmed' : kFirst !== null ? 'trained' : 'not_reached',
          kFirst,
          vFirst,
          mergedRecords: direct.get(id) ?? 0,
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
