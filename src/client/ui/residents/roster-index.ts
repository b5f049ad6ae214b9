// The roster's search, order and filters as a pure index: built once per data change (search keys,
// status, age band and the Vietnamese list order precomputed), then each keystroke is one linear scan
// over plain strings — 10,000 residents on a slow phone must answer well inside a frame.
import {
  ageBand,
  ageOn,
  givenName,
  isProcessed,
  searchKey,
  statusOf,
  type AgeBand,
  type Progress,
  type Resident,
  type ResidentStatus,
} from '../../../shared';

/** The adult bands, plus people under the adult age (registered, but not the campaign's audience). */
export type RosterBand = AgeBand | 'under18';
export const ROSTER_BANDS: readonly RosterBand[] = ['18-35', '36-59', '60+', 'under18'];
export const ROSTER_STATUSES: readonly ResidentStatus[] = ['not_reached', 'trained', 'confirmed'];

export interface RosterRow {
  id: string;
  fullName: string;
  birthYear: number;
  groupId: string;
  status: ResidentStatus;
  /** The registration consent is withdrawn: listed with a badge, not counted, in no status filter. */
  withdrawn: boolean;
  age: number;
  band: RosterBand;
}

export interface RosterIndex {
  /** Rows in Vietnamese list order (given name, then family and middle names). */
  rows: readonly RosterRow[];
  /** searchKey(fullName) per row, same positions as rows. */
  keys: readonly string[];
  /** ' ' + key: a word prefix p matches when spaced includes ' ' + p. */
  spaced: readonly string[];
  /** Residents per group, for "12 / 240 người" within one group. */
  perGroup: ReadonlyMap<string, number>;
  date: string;
}

export interface RosterQuery {
  text: string;
  groupId?: string | undefined;
  status?: ResidentStatus | undefined;
  band?: RosterBand | undefined;
}

export interface RosterResult {
  /** The first `limit` matches, in list order. */
  rows: RosterRow[];
  /** How many match in all. */
  total: number;
  /** How many are in scope before text, status and band (the chosen group, or everyone). */
  scope: number;
}

export const ROSTER_PAGE = 25;

// The same collator as shared/names.ts compareVietnameseNames (that order is the definition; a test
// checks this index sorts exactly like it).
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Rank of each distinct value in collator order; values the collator finds equal share a rank. */
function ranksOf(values: readonly string[]): Map<string, number> {
  const distinct = [...new Set(values)].sort(collator.compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  distinct.forEach((value, i) => {
    if (i > 0 && collator.compare(distinct[i - 1]!, value) !== 0) rank += 1;
    ranks.set(value, rank);
  });
  return ranks;
}

interface NameParts {
  given: string;
  rest: string;
  full: string;
  key: string;
}

// Derived strings per distinct name, kept across rebuilds: a sync batch or one save re-delivers every
// resident, and only names not seen before need the Unicode work again. Bounded, and only a cache.
const NAME_CACHE_MAX = 100_000;
const nameCache = new Map<string, NameParts>();

function partsOf(fullName: string): NameParts {
  let parts = nameCache.get(fullName);
  if (parts === undefined) {
    if (nameCache.size >= NAME_CACHE_MAX) nameCache.clear();
    parts = { ...givenName(fullName), full: fullName.normalize('NFC'), key: searchKey(fullName) };
    nameCache.set(fullName, parts);
  }
  return parts;
}

/**
 * Builds the index for the residents on `date` (YYYY-MM-DD). Sorting compares small integers (each
 * distinct given name and rest of the name is ranked once with Intl.Collator), not strings per pair.
 */
export function buildRosterIndex(
  residents: readonly Resident[],
  progress: ReadonlyMap<string, Progress>,
  date: string,
  adultAge = 18,
): RosterIndex {
  const parts = residents.map((r) => partsOf(r.fullName));
  const givenRank = ranksOf(parts.map((p) => p.given));
  const restRank = ranksOf(parts.map((p) => p.rest));
  const order = residents.map((r, i) => ({
    i,
    id: r.id,
    g: givenRank.get(parts[i]!.given)!,
    r: restRank.get(parts[i]!.rest)!,
  }));
  // Ties on both ranks are namesakes (or spacing variants): only they need the full-name comparison.
  order.sort(
    (a, b) =>
      a.g - b.g ||
      a.r - b.r ||
      collator.compare(parts[a.i]!.full, parts[b.i]!.full) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

  const rows: RosterRow[] = [];
  const keys: string[] = [];
  const spaced: string[] = [];
  const perGroup = new Map<string, number>();
  for (const { i } of order) {
    const r = residents[i]!;
    const age = ageOn(r, date);
    rows.push({
      id: r.id,
      fullName: r.fullName,
      birthYear: r.birthYear,
      groupId: r.groupId,
      status: statusOf(progress.get(r.id)),
      withdrawn: !isProcessed(r),
      age,
      band: age < adultAge ? 'under18' : ageBand(age),
    });
    const { key } = parts[i]!;
    keys.push(key);
    spaced.push(` ${key}`);
    perGroup.set(r.groupId, (perGroup.get(r.groupId) ?? 0) + 1);
  }
  return { rows, keys, spaced, perGroup, date };
}

/**
 * The residents matching the query, in list order. Text matching is shared/names.ts nameMatches:
 * the whole query inside the name, or every query word starting a word of the name — ignoring case and
 * diacritics (đ ≈ d), so "nguyen van a", "Nguyễn Văn A" and "NGUYEN" all find Nguyễn Văn An.
 */
export function queryRoster(index: RosterIndex, query: RosterQuery, limit = ROSTER_PAGE): RosterResult {
  const q = searchKey(query.text);
  // One word: "inside the name" already covers "starts a word"; several: also try each word separately.
  const prefixes = q.includes(' ') ? q.split(' ').map((word) => ` ${word}`) : [];
  const { rows, keys, spaced } = index;
  const { groupId, status, band } = query;
  const out: RosterRow[] = [];
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (groupId && row.groupId !== groupId) continue;
    if (status && (row.withdrawn || row.status !== status)) continue;
    if (band && row.band !== band) continue;
    if (q !== '' && !keys[i]!.includes(q) && (prefixes.length === 0 || !everyIn(prefixes, spaced[i]!)))
      continue;
    total += 1;
    if (out.length < limit) out.push(row);
  }
  const scope = groupId ? (index.perGroup.get(groupId) ?? 0) : rows.length;
  return { rows: out, total, scope };
}

function everyIn(parts: readonly string[], text: string): boolean {
  for (const part of parts) if (!text.includes(part)) return false;
  return true;
}
