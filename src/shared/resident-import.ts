// Import of a resident list from the ward officer's own Excel or CSV file (pure part): the wire shapes of
// POST /v1/wards/:ward/residents/import, header guessing (with or without diacritics, any case, NFD),
// cell parsing (dates dd/mm/yyyy, d/m/yy, ISO, Excel serials; sex words; phone numbers as the phone app
// cleans them; last 4 digits of the citizen ID), group names → group ids, row → resident + errors, and
// each row's status (new / existing / invalid, duplicates inside the file). Reading the file and making
// the ids (SHA-256) is the server's (src/server/ward/resident-import.ts).
import { z } from 'zod/mini';
import { CURRENT_CONSENT_WORDING } from './consent';
import { duplicateKey, normaliseText, searchKey } from './names';
import { groupIdSchema, isRealDate, uuidSchema } from './schemas/common';
import type { ResidentialGroup } from './schemas/group';
import { residentSchema, type Consent, type Resident, type Sex } from './schemas/resident';

/** The file itself (decoded): 10 MB. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** Its base64 text in the body (4/3 of the bytes, with room). */
export const IMPORT_MAX_BASE64 = Math.ceil(IMPORT_MAX_BYTES / 3) * 4 + 8;
/** Data rows (below the header row, not empty). */
export const IMPORT_MAX_ROWS = 20_000;
export const IMPORT_MAX_COLUMNS = 200;
/** The header row is looked for in the first rows only (a title may sit above it). */
export const IMPORT_HEADER_SCAN = 30;
/** Residents per writeRecords call. */
export const IMPORT_WRITE_CHUNK = 500;
/** The officer confirms paper consent forms kept at the ward: the written method. */
export const IMPORT_CONSENT_METHOD: Consent['method'] = 'signed';

/** What the officer maps a column to ("không dùng" = null). */
export const IMPORT_FIELDS = [
  'fullName',
  'birthYear',
  'birthDate',
  'sex',
  'group',
  'phone',
  'citizenIdLast4',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type ImportMapping = Record<ImportField, number | null>;

export const IMPORT_ROW_STATUSES = ['new', 'existing', 'invalid'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

/**
 * File-level problems. The server's error message starts with `[import:<problem>]` so the screen can
 * say it in Vietnamese (the error body stays the one `{ error: { code, message } }` shape).
 */
export const IMPORT_PROBLEMS = [
  'tooLarge',
  'tooManyRows',
  'unreadable',
  'oldExcel',
  'notUtf8',
  'empty',
  'mappingMissing',
  'consentRequired',
  'unknownGroup',
] as const;
export type ImportProblem = (typeof IMPORT_PROBLEMS)[number];

export function importProblemMessage(problem: ImportProblem, message: string): string {
  return `[import:${problem}] ${message}`;
}

export function importProblemOf(message: string): ImportProblem | undefined {
  const found = /^\[import:(\w+)\]/.exec(message)?.[1];
  return IMPORT_PROBLEMS.find((p) => p === found);
}

// ---------------------------------------------------------------------------------------------------
// Wire shapes

const columnSchema = z.nullable(z.int().check(z.gte(0), z.lt(IMPORT_MAX_COLUMNS)));

export const importMappingSchema = z.strictObject({
  fullName: z.optional(columnSchema),
  birthYear: z.optional(columnSchema),
  birthDate: z.optional(columnSchema),
  sex: z.optional(columnSchema),
  group: z.optional(columnSchema),
  phone: z.optional(columnSchema),
  citizenIdLast4: z.optional(columnSchema),
});

export const residentImportBodySchema = z.strictObject({
  filename: z.string().check(z.minLength(1), z.maxLength(255)),
  contentBase64: z
    .string()
    .check(z.maxLength(IMPORT_MAX_BASE64), z.regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'not base64' })),
  /** The officer's choice; without it the guess from the headers. A field left out = not used. */
  mapping: z.optional(importMappingSchema),
  /** The header row (1-based, as Excel numbers rows); without it the guessed one. */
  headerRow: z.optional(z.int().check(z.gte(1), z.lte(IMPORT_HEADER_SCAN))),
  /** The group of rows whose group cell is empty (or of every row when no group column is used). */
  groupId: z.optional(groupIdSchema),
  commit: z.boolean(),
  /** "Những người trong danh sách đã đồng ý cho đăng ký": required to commit. */
  consentConfirmed: z.optional(z.boolean()),
  /** They also agreed that their phone number is kept; without it phone numbers are not stored. */
  contactConsentConfirmed: z.optional(z.boolean()),
});
export type ResidentImportBody = z.infer<typeof residentImportBodySchema>;

