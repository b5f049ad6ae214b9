// Registered adults, K and V by age band and by sex, as a small table that fits a 360 px screen.
import { AGE_BANDS, type AgeBand, type CoverageRow, type Tally } from '../../../shared';
import { t } from '../i18n';
import { formatCount } from './numbers';

const ageLabel = (band: AgeBand, adultAge: number) =>
  band === '18-35'
    ? t('tally.age.young', { from: adultAge })
    : band === '36-59'
      ? t('tally.age.middle')
      : t('tally.age.old');

export function BreakdownTable({ row, adultAge }: { row: CoverageRow; adultAge: number }) {
  const line = (key: string, label: string, tally: Tally) => (
    <tr key={key}>
      <th scope="row">{label}</th>
      <td>{formatCount(tally.adults)}</td>
      <td>{formatCount(tally.k)}</td>
      <td>{formatCount(tally.v)}</td>
    </tr>
  );
  return (
    <table class="tally-table">
      <caption>{t('tally.breakdown')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('tally.col.group')}</th>
          <th scope="col">{t('tally.col.adults')}</th>
          <th scope="col">{t('tally.col.k')}</th>
          <th scope="col">{t('tally.col.v')}</th>
        </tr>
      </thead>
      <tbody>
        {AGE_BANDS.map((band) => line(band, ageLabel(band, adultAge), row.byAgeBand[band]))}
        {line('female', t('tally.sex.female'), row.bySex.female)}
        {line('male', t('tally.sex.male'), row.bySex.male)}
      </tbody>
    </table>
  );
}
