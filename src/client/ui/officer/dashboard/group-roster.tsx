// The drill-down of one residential group on the reporting date: counts by status, then who is not yet
// reached first (names, birth year, age), then trained, then confirmed on VNeID; people under the adult
// age only as a count. A back button returns to the groups.
import { useEffect, useRef } from 'preact/hooks';
import { compareVietnameseNames } from '../../../../shared';
import type { RosterPersonWire } from '../../../../shared/dashboard-api';
import { formatDay, t, type MessageKey } from '../../i18n';
import type { DashboardApi } from './dashboard-api';
import { formatCount } from './dashboard-format';
import { useLoad } from './use-load';

interface GroupRosterProps {
  api: DashboardApi;
  ward: string;
  date: string;
  group: { groupId: string; groupName: string };
  adultAge: number;
  onBack(): void;
}

const STATUSES = ['not_reached', 'trained', 'confirmed'] as const;
type Status = (typeof STATUSES)[number];

const HEADING: Record<Status, MessageKey> = {
  not_reached: 'dashboard.roster.not_reached',
  trained: 'dashboard.roster.trained',
  confirmed: 'dashboard.roster.confirmed',
};

export function GroupRoster({ api, ward, date, group, adultAge, onBack }: GroupRosterProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [roster, retry] = useLoad(
    () => api.roster(ward, group.groupId, date),
    [api, ward, group.groupId, date],
  );
  useEffect(() => heading.current?.focus(), [group.groupId]);

  const adults = roster.state === 'ready' ? roster.value.people.filter((p) => p.adult) : [];
  const children = roster.state === 'ready' ? roster.value.people.length - adults.length : 0;
  const byStatus = (status: Status) =>
    adults.filter((p) => p.status === status).sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));

  return (
    <section class="card dashboard-roster" aria-labelledby="dashboard-roster-title">
      <div class="section-head">
        <h2 id="dashboard-roster-title" ref={heading} tabIndex={-1}>
          {t('dashboard.roster.title', { group: group.groupName })}
        </h2>
        <button type="button" class="button-secondary" onClick={onBack}>
          {t('dashboard.roster.back')}
        </button>
      </div>
      {roster.state === 'loading' ? <p class="loading">{t('dashboard.roster.loading')}</p> : null}
      {roster.state === 'failed' ? (
        <div class="dashboard-error" role="alert">
          <p class="field-error">{t('dashboard.roster.failed', { reason: roster.message })}</p>
          <button type="button" class="button-secondary" onClick={retry}>
            {t('dashboard.retry')}
          </button>
        </div>
      ) : null}
      {roster.state === 'ready' ? (
        <>
          <p class="dashboard-roster-counts">
            {t('dashboard.roster.counts', {
              notReached: formatCount(byStatus('not_reached').length),
              trained: formatCount(byStatus('trained').length),
              confirmed: formatCount(byStatus('confirmed').length),
            })}
          </p>
          {STATUSES.map((status) => (
            <StatusList key={status} status={status} people={byStatus(status)} />
          ))}
          {children > 0 ? (
            <p class="hint">
              {t('dashboard.roster.children', { age: adultAge, count: formatCount(children) })}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function StatusList({ status, people }: { status: Status; people: RosterPersonWire[] }) {
  const id = `dashboard-roster-${status}`;
  return (
    <div class={`dashboard-status dashboard-status-${status}`}>
      <h3 id={id}>{t(HEADING[status], { count: formatCount(people.length) })}</h3>
      {people.length === 0 ? (
        <p class="hint">{t('dashboard.roster.none')}</p>
      ) : (
        <table class="dashboard-table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.roster.name')}</th>
              <th scope="col">{t('dashboard.roster.birthYear')}</th>
              <th scope="col">{t('dashboard.roster.age')}</th>
              <th scope="col">{t('dashboard.roster.sex')}</th>
              {status === 'not_reached' ? null : <th scope="col">{t('dashboard.roster.since')}</th>}
            </tr>
          </thead>
          <tbody>
            {people.map((p) => {
              const since = status === 'confirmed' ? p.vFirst : p.kFirst;
              return (
                <tr key={p.id}>
                  <th scope="row">
                    {p.fullName}
                    {p.mergedRecords > 0 ? (
                      <span class="hint"> {t('dashboard.roster.merged', { count: p.mergedRecords })}</span>
                    ) : null}
                  </th>
                  <td>{p.birthYear}</td>
                  <td>{p.age}</td>
                  <td>{t(p.sex === 'female' ? 'dashboard.sex.female' : 'dashboard.sex.male')}</td>
                  {status === 'not_reached' ? null : <td>{since ? formatDay(since) : ''}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
