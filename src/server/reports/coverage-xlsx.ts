// A report table (coverage-table.ts, not-reached-table.ts) as an Excel workbook (exceljs), one sheet.
//
// Layout (the e2e and server tests read cells by these positions; Excel rows and columns are 1-based):
//   rows 1–3   the title lines (TITLE_LINES), in column A; row 1 bold
//   row 4      empty
//   row 5      the header (HEADER_ROW), bold, grey, wrapped; the sheet is frozen below it
//   row 6 …    the body: one row per group (coverage) or per person (not-reached list)
//   last row   the totals row "Toàn phường" (coverage only), bold
// Cells hold numbers as numbers (counts '#,##0', percentages '0.0' in the percent columns) and text as
// text; a missing value (percent without denominator, no target, no phone) is an empty cell. Printing:
// A4 landscape, fit to one page wide, the header row repeated on every page. Text is always set as a
// plain string value, which exceljs writes as a shared string and never as a formula: a name typed as
// =HYPERLINK(…) opens as text (docs/privacy.md H2; tests/server/fuzz/export-injection.test.ts).
import ExcelJS from 'exceljs';
import { TITLE_LINES, type ReportTable } from './coverage-table';

export const HEADER_ROW = TITLE_LINES + 2;
export const FIRST_BODY_ROW = HEADER_ROW + 1;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export async function tableToXlsx(table: ReportTable): Promise<Buffer> {
  if (table.title.length !== TITLE_LINES)
    throw new Error('a report table has exactly TITLE_LINES title lines');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Bình dân học vụ số';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(table.sheetName.slice(0, 31), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }],
    // 9 = A4 (exceljs's PaperSize is a const enum, unusable with isolatedModules).
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;

  table.title.forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = line;
    cell.font = { bold: i === 0, size: i === 0 ? 13 : 11 };
  });

  const percent = new Set(table.percentColumns);
  table.widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });

  const header = sheet.getRow(HEADER_ROW);
  table.header.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } };
    cell.border = BORDER;
  });
  header.commit();

  const body = table.totals === null ? table.rows : [...table.rows, table.totals];
  body.forEach((cells, r) => {
    const row = sheet.getRow(FIRST_BODY_ROW + r);
    const isTotals = table.totals !== null && r === body.length - 1;
    for (let c = 0; c < table.header.length; c += 1) {
      const value = cells[c] ?? null;
      const cell = row.getCell(c + 1);
      if (value !== null) cell.value = value;
      if (typeof value === 'number') cell.numFmt = percent.has(c) ? '0.0' : '#,##0';
      else if (percent.has(c)) cell.numFmt = '0.0';
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: typeof value === 'string' };
      if (isTotals) cell.font = { bold: true };
    }
    row.commit();
  });

  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as unknown as ArrayBuffer);
}
