// The ward officer's console: the people working for the ward with their devices, the invitation form,
// and the ward's records (put aside, imported, their history). People and invitation stay mounted (the
// inactive one hidden) so switching does not lose what was typed; records load when their tab opens.
import { useEffect, useState } from 'preact/hooks';
import type { ResidentialGroup } from '../../../shared';
import type { OfficerSession } from '../../session';
import { t } from '../i18n';
import { ConsoleBar } from './console-bar';
import { InviteForm } from './invite-form';
import type { OfficerApi } from './officer-api';
import { PeopleList } from './people-list';
import { RecordsPanel } from './records-panel';
import { DashboardPanel } from './dashboard/dashboard-panel';
import { ReportsPanel } from './reports/reports-panel';
import { ResidentsPanel } from './residents-admin/residents-panel';
import { PrivacyPanel } from './privacy/privacy-panel';
import { GroupsPanel } from './ward-admin/groups-panel';

export type GroupsSlot = ResidentialGroup[] | null | 'failed';

interface OfficerConsoleProps {
  session: OfficerSession;
  api: OfficerApi;
  onLogout(): Promise<void>;
  origin: string;
}

export function OfficerConsole({ session, api, onLogout, origin }: OfficerConsoleProps) {
  const ward = session.account.wardCode ?? '';
  const [tab, setTab] = useState<Tab>('dashboard');
  const [wardName, setWardName] = useState(ward);
  const [groups, setGroups] = useState<GroupsSlot>(null);
  const [peopleVersion, setPeopleVersion] = useState(0);

  const loadGroups = () => {
    setGroups(null);
    api.groups(ward).then(setGroups, () => setGroups('failed'));
  };
  useEffect(() => {
    loadGroups();
    api.wards().then(
      (wards) => setWardName(wards.find((w) => w.code === ward)?.name ?? ward),
      () => undefined,
    );
  }, [api, ward]);

  return (
    <>
      <ConsoleBar name={session.account.fullName} place={wardName} onLogout={onLogout} />
      <nav class="tabs" aria-label={t('officer.sections')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            aria-pressed={tab === name}
            onClick={() => {
              if (name === 'people') setPeopleVersion((v) => v + 1);
              setTab(name);
            }}
          >
            {t(TAB_LABEL[name])}
          </button>
        ))}
      </nav>
      {tab === 'dashboard' ? (
        <DashboardPanel api={api} ward={ward} groups={groups} onOpenTab={setTab} />
      ) : null}
      {tab === 'groups' ? (
        <GroupsPanel api={api} ward={ward} groups={groups} onGroupsChanged={loadGroups} />
      ) : null}
      {tab === 'residents' ? <ResidentsPanel api={api} ward={ward} groups={groups} /> : null}
      {tab === 'reports' ? <ReportsPanel api={api} ward={ward} groups={groups} /> : null}
      {tab === 'privacy' ? <PrivacyPanel api={api} ward={ward} groups={groups} /> : null}
      <div hidden={tab !== 'people'}>
        <PeopleList api={api} ward={ward} groups={groups} version={peopleVersion} origin={origin} />
      </div>
      <div hidden={tab !== 'invite'}>
        <InviteForm
          api={api}
          ward={ward}
          groups={groups}
          origin={origin}
          onRetryGroups={loadGroups}
          onDone={() => {
            setPeopleVersion((v) => v + 1);
            setTab('people');
          }}
        />
      </div>
      <div hidden={tab !== 'records'}>
        {tab === 'records' ? <RecordsPanel api={api.records} ward={ward} groups={groups} /> : null}
      </div>
    </>
  );
}

const TABS = [
  'dashboard',
  'groups',
  'residents',
  'reports',
  'people',
  'invite',
  'records',
  'privacy',
] as const;
type Tab = (typeof TABS)[number];

const TAB_LABEL = {
  dashboard: 'ward.tabDashboard',
  groups: 'ward.tabGroups',
  residents: 'ward.tabResidents',
  reports: 'ward.tabReports',
  people: 'officer.tabPeople',
  invite: 'officer.tabInvite',
  records: 'officer.tabRecords',
  privacy: 'privacy.tab',
} as const;
