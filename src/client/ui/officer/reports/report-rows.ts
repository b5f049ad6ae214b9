// The coverage answer as the print-ready report's table: the same columns, rows and notes as the XLSX the
// server writes (src/server/reports/coverage-table.ts), in the chosen language, numbers formatted for
// reading (1.234; 66,7). Pure: no DOM.
import type { CoverageResponse, CoverageRowWire, Target } from '../../../../shared';
import { formatDay, locale, t, type MessageKey } from '../../i18n';

export const COLUMN_KEYS: readonly MessageKey[] = [
  'reports.col.group',
  'reports.col.denominator',
  'reports.col.source',
  'reports.col.k',
  'reports.col.kPercent',
  'reports.col.kTarget',
  'reports.col.kGap',
  'reports.col.v',
  'reports.col.vPercent',
  'reports.col.vTarget',
  'reports.col.vGap',
  'reports.col.note',
];

/** 0-based columns that hold numbers (right-aligned). */
export const NUMBER_COLUMNS = new Set([1, 3, 4, 5, 6, 7, 8, 9, 10]);

export function columnNames(adultAge: number): string[] {
  return COLUMN_KEYS.map((key) => t(key, { age: adultAge }));
}

const numberLocale = () => (locale.value === 'vi' ? 'vi-VN' : 'en-GB');

/** A count as people read it ("1.234"); empty for none. */
export function formatCount(n: number | null): string {
  return n === null ? '' : n.toLocaleString(numberLocale());
}

/** A percentage with one decimal ("66,7"); empty without a denominator. */
export function formatPercent(p: number | null): string {
  return p === null
    ? ''
    : p.toLocaleString(numberLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

export function targetText(target: Target): string {
  return t(target.kind === 'percent' ? 'reports.targetPercent' : 'reports.targetCount', {
    value: formatCount(target.value),
  });
}

export function rowNote(row: CoverageRowWire, adultAge: number): string {
  const notes: string[] = [];
  if (row.K.overFull || row.V.overFull) notes.push(t('reports.note.overFull'));
  if (row.denominator === 0) notes.push(t('reports.note.noDenominator'));
  if (row.denominatorSource === 'registered') notes.push(t('reports.note.registered', { age: adultAge }));
  else if (row.denominatorSource === 'mixed') notes.push(t('reports.note.mixed'));
  if (row.denominatorNote !== undefined) {
    notes.push(
      t('reports.note.entered', {
        source: row.denominatorNote.source,
        date: formatDay(row.denominatorNote.asOf),
      }),
    );
  }
  return notes.join('; ');
}

export interface ReportRow {
  key: string;
  cells: string[];
  overFull: boolean;
}

function reportRow(key: string, label: string, row: CoverageRowWire, adultAge: number): ReportRow {
  return {
    key,
    overFull: row.K.overFull || row.V.overFull,
    cells: [
      label,
      formatCount(row.denominator),
      t(`reports.source.${row.denominatorSource}`),
      formatCount(row.K.count),
      formatPercent(row.K.percent),
      formatCount(row.K.targetCount),
      formatCount(row.K.gap),
      formatCount(row.V.count),
      formatPercent(row.V.percent),
      formatCount(row.V.targetCount),
      formatCount(row.V.gap),
      rowNote(row, adultAge),
    ],
  };
}

/** One row per group, in the answer's order. */
export function groupRows(coverage: CoverageResponse): ReportRow[] {
  return coverage.groups.map((g) => reportRow(g.groupId, g.groupName, g, coverage.adultAge));
}

/** The totals row: the ward row of the answer. */
export function wardRow(coverage: CoverageResponse): ReportRow {
  return reportRow('ward', t('reports.wardRow'), coverage.ward, coverage.adultAge);
}

/** In Vietnamese "phường Hồng An" from "Phường Hồng An" (it follows "UBND"); other names as they are. */
export function wardAfterUbnd(wardName: string): string {
  if (locale.value !== 'vi') return wardName;
  return wardName.replace(/^(Phường|Xã|Thị trấn|Đặc khu)\s/u, (w) => w.toLowerCase());
}