const count = z.int().check(z.gte(0));

export const importRowErrorSchema = z.object({
  field: z.enum([...IMPORT_FIELDS, 'row']),
  /** A message key: shown as `import.error.<key>` (else `validation.<key>`), e.g. birthYear.invalid. */
  key: z.string(),
  /** What the message names: the group as written, the first row of a duplicate. */
  value: z.optional(z.string()),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const importRowViewSchema = z.object({
  /** The row's number in the file (as Excel shows it; CSV: the line). */
  row: z.int(),
  status: z.enum(IMPORT_ROW_STATUSES),
  fullName: z.optional(z.string()),
  birthYear: z.optional(z.int()),
  groupId: z.optional(z.string()),
  /** new: the id it gets; existing: the record already in the ward. */
  id: z.optional(uuidSchema),
  errors: z.array(importRowErrorSchema),
});
export type ImportRowView = z.infer<typeof importRowViewSchema>;

export const residentImportResponseSchema = z.object({
  /** Header texts of the header row, one per column (empty string for an empty header cell). */
  columns: z.array(z.string()),
  /** 1-based; when no header row was recognised, the first row that is not empty. */
  headerRow: z.int(),
  /** False when no row looked like a header (the mapping is then the officer's to make). */
  headerFound: z.boolean(),
  mapping: z.object({
    fullName: columnSchema,
    birthYear: columnSchema,
    birthDate: columnSchema,
    sex: columnSchema,
    group: columnSchema,
    phone: columnSchema,
    citizenIdLast4: columnSchema,
  }),
  /** Required fields with no column (birthYear stands for "year or date of birth"). */
  missing: z.array(z.enum(IMPORT_FIELDS)),
  rows: z.array(importRowViewSchema),
  summary: z.object({ total: count, new: count, existing: count, invalid: count, written: count }),
  /** The consent the commit records for every new resident (and contact consent for those with a phone). */
  consent: z.object({
    required: z.literal('registration'),
    method: z.enum(['verbal', 'signed']),
    wordingVersion: z.string(),
    askedBy: z.string(),
    date: z.string(),
  }),
  /** Rows that would be written with a phone number (only with contactConsentConfirmed). */
  phones: count,
});
export type ResidentImportResponse = z.infer<typeof residentImportResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Headers

/** Header or word key: no diacritics, lower-case, punctuation as spaces: "Họ và tên (*)" → "ho va ten". */
export function headerKey(text: string): string {
  return searchKey(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const HEADER_ALIASES: Record<ImportField, readonly string[]> = {
  fullName: ['ho va ten', 'ho ten', 'ho va ten nguoi dan', 'ho ten nguoi dan', 'ten', 'full name', 'name'],
  birthYear: ['nam sinh', 'year of birth', 'birth year'],
  birthDate: [
    'ngay sinh',
    'ngay thang nam sinh',
    'ngay thang nam',
    'sinh ngay',
    'date of birth',
    'birth date',
    'dob',
  ],
  sex: ['gioi tinh', 'gioi', 'phai', 'nam nu', 'gender', 'sex'],
  group: [
    'to',
    'to dan pho',
    'to so',
    'tdp',
    'thon',
    'ap',
    'ban',
    'khu pho',
    'to thon',
    'thon to',
    'to dan pho thon',
    'thon to dan pho',
    'group',
  ],
  phone: ['so dien thoai', 'dien thoai', 'sdt', 'so dt', 'dt', 'dtdd', 'phone', 'phone number', 'mobile'],
  citizenIdLast4: [
    '4 so cuoi cccd',
    'bon so cuoi cccd',
    '4 so cuoi',
    '4 so cuoi can cuoc',
    '4 so cuoi cua cccd',
    'cccd 4 so cuoi',
    'cccd',
    'so cccd',
    'can cuoc cong dan',
    'so can cuoc',
    'so can cuoc cong dan',
    'so dinh danh',
  ],
};

/** The field a header names: 2 = exactly an alias, 1 = starts with a multi-word alias ("Năm sinh (yyyy)"). */
function headerMatch(text: string): { field: ImportField; score: 1 | 2 } | undefined {
  const key = headerKey(text);
  if (key === '') return undefined;
  let prefix: ImportField | undefined;
  for (const field of IMPORT_FIELDS) {
    for (const alias of HEADER_ALIASES[field]) {
      if (key === alias) return { field, score: 2 };
      if (prefix === undefined && alias.includes(' ') && key.startsWith(`${alias} `)) prefix = field;
    }
  }
  return prefix === undefined ? undefined : { field: prefix, score: 1 };
}

export const EMPTY_MAPPING: ImportMapping = {
  fullName: null,
  birthYear: null,
  birthDate: null,
  sex: null,
  group: null,
  phone: null,
  citizenIdLast4: null,
};

/** Each field's column guessed from a header row: exact names before prefixes, the first column wins. */
export function guessMapping(headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = { ...EMPTY_MAPPING };
  for (const score of [2, 1] as const) {
    headers.forEach((header, column) => {
      const match = headerMatch(header);
      if (match === undefined || match.score !== score || mapping[match.field] !== null) return;
      if (Object.values(mapping).includes(column)) return;
      mapping[match.field] = column;
    });
  }
  return mapping;
}

/** One row of the sheet: its number in the file and its cells. */
export interface SheetRow {
  row: number;
  cells: readonly ImportCell[];
}

/** A cell as read: text, a number, a date (an Excel date cell), a boolean, or nothing. */
export type ImportCell = string | number | boolean | Date | null;

/**
 * The header row among the first IMPORT_HEADER_SCAN rows: the one naming the most fields (at least two,
 * the full name among them); the earliest on a tie. undefined when none does.
 */
export function guessHeaderRow(rows: readonly SheetRow[]): SheetRow | undefined {
  let best: { row: SheetRow; score: number } | undefined;
  for (const row of rows.slice(0, IMPORT_HEADER_SCAN)) {
    const mapping = guessMapping(row.cells.map(cellText));
    const score = IMPORT_FIELDS.filter((f) => mapping[f] !== null).length;
    if (mapping.fullName === null || score < 2) continue;
    if (best === undefined || score > best.score) best = { row, score };
  }
  return best?.row;
}

/** Required fields the mapping leaves without a column. */
export function missingFields(mapping: ImportMapping, hasDefaultGroup: boolean): ImportField[] {
  const missing: ImportField[] = [];
  if (mapping.fullName === null) missing.push('fullName');
  if (mapping.birthYear === null && mapping.birthDate === null) missing.push('birthYear');
  if (mapping.sex === null) missing.push('sex');
  if (mapping.group === null && !hasDefaultGroup) missing.push('group');
  return missing;
}

// ---------------------------------------------------------------------------------------------------
// Cells

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An Excel date cell (exceljs: a UTC Date) as YYYY-MM-DD; rounding absorbs float noise in the time. */
function dateCellIso(date: Date): string | undefined {
  const time = date.getTime();
  if (Number.isNaN(time)) return undefined;
  return new Date(Math.round(time / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}

/** An Excel serial day number (1900 date system) as YYYY-MM-DD. */
export function excelSerialDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return undefined;
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** A cell as the text a person reads: NFC, single spaces; a date cell as dd/mm/yyyy. */
export function cellText(cell: ImportCell | undefined): string {
  if (cell === null || cell === undefined || typeof cell === 'boolean') return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (cell instanceof Date) {
    const iso = dateCellIso(cell);
    return iso === undefined ? '' : iso.split('-').reverse().join('/');
  }
  return normaliseText(cell.replace(/^'/, ''));
}

export interface ParsedBirth {
  year: number;
  date?: string;
}

function fullYear(text: string, nowYear: number): number {
  const n = Number(text);
  if (text.length !== 2) return n;
  return 2000 + n <= nowYear ? 2000 + n : 1900 + n;
}

function dayOf(y: number, m: number, d: number): ParsedBirth | 'invalid' {
  const iso = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return isRealDate(iso) ? { year: y, date: iso } : 'invalid';
}

/**
 * A birth year or date cell: a year (1958), a date (05/03/1958, 5/3/58, 1958-03-05, an Excel date cell or
 * serial number), or month/year (03/1958: the year only). null when empty, 'invalid' when unreadable.
 */
export function parseBirthCell(
  cell: ImportCell | undefined,
  nowYear: number,
): ParsedBirth | null | 'invalid' {
  if (cell instanceof Date) {
    const iso = dateCellIso(cell);
    return iso === undefined ? 'invalid' : { year: Number(iso.slice(0, 4)), date: iso };
  }
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell)) return 'invalid';
    if (cell >= 1000 && cell <= 2100) return { year: cell };
    const iso = excelSerialDate(cell);
    return iso === undefined ? 'invalid' : { year: Number(iso.slice(0, 4)), date: iso };
  }
  const text = cellText(cell);
  if (text === '') return null;
  if (/^\d{4}$/.test(text)) return { year: Number(text) };
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s.*)?$/.exec(text);
  if (dmy) return dayOf(fullYear(dmy[3]!, nowYear), Number(dmy[2]), Number(dmy[1]));
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?$/.exec(text);
  if (ymd) return dayOf(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  const my = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
  if (my && Number(my[1]) >= 1 && Number(my[1]) <= 12) return { year: Number(my[2]) };
  if (/^\d{5}$/.test(text)) return parseBirthCell(Number(text), nowYear);
  return 'invalid';
}

const MALE = new Set(['nam', 'm', 'male', 'trai', 'ong', 'nam gioi']);
const FEMALE = new Set(['nu', 'f', 'female', 'gai', 'ba', 'nu gioi']);

/** "Nam"/"NỮ"/"nu"/"F"… → sex; null when empty, 'invalid' for any other word. */
export function parseSex(cell: ImportCell | undefined): Sex | null | 'invalid' {
  const key = headerKey(cellText(cell));
  if (key === '') return null;
  if (MALE.has(key)) return 'male';
  if (FEMALE.has(key)) return 'female';
  return 'invalid';
}

/**
 * A phone number as the phone app stores it ("091 234.56-78" → "0912345678"), plus what Excel does to
 * numbers: a lost leading zero (912345678) and 84… without "+". The first of several numbers is kept.
 * null when empty; the resident schema judges the result.
 */
export function parsePhone(cell: ImportCell | undefined): string | null {
  const text = typeof cell === 'number' ? String(Math.trunc(cell)) : cellText(cell);
  const first = (text.split(/[/,;]/)[0] ?? '').replace(/[\s.\-()]/g, '');
  if (first === '') return null;
  if (/^84\d{9,10}$/.test(first)) return `0${first.slice(2)}`;
  if (/^[1-9]\d{8}$/.test(first)) return `0${first}`;
  return first;
}

/**
 * The last 4 digits of a citizen ID: "1234", or the full number's last 4 (the full number is never kept);
 * a number cell that lost leading zeros is padded. null when empty.
 */
export function parseCitizenIdLast4(cell: ImportCell | undefined): string | null | 'invalid' {
  const digits = cellText(cell).replace(/[\s.-]/g, '');
  if (digits === '') return null;
  if (!/^\d+$/.test(digits)) return 'invalid';
  if (digits.length === 4) return digits;
  if (typeof cell === 'number' && digits.length < 4) return digits.padStart(4, '0');
  if (digits.length >= 9 && digits.length <= 12) return digits.slice(-4);
  return 'invalid';
}

/** A name as stored: NFC, single spaces; a name in capitals ("NGUYỄN VĂN AN") in title case. */
export function cleanName(cell: ImportCell | undefined): string {
  const text = cellText(cell);
  if (text !== text.toLocaleUpperCase('vi') || text === text.toLocaleLowerCase('vi')) return text;
  return text
    .toLocaleLowerCase('vi')
    .split(' ')
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1))
    .join(' ');
}

// ---------------------------------------------------------------------------------------------------
// Groups

const GROUP_WORDS = /^(?:to dan pho|khu pho|to|thon|ap|ban|tdp|kp|so)(?: |$)/;

/** "Tổ dân phố số 09" → "9", "Thôn Đông" → "dong": the group's words without its kind. */
function groupKey(text: string): string {
  let key = headerKey(text);
  for (let previous = ''; previous !== key;) {
    previous = key;
    key = key.replace(GROUP_WORDS, '');
  }
  return key.replace(/\b0+(\d)/g, '$1');
}

export type GroupMatch = { groupId: string } | { error: 'unknown' | 'ambiguous' };

/** Finds a group by its id, its name (any accents/case), or its name without the kind ("9" = "Tổ 9"). */
export function groupResolver(groups: readonly ResidentialGroup[]): (text: string) => GroupMatch {
  const byName = new Map<string, string[]>();
  const byKey = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, id: string) => {
    if (key !== '') map.set(key, [...(map.get(key) ?? []), id]);
  };
  for (const g of groups) {
    add(byName, headerKey(g.name), g.id);
    add(byKey, groupKey(g.name), g.id);
  }
  const ids = new Set(groups.map((g) => g.id));
  return (text) => {
    for (const found of [
      byName.get(headerKey(text)),
      ids.has(text) ? [text] : undefined,
      byKey.get(groupKey(text)),
    ]) {
      if (found === undefined) continue;
      return found.length === 1 ? { groupId: found[0]! } : { error: 'ambiguous' };
    }
    return { error: 'unknown' };
  };
}

// ---------------------------------------------------------------------------------------------------
// Rows

/** What a deterministic id is made of (the server hashes it: same person, same file → same id). */
export interface ImportIdParts {
  wardCode: string;
  groupId: string;
  /** searchKey of the full name. */
  nameKey: string;
  birthYear: number;
  birthDate?: string;
  citizenIdLast4?: string;
}

export interface ImportRowContext {
  wardCode: string;
  resolveGroup(text: string): GroupMatch;
  /** For rows whose group cell is empty or when no group column is used. */
  defaultGroupId?: string;
  /** The registration consent every row gets; the contact one is added for a row with a phone. */
  registration: Consent;
  contact: Consent;
  /** Keep phone numbers (contact consent confirmed); otherwise they are checked but not stored. */
  keepPhones: boolean;
  now: Date;
  makeId(parts: ImportIdParts): string;
}

export interface ImportRowResult {
  row: number;
  fullName?: string;
  birthYear?: number;
  groupId?: string;
  /** The resident to write, when the row is valid. */
  resident?: Resident;
  /** The row had a valid phone number (stored only when keepPhones). */
  hasPhone: boolean;
  errors: ImportRowError[];
}

const cellAt = (cells: readonly ImportCell[], column: number | null) =>
  column === null ? null : (cells[column] ?? null);

/** True when every mapped cell of the row is empty (a blank or separator line: skipped). */
export function isBlankRow(cells: readonly ImportCell[], mapping: ImportMapping): boolean {
  return IMPORT_FIELDS.every((f) => cellText(cellAt(cells, mapping[f]) ?? null) === '');
}

const FIELD_OF_PATH: Partial<Record<string, ImportField>> = {
  fullName: 'fullName',
  birthYear: 'birthYear',
  birthDate: 'birthDate',
  sex: 'sex',
  groupId: 'group',
  phone: 'phone',
  citizenIdLast4: 'citizenIdLast4',
};

/** One data row → the resident it describes (validated by residentSchema) or the errors, field by field. */
export function buildImportRow(
  sheetRow: SheetRow,
  mapping: ImportMapping,
  ctx: ImportRowContext,
): ImportRowResult {
  const errors: ImportRowError[] = [];
  const fail = (field: ImportRowError['field'], key: string, value?: string) => {
    if (errors.some((e) => e.field === field)) return;
    errors.push(value === undefined ? { field, key } : { field, key, value });
  };
  const cell = (field: ImportField) => cellAt(sheetRow.cells, mapping[field]);
  const nowYear = ctx.now.getUTCFullYear();

  const fullName = cleanName(cell('fullName'));
  if (fullName === '') fail('fullName', 'fullName.required');

  const year = parseBirthCell(cell('birthYear'), nowYear);
  const date = parseBirthCell(cell('birthDate'), nowYear);
  const birthField: ImportField = mapping.birthYear !== null ? 'birthYear' : 'birthDate';
  if (year === 'invalid') fail('birthYear', 'birthYear.invalid');
  if (date === 'invalid') fail('birthDate', 'date.invalid');
  const y = year === 'invalid' ? null : year;
  const d = date === 'invalid' ? null : date;
  if (y !== null && d !== null && y.year !== d.year) fail('birthDate', 'birthDate.mismatch');
  const birthYear = y?.year ?? d?.year;
  const birthDate = d?.date ?? y?.date;
  if (birthYear === undefined && year !== 'invalid' && date !== 'invalid')
    fail(birthField, 'birthYear.required');

  const sex = parseSex(cell('sex'));
  if (sex === null) fail('sex', 'sex.required');
  else if (sex === 'invalid') fail('sex', 'sex.unknown', cellText(cell('sex')));

  const groupText = cellText(cell('group'));
  let groupId: string | undefined;
  if (groupText !== '') {
    const match = ctx.resolveGroup(groupText);
    if ('groupId' in match) groupId = match.groupId;
    else fail('group', `group.${match.error}`, groupText);
  } else if (ctx.defaultGroupId !== undefined) groupId = ctx.defaultGroupId;
  else fail('group', 'groupId.required');

  const phone = parsePhone(cell('phone'));
  const last4 = parseCitizenIdLast4(cell('citizenIdLast4'));
  if (last4 === 'invalid') fail('citizenIdLast4', 'citizenIdLast4.invalid');

  const base = {
    row: sheetRow.row,
    ...(fullName !== '' ? { fullName } : {}),
    ...(birthYear !== undefined ? { birthYear } : {}),
    ...(groupId !== undefined ? { groupId } : {}),
  };
  if (
    errors.length > 0 ||
    birthYear === undefined ||
    groupId === undefined ||
    sex === null ||
    sex === 'invalid'
  ) {
    return { ...base, hasPhone: false, errors };
  }
  const citizenIdLast4 = last4 === null || last4 === 'invalid' ? undefined : last4;
  const stamp = ctx.now.toISOString();
  const candidate = {
    id: ctx.makeId({
      wardCode: ctx.wardCode,
      groupId,
      nameKey: searchKey(fullName),
      birthYear,
      ...(birthDate !== undefined ? { birthDate } : {}),
      ...(citizenIdLast4 !== undefined ? { citizenIdLast4 } : {}),
    }),
    wardCode: ctx.wardCode,
    groupId,
    fullName,
    birthYear,
    ...(birthDate !== undefined ? { birthDate } : {}),
    sex,
    ...(phone !== null ? { phone } : {}),
    ...(citizenIdLast4 !== undefined ? { citizenIdLast4 } : {}),
    consents: phone !== null ? [ctx.registration, ctx.contact] : [ctx.registration],
    createdAt: stamp,
    updatedAt: stamp,
  };
  const parsed = residentSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const head = issue.path[0];
      fail((typeof head === 'string' ? FIELD_OF_PATH[head] : undefined) ?? 'row', issue.message);
    }
    return { ...base, hasPhone: false, errors };
  }
  const resident: Resident = { ...parsed.data, consents: parsed.data.consents.map((c) => ({ ...c })) };
  if (!ctx.keepPhones && resident.phone !== undefined) {
    delete resident.phone;
    resident.consents = resident.consents.filter((c) => c.purpose !== 'contact');
  }
  return { ...base, resident, hasPhone: phone !== null, errors };
}

