// The officer's dashboard ("Tổng quan"): the reporting date (default today; changing it reloads
// everything), the ward's K and V headline, the groups furthest from the target with a drill-down to a
// group's people, charts (Chart.js, loaded lazily) with table alternatives, the age and sex breakdown,
// records to review, and the team's activity. Online only; every section says when it is loading or
// failed, with a retry, and the chosen date is kept through any failure.
import { useState } from 'preact/hooks';
import type { GroupCoverageWire } from '../../../../shared';
import { formatDay, t, todayIso } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';
import { Breakdown } from './breakdown';
import { CoverageCharts } from './coverage-charts';
import { FlaggedRecords } from './flagged-records';
import { FurthestGroups } from './furthest-groups';
import { GroupRoster } from './group-roster';
import { HeadlineCards } from './headline-cards';
import { TeamActivity } from './team-activity';
import { useLoad } from './use-load';
import './dashboard.css';

export interface DashboardPanelProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
  /** Opens another console tab (flagged records: 'residents' for duplicates, 'records' for put-aside). */
  onOpenTab?(tab: 'residents' | 'records' | 'groups' | 'reports'): void;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function DashboardPanel({ api, ward, onOpenTab }: DashboardPanelProps) {
  const today = todayIso();
  const [typed, setTyped] = useState(today);
  const [date, setDate] = useState(today);
  const [version, setVersion] = useState(0);
  const [opened, setOpened] = useState<Pick<GroupCoverageWire, 'groupId' | 'groupName'> | null>(null);
  const [coverage, retry] = useLoad(() => api.coverage.coverage(ward, date), [api, ward, date, version]);

  const [backFromRoster, setBackFromRoster] = useState(false);
  const chooseDate = (value: string) => {
    setTyped(value);
    if (!DATE.test(value) || value === date) return;
    setDate(value);
    setVersion((n) => n + 1);
  };
  const reloadAll = () => {
    setVersion((n) => n + 1);
  };

  return (
    <div class="dashboard">
      <section class="card dashboard-head" aria-labelledby="dashboard-title">
        <h2 id="dashboard-title">{t('dashboard.title')}</h2>
        <div class="dashboard-date">
          <div class="field">
            <label for="dashboard-date">{t('dashboard.date')}</label>
            <input
              id="dashboard-date"
              type="date"
              value={typed}
              max={today}
              aria-describedby="dashboard-date-hint"
              onChange={(e) => chooseDate(e.currentTarget.value)}
            />
            <p id="dashboard-date-hint" class="hint">
              {t('dashboard.dateHint')}
            </p>
          </div>
          <button type="button" class="button-secondary" onClick={reloadAll}>
            {t('dashboard.reload')}
          </button>
        </div>
        {coverage.state === 'ready' ? (
          <p class="dashboard-asof">
            <strong>{coverage.value.wardName}</strong> —{' '}
            {t('dashboard.asOf', { date: formatDay(coverage.value.date) })}
          </p>
        ) : null}
      </section>

      {coverage.state === 'loading' ? <p class="loading card">{t('dashboard.loading')}</p> : null}
      {coverage.state === 'failed' ? (
        <div class="card dashboard-error" role="alert">
          <p class="field-error">{t('dashboard.failed', { reason: coverage.message })}</p>
          <button type="button" class="button-primary" onClick={retry}>
            {t('dashboard.retry')}
          </button>
        </div>
      ) : null}
      {coverage.state === 'ready' ? (
        <>
          <HeadlineCards row={coverage.value.ward} groups={coverage.value.groups} />
          {opened ? (
            <GroupRoster
              api={api.dashboard}
              ward={ward}
              date={coverage.value.date}
              group={opened}
              adultAge={coverage.value.adultAge}
              onBack={() => {
                setOpened(null);
                setBackFromRoster(true);
              }}
            />
          ) : (
            <FurthestGroups
              groups={coverage.value.groups}
              focusTitle={backFromRoster}
              onOpen={(g) => setOpened({ groupId: g.groupId, groupName: g.groupName })}
            />
          )}
          <CoverageCharts coverage={coverage.value} />
          <Breakdown row={coverage.value.ward} adultAge={coverage.value.adultAge} />
        </>
      ) : null}
      <FlaggedRecords api={api} ward={ward} version={version} {...(onOpenTab ? { onOpenTab } : {})} />
      <TeamActivity api={api.dashboard} ward={ward} date={date} version={version} />
    </div>
  );
}
