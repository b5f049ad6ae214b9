// The team's work: training sessions each account logged per ISO week over the last 8 weeks (weeks start
// on Monday, the last one holds the reporting date), with totals of sessions and results recorded.
import { ACTIVITY_WEEKS_DEFAULT } from '../../../../shared/dashboard-api';
import { formatDay, t } from '../../i18n';
import type { DashboardApi } from './dashboard-api';
import { formatCount } from './dashboard-format';
import { useLoad } from './use-load';

interface TeamActivityProps {
  api: DashboardApi;
  ward: string;
  date: string;
  version: number;
}

/** "16/03" from "2026-03-16". */
const dayMonth = (day: string) => formatDay(day).slice(0, 5);

export function TeamActivity({ api, ward, date, version }: TeamActivityProps) {
  const [activity, retry] = useLoad(
    () => api.activity(ward, { weeks: ACTIVITY_WEEKS_DEFAULT, date }),
    [api, ward, date, version],
  );
  return (
    <section class="card dashboard-activity" aria-labelledby="dashboard-activity-title">
      <h2 id="dashboard-activity-title">{t('dashboard.activity.title')}</h2>
      <p class="hint">{t('dashboard.activity.hint')}</p>
      {activity.state === 'loading' ? <p class="loading">{t('dashboard.loading')}</p> : null}
      {activity.state === 'failed' ? (
        <div class="dashboard-error" role="alert">
          <p class="field-error">{t('dashboard.activity.failed', { reason: activity.message })}</p>
          <button type="button" class="button-secondary" onClick={retry}>
            {t('dashboard.retry')}
          </button>
        </div>
      ) : null}
      {activity.state === 'ready' && activity.value.people.length === 0 ? (
        <p>{t('dashboard.activity.empty')}</p>
      ) : null}
      {activity.state === 'ready' && activity.value.people.length > 0 ? (
        <div class="dashboard-scroll">
          <table class="dashboard-table dashboard-activity-table" aria-labelledby="dashboard-activity-title">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.activity.person')}</th>
                {activity.value.weeks.map((week) => (
                  <th scope="col" key={week} title={formatDay(week)}>
                    {t('dashboard.activity.week', { date: dayMonth(week) })}
                  </th>
                ))}
                <th scope="col">{t('dashboard.activity.totalSessions')}</th>
                <th scope="col">{t('dashboard.activity.totalCompletions')}</th>
              </tr>
            </thead>
            <tbody>
              {activity.value.people.map((person) => (
                <tr key={person.accountId ?? ''}>
                  <th scope="row">
                    {person.accountId === null ? t('dashboard.activity.unknown') : person.fullName}
                  </th>
                  {person.sessions.map((n, i) => (
                    <td key={activity.value.weeks[i]} class={n === 0 ? 'dashboard-zero' : undefined}>
                      {formatCount(n)}
                    </td>
                  ))}
                  <td>
                    <strong>{formatCount(person.totalSessions)}</strong>
                  </td>
                  <td>{formatCount(person.totalCompletions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
