// A report table (coverage-table.ts, not-reached-table.ts) as CSV (papaparse): UTF-8 with a byte-order
// mark so Excel reads the diacritics, comma-separated, CRLF line ends. Layout: the header row first, then
// the body rows, then the totals row if any — no title lines, so it opens and imports as a plain table
// (the ward and date are in the file name). Numbers are written as numbers with a dot ("12.5"); an empty
// cell is empty. Text that a spreadsheet would run as a formula (=, @, or + / - before anything other than
// digits) is prefixed with an apostrophe; a phone number such as +84912345678 is left as it is.
import Papa from 'papaparse';
import type { ReportTable } from './coverage-table';

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const BOM = '\uFEFF';

const FORMULA = /^(?:[=@\t\r]|[+-](?!\d+$))/;

export function tableToCsv(table: ReportTable): string {
  const body = table.totals === null ? table.rows : [...table.rows, table.totals];
  const data = [table.header, ...body.map((row) => row.map((cell) => cell ?? ''))];
  return BOM + Papa.unparse(data, { newline: '\r\n', escapeFormulae: FORMULA });
}
