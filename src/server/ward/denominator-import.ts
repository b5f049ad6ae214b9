// Import of the adult population per residential group (the coverage denominators) from the officer's
// CSV or XLSX file: columns group (name or id), count, source, date dd/mm/yyyy, with Vietnamese headers
// ("Tổ", "Số người từ 18 tuổi", "Nguồn", "Ngày"). A dry run says per row what would change or what is
// wrong (message keys); a commit writes the changed group records through writeRecords. A figure equal
// to the stored one is never written, so importing the same file again changes nothing.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import {
  canonicalJson,
  groupSchema,
  isRealDate,
  searchKey,
  type AdultPopulation,
  type ResidentialGroup,
} from '../../shared';
import {
  DENOMINATOR_ROWS_MAX,
  type DenominatorFileProblem,
  type DenominatorImportAnswer,
  type DenominatorImportBody,
  type DenominatorRow,
  type DenominatorRowError,
} from '../../shared/ward-admin';
import type { Store } from '../store';
import { rowOf, writeRecords } from './officer-write';
import { WRITE_CHUNK } from './groups';

/** A cell as read: text, a number, a date (XLSX date cells), or nothing. */
export type Cell = string | number | Date | null;
export interface TableRow {
  /** 1-based line (CSV) or row number (XLSX), as Excel shows it. */
  line: number;
  cells: Cell[];
}

const COUNT_MAX = 10_000_000;
const SOURCE_MAX = 200;
/** The header is looked for in the first rows (a title line or two may come before it). */
const HEADER_SEARCH_ROWS = 10;

type Column = 'group' | 'count' | 'source' | 'date';
const COLUMNS: readonly Column[] = ['group', 'count', 'source', 'date'];

/** Which column a header names ("Tổ dân phố", "Số người từ 18 tuổi", "Nguồn", "Ngày"), if any. */
export function headerColumn(header: string): Column | undefined {
  const words = searchKey(header)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const [first, second] = words;
  if (first === undefined) return undefined;
  const groupWords = ['to', 'thon', 'ap', 'ban', 'khu', 'group', 'nhom'];
  if (groupWords.includes(first)) return 'group';
  if ((first === 'ten' || first === 'ma') && second !== undefined && groupWords.includes(second))
    return 'group';
  if (first === 'so' || first === 'count' || (first === 'dan' && second === 'so')) return 'count';
  if (first === 'nguon' || first === 'source') return 'source';
  if (first === 'ngay' || first === 'date' || first === 'thoi') return 'date';
  return undefined;
}

// eslint-disable-next-line no-control-regex -- control characters in a cell become spaces
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).replace(CONTROL_CHARS, ' ').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** An exceljs cell value as a plain cell: rich text joined, formulas by their result, links by text. */
function excelCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v['richText'])) {
      return (v['richText'] as { text?: unknown }[]).map((part) => String(part.text ?? '')).join('');
    }
    if ('result' in v) return excelCell(v['result']);
    if (typeof v['text'] === 'string') return v['text'];
  }
  return null;
}

/** The file's rows, or why it cannot be read. */
export async function readTable(
  filename: string,
  bytes: Buffer,
): Promise<{ rows: TableRow[] } | { problem: DenominatorFileProblem }> {
  const name = filename.toLowerCase();
  if (name.endsWith('.xlsx')) {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      return { problem: 'file.unreadable' };
    }
    const sheet = book.worksheets.find((s) => s.actualRowCount > 0);
    if (sheet === undefined) return { problem: 'file.empty' };
    const rows: TableRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, line) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows.push({ line, cells: Array.from(values, excelCell) });
    });
    return { rows };
  }
  if (name.endsWith('.csv') || name.endsWith('.txt')) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { problem: 'file.encoding' };
    }
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
    return { rows: parsed.data.map((cells, i) => ({ line: i + 1, cells })) };
  }
  return { problem: 'file.type' };
}

/** A whole number of people: 1234, "1234", "1.234", "1,234", "1 234". */
export function parseCount(cell: Cell): number | 'missing' | 'invalid' {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return 'missing';
  if (cell instanceof Date) return 'invalid';
  let n: number;
  if (typeof cell === 'number') n = cell;
  else {
    const s = cell.replace(/[\s\u00a0]/g, '');
    if (/^\d+$/.test(s)) n = Number(s);
    else if (/^\d{1,3}([.,]\d{3})+$/.test(s)) n = Number(s.replace(/[.,]/g, ''));
    else return 'invalid';
  }
  return Number.isInteger(n) && n >= 0 && n <= COUNT_MAX ? n : 'invalid';
}

/** A date dd/mm/yyyy (also d/m/yyyy, with - or .), yyyy-mm-dd, or an XLSX date cell: YYYY-MM-DD. */
export function parseDate(cell: Cell): string | 'missing' | 'invalid' {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return 'missing';
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? 'invalid' : cell.toISOString().slice(0, 10);
  }
  const s = String(cell).trim();
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const date = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : iso ? s : undefined;
  return date !== undefined && isRealDate(date) ? date : 'invalid';
}

/** The group a cell names: its id, its name (accents and case ignored), or the number at its name's end. */
function findGroup(text: string, groups: readonly ResidentialGroup[]): ResidentialGroup | undefined {
  const byId = groups.find((g) => g.id === text);
  if (byId) return byId;
  const key = searchKey(text);
  const byName = groups.find((g) => searchKey(g.name) === key);
  if (byName) return byName;
  if (/^\d+$/.test(text)) {
    const number = String(Number(text));
    const ending = groups.filter((g) => /(\d+)\s*$/.exec(g.name)?.[1]?.replace(/^0+(?=\d)/, '') === number);
    if (ending.length === 1) return ending[0];
  }
  return undefined;
}

