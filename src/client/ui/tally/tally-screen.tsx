// The group tally (#/tally): for the volunteer's or leader's groups, computed on the phone, offline, by
// the shared coverage function — adults registered, K and V against the target, the denominator and
// where it comes from, breakdowns, and who is not yet reached. Live: it follows every record change.
import { useMemo, useState } from 'preact/hooks';
import { computeCoverage, mergedIntoMap, type CoverageRow, type ResidentialGroup } from '../../../shared';
import { useField, useFieldData } from '../field-context';
import { formatDay, t, todayIso } from '../i18n';
import { BreakdownTable } from './breakdown-table';
import { IndicatorCard } from './indicator-card';
import { NotReachedList } from './not-reached-list';
import { formatCount } from './numbers';
import { useWardSettings } from './use-ward-settings';
import './tally.css';

const ALL = '';

export function TallyScreen() {
  const { session } = useField();
  const data = useFieldData();
  const settings = useWardSettings();
  const [choice, setChoice] = useState(ALL);
  const today = todayIso();
  const mine = useMemo(() => myGroups(data?.groups ?? [], session.account.groupIds), [data, session]);
  const coverage = useMemo(
    () =>
      data && mine.length > 0
        ? computeCoverage({
            date: today,
            settings,
            groups: mine,
            residents: data.residents,
            sessions: data.sessions,
            completions: data.completions,
            mergedInto: mergedIntoMap(data.residents),
          })
        : null,
    [data, mine, settings, today],
  );

  if (data === null) return <p class="loading">{t('app.loading')}</p>;
  const picked = mine.length === 1 ? mine[0]!.id : choice;
  const group = coverage?.groups.find((g) => g.groupId === picked);
  const row: CoverageRow | undefined = group ?? coverage?.ward;
  const notReached = group
    ? (group.notReached ?? [])
    : (coverage?.groups.flatMap((g) => g.notReached ?? []) ?? []);
  // A count target is the whole ward's: it applies to "all my groups" only when they are the whole ward.
  const targetApplies = group !== undefined || mine.length === data.groups.length;

  return (
    <section class="card tally" aria-labelledby="tally-title">
      <h2 id="tally-title">{t('tally.title')}</h2>
      <p class="hint">{t('tally.asOf', { date: formatDay(today) })}</p>
      {mine.length === 0 ? <p class="notice">{t('tally.noGroups')}</p> : null}
      {mine.length > 1 ? (
        <div class="field">
          <label for="tally-group">{t('tally.groupPicker')}</label>
          <select id="tally-group" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
            <option value={ALL}>{t('tally.allGroups')}</option>
            {mine.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {mine.length === 1 ? <p class="tally-group-name">{mine[0]!.name}</p> : null}
      {row ? (
        <>
          <div class="tally-denominator">
            <p class="tally-big-line">{t('tally.denominator', { count: formatCount(row.denominator) })}</p>
            <p class={row.denominatorSource === 'entered' ? 'hint' : 'notice'}>{denominatorNote(row)}</p>
            <p>{t('tally.registered', { count: formatCount(row.registeredAdults) })}</p>
          </div>
          <div class="indicators">
            <IndicatorCard
              id="k"
              title="tally.k.title"
              figure={row.K}
              denominator={row.denominator}
              targetApplies={targetApplies}
            />
            <IndicatorCard
              id="v"
              title="tally.v.title"
              figure={row.V}
              denominator={row.denominator}
              targetApplies={targetApplies}
            />
          </div>
          <div class="tally-explain">
            <p>{t('tally.explainK')}</p>
            <p>{t('tally.explainV')}</p>
          </div>
          <BreakdownTable row={row} adultAge={settings.adultAge} />
          <NotReachedList ids={notReached} residents={data.residents} />
        </>
      ) : null}
    </section>
  );
}

/** The account's groups as the phone knows them; every group of the ward when the account lists none. */
function myGroups(groups: ResidentialGroup[], ids: readonly string[]): ResidentialGroup[] {
  return ids.length === 0 ? groups : groups.filter((g) => ids.includes(g.id));
}

function denominatorNote(row: CoverageRow): string {
  switch (row.denominatorSource) {
    case 'entered':
      return row.denominatorNote
        ? t('tally.denominatorEntered', {
            source: row.denominatorNote.source,
            date: formatDay(row.denominatorNote.asOf),
          })
        : t('tally.denominatorEnteredAll');
    case 'registered':
      return t('tally.denominatorRegistered');
    case 'mixed':
      return t('tally.denominatorMixed');
  }
}
