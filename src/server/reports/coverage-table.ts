// The coverage answer (GET /v1/wards/:ward/coverage, CoverageResponse) as a table for the XLSX and CSV
// downloads: three title lines, a header row in Vietnamese, one row per residential group, then the ward
// row "Toàn phường". Pure: no I/O. Numbers stay numbers (percent with one decimal; a missing percent or
// target is an empty cell), so Excel can sum and sort them. Column meanings (docs/ward.md, DOMAIN.md):
//   Mẫu số     the group's denominator (entered adult figure, else registered adults)
//   Chỉ tiêu   the number of people the year's target asks for (targetCount; empty where none applies)
//   Còn thiếu  "còn N người nữa để đạt chỉ tiêu" (gap)
import type { CoverageResponse, CoverageRowWire, DenominatorSource, Target } from '../../shared';

export type TableCell = string | number | null;

/** A titled table, written as XLSX (coverage-xlsx.ts) or CSV (coverage-csv.ts). */
export interface ReportTable {
  /** The worksheet's name (at most 31 characters). */
  sheetName: string;
  /** Lines above the table (XLSX only): always TITLE_LINES of them. */
  title: string[];
  header: string[];
  /** Body rows, each as long as the header. */
  rows: TableCell[][];
  /** The totals row after the body, if the table has one. */
  totals: TableCell[] | null;
  /** 0-based columns holding percentages (number format '0.0'). */
  percentColumns: number[];
  /** Column widths in characters (XLSX). */
  widths: number[];
}

/** Every report table has this many title lines, so the header is always on the same XLSX row. */
export const TITLE_LINES = 3;

export const COVERAGE_SHEET = 'Độ phủ';
export const WARD_ROW_LABEL = 'Toàn phường';
export const NOTE_OVER_FULL = 'Trên 100 %: mẫu số cần cập nhật';

const SOURCE_TEXT: Record<DenominatorSource, string> = {
  entered: 'Số liệu nhập',
  registered: 'Số người đã đăng ký',
  mixed: 'Số liệu nhập và số người đã đăng ký',
};

/** "23/11/2026" from "2026-11-23". */
export function dayText(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** The header row of the coverage table (the adult age is the ward's setting). */
export function coverageHeader(adultAge: number): string[] {
  return [
    'Tổ dân phố',
    `Mẫu số (người từ ${adultAge} tuổi)`,
    'Nguồn mẫu số',
    'Số người có kỹ năng số cơ bản (K)',
    'Tỷ lệ K (%)',
    'Chỉ tiêu K',
    'Còn thiếu K (người)',
    'Số người đã xác nhận trên VNeID (V)',
    'Tỷ lệ V (%)',
    'Chỉ tiêu V',
    'Còn thiếu V (người)',
    'Ghi chú',
  ];
}

/** 0-based columns of the percentages in the coverage table. */
export const COVERAGE_PERCENT_COLUMNS = [4, 8];

function targetText(target: Target): string {
  return target.kind === 'percent' ? `${target.value} %` : `${target.value} người`;
}

/** The note of a row: stale denominator, fallback to registered adults, where an entered figure came from. */
export function coverageNote(row: CoverageRowWire, adultAge: number): string {
  const notes: string[] = [];
  if (row.K.overFull || row.V.overFull) notes.push(NOTE_OVER_FULL);
  if (row.denominator === 0) notes.push('Chưa có mẫu số');
  if (row.denominatorSource === 'registered') {
    notes.push(`Chưa nhập số người từ ${adultAge} tuổi: tạm dùng số người đã đăng ký`);
  } else if (row.denominatorSource === 'mixed') {
    notes.push('Có tổ chưa nhập mẫu số: tạm dùng số người đã đăng ký');
  }
  if (row.denominatorNote !== undefined) {
    notes.push(`Mẫu số theo ${row.denominatorNote.source}, ngày ${dayText(row.denominatorNote.asOf)}`);
  }
  return notes.join('; ');
}

/** One row of the table: the label, then the figures in header order. */
export function coverageCells(label: string, row: CoverageRowWire, adultAge: number): TableCell[] {
  return [
    label,
    row.denominator,
    SOURCE_TEXT[row.denominatorSource],
    row.K.count,
    row.K.percent,
    row.K.targetCount,
    row.K.gap,
    row.V.count,
    row.V.percent,
    row.V.targetCount,
    row.V.gap,
    coverageNote(row, adultAge),
  ];
}

export function coverageTable(coverage: CoverageResponse): ReportTable {
  const { adultAge, ward } = coverage;
  const year = coverage.date.slice(0, 4);
  return {
    sheetName: COVERAGE_SHEET,
    title: [
      `KẾT QUẢ PHONG TRÀO BÌNH DÂN HỌC VỤ SỐ — ${coverage.wardName} (mã ${coverage.wardCode})`,
      `Số liệu tính đến ngày ${dayText(coverage.date)}`,
      `Người từ ${adultAge} tuổi trở lên. Chỉ tiêu năm ${year}: K ${targetText(ward.K.target)}, ` +
        `V ${targetText(ward.V.target)} (cột "Chỉ tiêu" là số người cần đạt).`,
    ],
    header: coverageHeader(adultAge),
    rows: coverage.groups.map((g) => coverageCells(g.groupName, g, adultAge)),
    totals: coverageCells(WARD_ROW_LABEL, ward, adultAge),
    percentColumns: COVERAGE_PERCENT_COLUMNS,
    widths: [22, 14, 20, 16, 10, 10, 12, 18, 10, 10, 12, 48],
  };
}
