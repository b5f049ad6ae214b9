// Import of a resident list from the officer's Excel (XLSX, first sheet, via exceljs) or CSV (UTF-8 with or
// without BOM, via papaparse) file: reads the rows, finds the header row and the column mapping, builds and
// checks every row with the shared rules (src/shared/resident-import.ts), compares with the ward's
// residents, and on commit writes the new ones through writeRecords in chunks, with deterministic ids
// (SHA-256 of ward, group, name, birth) so importing the same file again adds nothing.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import {
  IMPORT_CONSENT_METHOD,
  IMPORT_HEADER_SCAN,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_COLUMNS,
  IMPORT_MAX_ROWS,
  IMPORT_WRITE_CHUNK,
  buildImportRow,
  cellText,
  classifyRows,
  EMPTY_MAPPING,
  groupResolver,
  guessHeaderRow,
  guessMapping,
  importConsents,
  importProblemMessage,
  isBlankRow,
  missingFields,
  type ExistingResidents,
  type ImportCell,
  type ImportIdParts,
  type ImportMapping,
  type ImportProblem,
  type ResidentImportBody,
  type ResidentImportResponse,
  type SheetRow,
} from '../../shared/resident-import';
import { CURRENT_CONSENT_WORDING, duplicateKey, type PlainDoc, type Resident } from '../../shared';
import { ApiError } from '../http/errors';
import type { Store } from '../store';
import { rowOf, writeRecords } from './officer-write';

/** Residents read per page when collecting the ward's existing ones. */
const EXISTING_PAGE = 5000;

function problem(code: 'invalid_body' | 'payload_too_large', what: ImportProblem, message: string): ApiError {
  return new ApiError(code, importProblemMessage(what, message));
}

/** A UUID-shaped (version 4 bits set) id from a SHA-256 of what identifies the person in the ward. */
export function importResidentId(parts: ImportIdParts): string {
  const text = [
    'bdhvs/resident-import/v1',
    parts.wardCode,
    parts.groupId,
    parts.nameKey,
    String(parts.birthYear),
    parts.birthDate ?? '',
    parts.citizenIdLast4 ?? '',
  ].join('\u001f');
  const b = createHash('sha256').update(text, 'utf8').digest().subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------------
// Reading the file

type ExcelValue = ExcelJS.CellValue;

/** An exceljs cell value as text, number, date or nothing (formulas by their result, links by text). */
function excelCell(value: ExcelValue): ImportCell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return excelCell(value.text as ExcelValue);
  if ('result' in value) return excelCell(value.result as ExcelValue);
  return null;
}

async function readXlsx(bytes: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw problem('invalid_body', 'unreadable', 'The file is not a readable Excel (.xlsx) workbook.');
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return [];
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + IMPORT_HEADER_SCAN) throw tooManyRows();
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? row.values : [];
    const width = Math.min(values.length - 1, IMPORT_MAX_COLUMNS);
    const cells: ImportCell[] = [];
    for (let c = 1; c <= width; c++) cells.push(excelCell(values[c] as ExcelValue));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

function readCsv(bytes: Buffer): SheetRow[] {
  let text: string;
  try {
    // The decoder drops a UTF-8 BOM; `fatal` refuses other encodings (Excel's "CSV" in Windows-1258).
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw problem('invalid_body', 'notUtf8', 'The CSV file is not UTF-8: save it as "CSV UTF-8".');
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    skipEmptyLines: false,
    delimitersToGuess: [',', ';', '\t', '|'],
  });
  if (parsed.data.length > IMPORT_MAX_ROWS + IMPORT_HEADER_SCAN * 4) throw tooManyRows();
  return parsed.data.map((cells, i) => ({ row: i + 1, cells: cells.slice(0, IMPORT_MAX_COLUMNS) }));
}

function tooManyRows(): ApiError {
  return problem(
    'payload_too_large',
    'tooManyRows',
    `The file has more than ${IMPORT_MAX_ROWS} rows: split it into smaller files.`,
  );
}

/** The file's rows that hold something, first sheet for a workbook. */
export async function readSheet(filename: string, bytes: Buffer): Promise<SheetRow[]> {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const ole = bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  if (ole || ext === 'xls') {
    throw problem('invalid_body', 'oldExcel', 'Old Excel (.xls) files are not read: save it as .xlsx.');
  }
  const rows = zip || ext === 'xlsx' || ext === 'xlsm' ? await readXlsx(bytes) : readCsv(bytes);
  return rows.filter((r) => r.cells.some((c) => cellText(c) !== ''));
}

// ---------------------------------------------------------------------------------------------------
// The ward's residents

async function existingResidents(store: Store, wardCode: string): Promise<ExistingResidents> {
  const ids = new Set<string>();
  const byKey = new Map<string, string>();
  for (let seq = 0; ;) {
    const { rows } = await store.pull('residents', wardCode, seq, EXISTING_PAGE);
    if (rows.length === 0) break;
    for (const { doc, deleted, seq: rowSeq } of rows) {
      seq = Math.max(seq, rowSeq);
      const id = String(doc['id']);
      ids.add(id);
      const { groupId, fullName, birthYear } = doc;
      if (deleted || typeof groupId !== 'string' || typeof fullName !== 'string') continue;
      if (typeof birthYear !== 'number') continue;
      const key = duplicateKey({ groupId, fullName, birthYear });
      if (!byKey.has(key)) byKey.set(key, id);
    }
  }
  return { ids, byKey };
}

