// Numbers as each language writes them: "1.234" and "40,0 %" in Vietnamese, "1,234" and "40.0%" in English.
import type { Target } from '../../../shared';
import { locale, t } from '../i18n';

const tag = () => (locale.value === 'vi' ? 'vi-VN' : 'en-GB');

export function formatCount(n: number): string {
  return new Intl.NumberFormat(tag()).format(n);
}

/** A percentage already rounded to one decimal (coverage.ts `percent`); null (no denominator) → "—". */
export function formatPercent(p: number | null): string {
  if (p === null) return t('tally.noPercent');
  const value = new Intl.NumberFormat(tag(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    p,
  );
  return t('tally.percent', { value });
}

/** "100 %" or "1.200 người". */
export function formatTarget(target: Target): string {
  if (target.kind === 'count') return t('tally.targetCount', { value: formatCount(target.value) });
  return t('tally.percent', {
    value: new Intl.NumberFormat(tag(), { maximumFractionDigits: 1 }).format(target.value),
  });
}