/** The consents an import records: asked by the officer, today, on paper, under the current wording. */
export function importConsents(officer: { id: string; fullName: string }, today: string) {
  const make = (purpose: Consent['purpose']): Consent => ({
    purpose,
    askedBy: normaliseText(officer.fullName).slice(0, 100),
    askedById: officer.id,
    date: today,
    method: IMPORT_CONSENT_METHOD,
    wordingVersion: CURRENT_CONSENT_WORDING,
  });
  return { registration: make('registration'), contact: make('contact') };
}

/** What the ward already holds: every resident id (deleted ones too) and live residents by duplicateKey. */
export interface ExistingResidents {
  ids: ReadonlySet<string>;
  byKey: ReadonlyMap<string, string>;
}

/** Two rows with the same name, year and group are told apart only by different birth dates or ID digits. */
function distinguished(a: Resident, b: Resident): boolean {
  return (
    (a.birthDate !== undefined && b.birthDate !== undefined && a.birthDate !== b.birthDate) ||
    (a.citizenIdLast4 !== undefined &&
      b.citizenIdLast4 !== undefined &&
      a.citizenIdLast4 !== b.citizenIdLast4)
  );
}

/**
 * Each row's status: invalid (its own errors, or a repeat of an earlier row of the file), existing (same
 * id, or same name + birth year in the same group as a resident of the ward), or new.
 */
