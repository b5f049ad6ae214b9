// The ward's registered adults, K and V by age band (18–35, 36–59, 60+) and by sex, with each band's
// share of its registered adults (population figures are not split by age or sex).
import { AGE_BANDS, type AgeBand, type CoverageRowWire } from '../../../../shared';
import { t } from '../../i18n';
import { formatCount, shareText } from './dashboard-format';

type Tally = { adults: number; k: number; v: number };

const ageLabel = (band: AgeBand, adultAge: number) =>
  band === '18-35'
    ? t('dashboard.age.young', { from: adultAge })
    : band === '36-59'
      ? t('dashboard.age.middle')
      : t('dashboard.age.old');

export function Breakdown({ row, adultAge }: { row: CoverageRowWire; adultAge: number }) {
  const line = (key: string, label: string, tally: Tally) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      <td>{formatCount(tally.adults)}</td>
      <td>{formatCount(tally.k)}</td>
      <td>{shareText(tally.k, tally.adults)}</td>
      <td>{formatCount(tally.v)}</td>
      <td>{shareText(tally.v, tally.adults)}</td>
    </tr>
  );
  return (
    <section class="card dashboard-breakdown" aria-labelledby="dashboard-breakdown-title">
      <h2 id="dashboard-breakdown-title">{t('dashboard.breakdown.title')}</h2>
      <p class="hint">{t('dashboard.breakdown.hint')}</p>
      <table class="dashboard-table" aria-labelledby="dashboard-breakdown-title">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.breakdown.group')}</th>
            <th scope="col">{t('dashboard.breakdown.registered')}</th>
            <th scope="col">{t('dashboard.col.k')}</th>
            <th scope="col">{t('dashboard.breakdown.kShare')}</th>
            <th scope="col">{t('dashboard.col.v')}</th>
            <th scope="col">{t('dashboard.breakdown.vShare')}</th>
          </tr>
        </thead>
        <tbody>
          {AGE_BANDS.map((band) => line(band, ageLabel(band, adultAge), row.byAgeBand[band]))}
          {line('female', t('dashboard.sex.female'), row.bySex.female)}
          {line('male', t('dashboard.sex.male'), row.bySex.male)}
        </tbody>
      </table>
    </section>
  );
}
