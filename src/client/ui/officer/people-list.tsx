// The people of the ward (volunteers, leaders, officers) with their devices. Revoking a device asks
// for confirmation first; the list reloads afterwards. A leader's or volunteer's groups are changed in a
// dialog; their card then shows the new groups and what their phone will do at its next sync.
import { useEffect, useState } from 'preact/hooks';
import type { DeviceView, InvitationResponse, PersonView, RevokeMode } from '../../../shared';
import { ConfirmDialog } from '../confirm-dialog';
import { failureMessage } from '../failure-message';
import { t } from '../i18n';
import { GroupsDialog } from './groups-dialog';
import { InvitationCard } from './invitation-card';
import type { GroupsSlot } from './officer-console';
import type { OfficerApi } from './officer-api';
import { PersonCard } from './person-card';

interface PeopleListProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
  /** Changes when the list should be fetched again (after an invitation). */
  version: number;
  origin: string;
}

export interface RevokeRequest {
  person: PersonView;
  device: DeviceView;
  mode: RevokeMode;
}

export function PeopleList({ api, ward, groups, version, origin }: PeopleListProps) {
  const [people, setPeople] = useState<PersonView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState<RevokeRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [invitation, setInvitation] = useState<InvitationResponse | null>(null);
  const [changing, setChanging] = useState<PersonView | null>(null);
  const [changeError, setChangeError] = useState<string | null>(null);
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    let current = true;
    setError(null);
    api.people(ward).then(
      (list) => current && setPeople(list),
      (err: unknown) => current && setError(failureMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [api, ward, version, reloads]);

  async function revoke(request: RevokeRequest) {
    setBusy(true);
    try {
      await api.revoke(ward, request.device.id, request.mode);
      setAsking(null);
      setReloads((n) => n + 1);
    } catch (err) {
      setAsking(null);
      setError(failureMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function saveGroups(person: PersonView, groupIds: string[]) {
    setBusy(true);
    setChangeError(null);
    try {
      const account = await api.changeGroups(ward, person.account.id, groupIds);
      setPeople((list) => list && list.map((p) => (p.account.id === account.id ? { ...p, account } : p)));
      setChanged((ids) => new Set(ids).add(account.id));
      setChanging(null);
    } catch (err) {
      setChangeError(
        failureMessage(err, { not_found: 'people.groupsNotFound', invalid_body: 'people.groupsInvalid' }),
      );
    } finally {
      setBusy(false);
    }
  }

  async function reinvite(person: PersonView) {
    setError(null);
    try {
      setInvitation(await api.reinvite(ward, person.account.id));
    } catch (err) {
      setError(failureMessage(err));
    }
  }

  if (invitation) {
    const done = () => {
      setInvitation(null);
      setReloads((n) => n + 1);
    };
    return <InvitationCard invitation={invitation} origin={origin} onDone={done} />;
  }
  const groupNames = new Map(Array.isArray(groups) ? groups.map((g) => [g.id, g.name]) : []);
  return (
    <section class="card people" aria-labelledby="people-title">
      <div class="section-head">
        <h2 id="people-title">{t('people.title')}</h2>
        <button type="button" class="button-secondary" onClick={() => setReloads((n) => n + 1)}>
          {t('people.reload')}
        </button>
      </div>
      <div role="alert" class="form-alert">
        {error ? <p class="field-error">{error}</p> : null}
      </div>
      {people === null && !error ? <p class="loading">{t('app.loading')}</p> : null}
      {people?.length === 0 ? <p>{t('people.empty')}</p> : null}
      {people && people.length > 0 ? (
        <ul class="people-list">
          {people.map((person) => (
            <PersonCard
              key={person.account.id}
              person={person}
              groupNames={groupNames}
              onRevoke={setAsking}
              onReinvite={(p) => void reinvite(p)}
              onChangeGroups={(p) => {
                setChangeError(null);
                setChanging(p);
              }}
              groupsChanged={changed.has(person.account.id)}
            />
          ))}
        </ul>
      ) : null}
      {changing ? (
        <GroupsDialog
          person={changing}
          groups={groups}
          busy={busy}
          error={changeError}
          onSave={(ids) => void saveGroups(changing, ids)}
          onCancel={() => setChanging(null)}
        />
      ) : null}
      {asking ? (
        <ConfirmDialog
          id="revoke"
          title={t(asking.mode === 'retire' ? 'device.retireTitle' : 'device.lostTitle', {
            name: asking.person.account.fullName,
          })}
          confirmLabel={t(asking.mode === 'retire' ? 'device.retireConfirm' : 'device.lostConfirm')}
          danger={asking.mode === 'lost'}
          busy={busy}
          onConfirm={() => void revoke(asking)}
          onCancel={() => setAsking(null)}
        >
          <p>{t(asking.mode === 'retire' ? 'device.retireBody' : 'device.lostBody')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