export function classifyRows(
  results: readonly ImportRowResult[],
  existing: ExistingResidents,
): ImportRowView[] {
  const seen = new Map<string, { row: number; resident: Resident }[]>();
  return results.map((r): ImportRowView => {
    const view = {
      row: r.row,
      ...(r.fullName !== undefined ? { fullName: r.fullName } : {}),
      ...(r.birthYear !== undefined ? { birthYear: r.birthYear } : {}),
      ...(r.groupId !== undefined ? { groupId: r.groupId } : {}),
    };
    const resident = r.resident;
    if (resident === undefined) return { ...view, status: 'invalid', errors: r.errors };
    const key = duplicateKey(resident);
    const known = existing.ids.has(resident.id) ? resident.id : existing.byKey.get(key);
    if (known !== undefined) return { ...view, status: 'existing', id: known, errors: [] };
    const earlier = seen.get(key) ?? [];
    const twin = earlier.find((e) => e.resident.id === resident.id || !distinguished(e.resident, resident));
    if (twin !== undefined) {
      const error: ImportRowError = { field: 'row', key: 'row.duplicateInFile', value: String(twin.row) };
      return { ...view, status: 'invalid', errors: [error] };
    }
    seen.set(key, [...earlier, { row: r.row, resident }]);
    return { ...view, status: 'new', id: resident.id, errors: [] };
  });
}
