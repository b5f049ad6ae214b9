// One indicator (K or V) in big print: the percentage, count over denominator, the year's target, how
// many more people are needed, and a warning when it is above 100 % (a stale population figure).
import type { IndicatorFigure } from '../../../shared';
import { t, type MessageKey } from '../i18n';
import { formatCount, formatPercent, formatTarget } from './numbers';

interface IndicatorCardProps {
  id: 'k' | 'v';
  title: MessageKey;
  figure: IndicatorFigure;
  denominator: number;
  /** False for a count target on part of the ward: such a target only applies to the whole ward. */
  targetApplies: boolean;
}

export function IndicatorCard({ id, title, figure, denominator, targetApplies }: IndicatorCardProps) {
  const gap = targetApplies ? figure.gap : null;
  return (
    <section class={`indicator indicator-${id}`} aria-labelledby={`tally-${id}-title`}>
      <h3 id={`tally-${id}-title`}>{t(title)}</h3>
      <p class="indicator-percent">{formatPercent(figure.percent)}</p>
      <p class="indicator-count">
        {t('tally.count', { count: formatCount(figure.count), denominator: formatCount(denominator) })}
      </p>
      <p class="indicator-target">
        {t('tally.target', { year: figure.target.year, target: formatTarget(figure.target) })}
      </p>
      {gap === null ? (
        <p class="hint">{t('tally.targetWardOnly')}</p>
      ) : (
        <p class={gap === 0 ? 'indicator-gap ok' : 'indicator-gap'}>
          {gap === 0 ? t('tally.reached') : t('tally.gap', { count: formatCount(gap) })}
        </p>
      )}
      {figure.overFull ? <p class="notice notice-strong indicator-stale">{t('tally.overFull')}</p> : null}
    </section>
  );
}