// ---------------------------------------------------------------------------------------------------
// The import

export interface ResidentImportRequest {
  wardCode: string;
  body: ResidentImportBody;
  officer: { id: string; fullName: string };
  now: Date;
  /** The ward's today (Vietnam), the consents' date. */
  today: string;
}

function decode(base64: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > IMPORT_MAX_BYTES) {
    throw problem(
      'payload_too_large',
      'tooLarge',
      `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB: split it into smaller files.`,
    );
  }
  if (bytes.length === 0) throw problem('invalid_body', 'empty', 'The file is empty.');
  return bytes;
}

function chosenMapping(body: ResidentImportBody, headers: readonly string[], width: number): ImportMapping {
  if (body.mapping === undefined) return guessMapping(headers);
  const mapping: ImportMapping = { ...EMPTY_MAPPING, ...body.mapping };
  for (const [field, column] of Object.entries(mapping)) {
    if (column !== null && column >= width) {
      throw new ApiError(
        'invalid_body',
        `Invalid body: mapping.${field}: the file has no column ${column + 1}.`,
      );
    }
  }
  return mapping;
}

/** The dry run, or with `commit` the import itself: per-row statuses and counts. */
export async function importResidents(
  store: Store,
  request: ResidentImportRequest,
): Promise<ResidentImportResponse> {
  const { body, wardCode } = request;
  const rows = await readSheet(body.filename, decode(body.contentBase64));
  if (rows.length === 0) throw problem('invalid_body', 'empty', 'The file has no rows.');

  const guessed = body.headerRow === undefined ? guessHeaderRow(rows) : undefined;
  const chosen = body.headerRow;
  // A chosen row that is empty: the next row holding something.
  const header = chosen !== undefined ? rows.find((r) => r.row >= chosen) : (guessed ?? rows[0]);
  const headerRow = header?.row ?? chosen ?? 1;
  const dataRows = rows.filter((r) => r.row > headerRow);
  if (dataRows.length > IMPORT_MAX_ROWS) throw tooManyRows();
  let width = header?.cells.length ?? 0;
  for (const r of dataRows) width = Math.max(width, r.cells.length);
  const columns = Array.from({ length: width }, (_, c) => cellText(header?.cells[c] ?? null));

  const groups = await store.listGroups(wardCode);
  if (body.groupId !== undefined && !groups.some((g) => g.id === body.groupId)) {
    throw problem('invalid_body', 'unknownGroup', `No residential group ${body.groupId} in this ward.`);
  }
  const mapping = chosenMapping(body, columns, width);
  const missing = missingFields(mapping, body.groupId !== undefined);
  if (body.commit && missing.length > 0) {
    throw problem('invalid_body', 'mappingMissing', `No column chosen for: ${missing.join(', ')}.`);
  }
  if (body.commit && body.consentConfirmed !== true) {
    throw problem(
      'invalid_body',
      'consentRequired',
      'Confirm that the people in the list agreed to be registered (consentConfirmed: true).',
    );
  }

  const consents = importConsents(request.officer, request.today);
  const answer: ResidentImportResponse = {
    columns,
    headerRow,
    headerFound: body.headerRow !== undefined || guessed !== undefined,
    mapping,
    missing,
    rows: [],
    summary: { total: 0, new: 0, existing: 0, invalid: 0, written: 0 },
    consent: {
      required: 'registration',
      method: IMPORT_CONSENT_METHOD,
      wordingVersion: CURRENT_CONSENT_WORDING,
      askedBy: consents.registration.askedBy,
      date: request.today,
    },
    phones: 0,
  };
  if (missing.length > 0) {
    answer.summary.total = dataRows.length;
    return answer;
  }

  const resolveGroup = groupResolver(groups);
  const built = dataRows
    .filter((r) => !isBlankRow(r.cells, mapping))
    .map((r) =>
      buildImportRow(r, mapping, {
        wardCode,
        resolveGroup,
        ...(body.groupId !== undefined ? { defaultGroupId: body.groupId } : {}),
        ...consents,
        keepPhones: body.contactConsentConfirmed === true,
        now: request.now,
        makeId: importResidentId,
      }),
    );
  const views = classifyRows(built, await existingResidents(store, wardCode));
  answer.rows = views;
  answer.summary.total = views.length;
  const fresh: Resident[] = [];
  views.forEach((view, i) => {
    answer.summary[view.status] += 1;
    const result = built[i];
    if (view.status !== 'new' || result?.resident === undefined) return;
    fresh.push(result.resident);
    if (result.hasPhone) answer.phones += 1;
  });
  if (body.commit) answer.summary.written = await writeNew(store, wardCode, fresh);
  return answer;
}

/** Writes the new residents, IMPORT_WRITE_CHUNK per transaction; an id already stored is left alone. */
async function writeNew(store: Store, wardCode: string, residents: readonly Resident[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < residents.length; i += IMPORT_WRITE_CHUNK) {
    const chunk = residents.slice(i, i + IMPORT_WRITE_CHUNK);
    const rows = await writeRecords(
      store,
      'residents',
      wardCode,
      chunk.map((r) => r.id),
      (current) => chunk.filter((r) => !current.has(r.id)).map((r) => rowOf('residents', r as PlainDoc)),
    );
    written += rows.length;
  }
  return written;
}
