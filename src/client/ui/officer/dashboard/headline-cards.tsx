// The ward's headline: K and V in big print — percentage (one decimal, never capped), count over the
// denominator, the year's target and the gap — then the denominator and where it comes from.
import type { CoverageRowWire, GroupCoverageWire, IndicatorFigure } from '../../../../shared';
import { t, type MessageKey } from '../../i18n';
import { formatTarget } from '../../tally/numbers';
import { formatCount, formatPercent, gapText, wardDenominatorText } from './dashboard-format';

interface HeadlineProps {
  row: CoverageRowWire;
  groups: readonly GroupCoverageWire[];
}

export function HeadlineCards({ row, groups }: HeadlineProps) {
  return (
    <div class="card dashboard-headline">
      <div class="dashboard-cards">
        <IndicatorCard id="k" title="dashboard.k.title" figure={row.K} denominator={row.denominator} />
        <IndicatorCard id="v" title="dashboard.v.title" figure={row.V} denominator={row.denominator} />
      </div>
      <div class="dashboard-denominator">
        <p class="dashboard-denominator-count">
          {t('dashboard.denominator', { count: formatCount(row.denominator) })}
        </p>
        <p class={row.denominatorSource === 'entered' ? 'hint' : 'notice'}>
          {wardDenominatorText(row, groups)}
        </p>
        <p class="hint">{t('dashboard.registered', { count: formatCount(row.registeredAdults) })}</p>
      </div>
    </div>
  );
}

interface CardProps {
  id: 'k' | 'v';
  title: MessageKey;
  figure: IndicatorFigure;
  denominator: number;
}

function IndicatorCard({ id, title, figure, denominator }: CardProps) {
  const gap = gapText(figure);
  return (
    <section class={`dashboard-card dashboard-card-${id}`} aria-labelledby={`dashboard-${id}-title`}>
      <h3 id={`dashboard-${id}-title`}>{t(title)}</h3>
      <p class={figure.overFull ? 'dashboard-percent dashboard-over' : 'dashboard-percent'}>
        {formatPercent(figure.percent)}
      </p>
      <p class="dashboard-count">
        {t('dashboard.count', { count: formatCount(figure.count), denominator: formatCount(denominator) })}
      </p>
      <p>{t('dashboard.target', { year: figure.target.year, target: formatTarget(figure.target) })}</p>
      {gap === null ? (
        <p class="hint">{t('dashboard.noGap')}</p>
      ) : (
        <p class={figure.gap === 0 ? 'dashboard-gap ok' : 'dashboard-gap'}>{gap}</p>
      )}
      {figure.overFull ? <p class="notice notice-strong dashboard-stale">{t('dashboard.overFull')}</p> : null}
    </section>
  );
}
