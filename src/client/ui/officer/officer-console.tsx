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

export type GroupsSlot = ResidentialGroup[] | null | 'failed';

interface OfficerConsoleProps {
  session: OfficerSession;
  api: OfficerApi;
  onLogout(): Promise<void>;
  origin: string;
}

export function OfficerConsole({ session, api, onLogout, origin }: OfficerConsoleProps) {
  const ward = session.account.wardCode ?? '';
  const [tab, setTab] = useState<'people' | 'invite' | 'records'>('people');
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
        {(['people', 'invite', 'records'] as const).map((name) => (
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

const TAB_LABEL = {
  people: 'officer.tabPeople',
  invite: 'officer.tabInvite',
  records: 'officer.tabRecords',
} as const;