const samePopulation = (a: AdultPopulation | undefined, b: AdultPopulation | undefined) =>
  a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b);

/** Reads the rows against the ward's live groups: per row its figure, status and errors. */
export function analyseTable(
  table: readonly TableRow[],
  groups: readonly ResidentialGroup[],
  today: string,
): { problems: DenominatorFileProblem[]; rows: DenominatorRow[] } {
  const nonEmpty = table.filter((r) => r.cells.some((c) => cellText(c) !== ''));
  if (nonEmpty.length === 0) return { problems: ['file.empty'], rows: [] };
  // The header: the first row naming a group and a count column; else the row naming the most columns.
  let best: { index: number; columns: Map<Column, number> } | undefined;
  for (const [index, row] of nonEmpty.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const columns = new Map<Column, number>();
    row.cells.forEach((cell, i) => {
      const column = headerColumn(cellText(cell));
      if (column !== undefined && !columns.has(column)) columns.set(column, i);
    });
    if (best === undefined || columns.size > best.columns.size) best = { index, columns };
    if (columns.has('group') && columns.has('count')) break;
  }
  const columns = best?.columns ?? new Map<Column, number>();
  const missing = COLUMNS.filter((c) => !columns.has(c)).map((c) => `columns.${c}` as DenominatorFileProblem);
  if (missing.length > 0) return { problems: missing, rows: [] };
  const body = nonEmpty.slice((best?.index ?? 0) + 1);
  if (body.length === 0) return { problems: ['file.empty'], rows: [] };
  if (body.length > DENOMINATOR_ROWS_MAX) return { problems: ['file.tooManyRows'], rows: [] };

  const cellOf = (row: TableRow, column: Column): Cell => row.cells[columns.get(column) ?? -1] ?? null;
  const seen = new Set<string>();
  const rows = body.map((row): DenominatorRow => {
    const errors: DenominatorRowError[] = [];
    const groupText = cellText(cellOf(row, 'group'));
    const group = groupText === '' ? undefined : findGroup(groupText, groups);
    if (groupText === '') errors.push('group.missing');
    else if (group === undefined) errors.push('group.unknown');
    else if (seen.has(group.id)) errors.push('group.twice');
    if (group !== undefined) seen.add(group.id);
    const count = parseCount(cellOf(row, 'count'));
    if (count === 'missing') errors.push('count.missing');
    if (count === 'invalid') errors.push('count.invalid');
    const source = cellText(cellOf(row, 'source'));
    if (source === '') errors.push('source.missing');
    if (source.length > SOURCE_MAX) errors.push('source.tooLong');
    const asOf = parseDate(cellOf(row, 'date'));
    if (asOf === 'missing') errors.push('date.missing');
    else if (asOf === 'invalid') errors.push('date.invalid');
    else if (asOf > today) errors.push('date.future');

    const answer: DenominatorRow = { line: row.line, groupText, status: 'error', errors };
    if (group !== undefined) {
      answer.groupId = group.id;
      answer.groupName = group.name;
      if (group.adultPopulation !== undefined) answer.previous = group.adultPopulation;
    }
    if (errors.length === 0 && group !== undefined && typeof count === 'number') {
      const figure: AdultPopulation = { count, source, asOf };
      answer.adultPopulation = figure;
      answer.status = samePopulation(figure, group.adultPopulation) ? 'unchanged' : 'update';
    }
    return answer;
  });
  return { problems: [], rows };
}

/** Writes the rows' figures (status update) to their groups; returns how many group records changed. */
async function writeFigures(store: Store, ward: string, rows: readonly DenominatorRow[]): Promise<number> {
  const figures = new Map<string, AdultPopulation>();
  for (const row of rows) {
    if (row.status === 'update' && row.groupId && row.adultPopulation) {
      figures.set(row.groupId, row.adultPopulation);
    }
  }
  const ids = [...figures.keys()];
  let written = 0;
  for (let i = 0; i < ids.length; i += WRITE_CHUNK) {
    const chunk = ids.slice(i, i + WRITE_CHUNK);
    const rowsWritten = await writeRecords(store, 'groups', ward, chunk, (current) => {
      const writes = [];
      for (const id of chunk) {
        const row = current.get(id);
        const figure = figures.get(id);
        if (row === undefined || row.deleted || figure === undefined) continue;
        const stored = groupSchema.safeParse(row.doc);
        if (stored.success && samePopulation(stored.data.adultPopulation, figure)) continue;
        writes.push(rowOf('groups', { ...row.doc, adultPopulation: figure }));
      }
      return writes;
    });
    written += rowsWritten.length;
  }
  return written;
}

export async function importDenominators(
  store: Store,
  ward: string,
  body: DenominatorImportBody,
  today: string,
): Promise<DenominatorImportAnswer> {
  const bytes = Buffer.from(body.contentBase64, 'base64');
  const table = await readTable(body.filename, bytes);
  const analysed =
    'problem' in table
      ? { problems: [table.problem], rows: [] }
      : analyseTable(table.rows, await store.listGroups(ward), today);
  const counts = { update: 0, unchanged: 0, error: 0 };
  for (const row of analysed.rows) counts[row.status]++;
  const commit = body.commit && analysed.problems.length === 0;
  const written = commit ? await writeFigures(store, ward, analysed.rows) : 0;
  return { committed: commit, written, problems: analysed.problems, rows: analysed.rows, counts };
}
