// The dashboard's wording of figures: percentages as "82,5 %" (never capped), gaps, the denominator's
// source in words, and the order of "groups furthest from the target". Pure, over the coverage answer.
import type { CoverageRowWire, GroupCoverageWire, IndicatorFigure } from '../../../../shared';
import { formatDay, t } from '../../i18n';
import { formatCount, formatPercent } from '../../tally/numbers';

export { formatCount, formatPercent };

/** "80 %", "82,5 %": a percentage without a trailing ",0" (chart axes, targets). */
export function formatShortPercent(value: number): string {
  return t('tally.percent', { value: formatCount(Math.round(value * 10) / 10) });
}

/** "Còn 12 người nữa để đạt chỉ tiêu", "Đã đạt chỉ tiêu", or null when the target does not apply. */
export function gapText(figure: IndicatorFigure): string | null {
  if (figure.gap === null) return null;
  return figure.gap === 0 ? t('dashboard.reached') : t('dashboard.gap', { count: formatCount(figure.gap) });
}

/** Where the ward's denominator comes from, in words (dates of entered figures from the groups). */
export function wardDenominatorText(row: CoverageRowWire, groups: readonly GroupCoverageWire[]): string {
  if (row.denominatorSource === 'registered') return t('dashboard.denominatorRegistered');
  if (row.denominatorSource === 'mixed') return t('dashboard.denominatorMixed');
  const dates = groups
    .map((g) => g.denominatorNote?.asOf)
    .filter((d): d is string => d !== undefined)
    .sort();
  const from = dates[0];
  const to = dates[dates.length - 1];
  if (from === undefined || to === undefined) return t('tally.denominatorEnteredAll');
  return from === to
    ? t('dashboard.denominatorEntered', { date: formatDay(from) })
    : t('dashboard.denominatorEnteredRange', { from: formatDay(from), to: formatDay(to) });
}

/** A group's denominator source, short, for a table cell. */
export function groupSourceText(group: GroupCoverageWire): string {
  return group.denominatorSource === 'entered' && group.denominatorNote
    ? t('dashboard.source.entered', { date: formatDay(group.denominatorNote.asOf) })
    : t('dashboard.source.registered');
}

/** Larger first; a gap that does not apply (null) after every number. */
const byGap = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);
/** Lower first; no percentage (no denominator) last. */
const byPercent = (a: number | null, b: number | null) => (a ?? Infinity) - (b ?? Infinity);

/** Furthest from the target first: K gap (largest first), then V gap, then the lower K and V %. */
export function furthestFirst(groups: readonly GroupCoverageWire[]): GroupCoverageWire[] {
  return [...groups].sort(
    (a, b) =>
      byGap(a.K.gap, b.K.gap) ||
      byGap(a.V.gap, b.V.gap) ||
      byPercent(a.K.percent, b.K.percent) ||
      byPercent(a.V.percent, b.V.percent) ||
      a.groupName.localeCompare(b.groupName, 'vi', { numeric: true }),
  );
}

/** A share of registered adults (age band and sex breakdown), "—" when there is none. */
export function shareText(count: number, of: number): string {
  return of > 0 ? formatPercent(Math.round((count * 1000) / of) / 10) : t('dashboard.noValue');
}
