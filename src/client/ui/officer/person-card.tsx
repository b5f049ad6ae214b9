// One person of the ward: name, role, groups, a pending invitation, and each device with its status,
// app version, last contact and last sync; active devices can be withdrawn or reported lost, and a
// leader's or volunteer's groups changed (with a note on what their phone will do).
import type { DeviceStatus, DeviceView, PersonView } from '../../../shared';
import { formatDateTime, t, type MessageKey } from '../i18n';
import { ROLE_KEYS } from '../roles';
import type { RevokeRequest } from './people-list';

const STATUS_KEYS: Record<DeviceStatus, MessageKey> = {
  active: 'device.status.active',
  retiring: 'device.status.retiring',
  retired: 'device.status.retired',
  lost: 'device.status.lost',
};

interface PersonCardProps {
  person: PersonView;
  groupNames: Map<string, string>;
  onRevoke(request: RevokeRequest): void;
  onReinvite(person: PersonView): void;
  onChangeGroups(person: PersonView): void;
  /** The person's groups were just changed here: say what their phone will do. */
  groupsChanged?: boolean;
}

export function PersonCard(props: PersonCardProps) {
  const { person, groupNames, onRevoke, onReinvite, onChangeGroups, groupsChanged } = props;
  const { account } = person;
  const groups = account.groupIds.map((id) => groupNames.get(id) ?? id).join(', ');
  const fieldRole = account.role === 'leader' || account.role === 'volunteer';
  return (
    <li class="person">
      <h3 id={`person-${account.id}`}>{account.fullName}</h3>
      <p class="person-meta">
        {t(ROLE_KEYS[account.role])}
        {account.phone ? ` · ${t('people.phone', { phone: account.phone })}` : ''}
      </p>
      {groups ? <p class="person-meta">{t('people.groups', { groups })}</p> : null}
      <div role="status">
        {groupsChanged && fieldRole ? <p class="notice">{t('people.groupsChanged')}</p> : null}
      </div>
      {person.pendingInvitation ? (
        <p class="notice">
          {t('people.pending', { when: formatDateTime(person.pendingInvitation.expiresAt) })}
        </p>
      ) : null}
      {person.devices.length === 0 && fieldRole ? <p class="hint">{t('people.noDevices')}</p> : null}
      {person.devices.length > 0 ? (
        <ul class="devices">
          {person.devices.map((device) => (
            <DeviceItem key={device.id} person={person} device={device} onRevoke={onRevoke} />
          ))}
        </ul>
      ) : null}
      {fieldRole ? (
        <div class="device-actions">
          <button
            type="button"
            class="button-secondary"
            aria-describedby={`person-${account.id}`}
            onClick={() => onChangeGroups(person)}
          >
            {t('people.changeGroups')}
          </button>
          <button
            type="button"
            class="button-secondary"
            aria-describedby={`person-${account.id}`}
            onClick={() => onReinvite(person)}
          >
            {t('people.reinvite')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

function DeviceItem({
  person,
  device,
  onRevoke,
}: {
  person: PersonView;
  device: DeviceView;
  onRevoke: PersonCardProps['onRevoke'];
}) {
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : t('device.never'));
  const labelId = `device-${device.id}`;
  return (
    <li class="device">
      <p id={labelId}>
        <strong>{device.label ?? t('device.unnamed')}</strong>{' '}
        <span class={`status status-${device.status}`}>{t(STATUS_KEYS[device.status])}</span>
      </p>
      <p class="person-meta">{t('device.version', { version: device.appVersion ?? '—' })}</p>
      <p class="person-meta">{t('device.lastSeen', { when: when(device.lastSeenAt) })}</p>
      <p class="person-meta">{t('device.lastSync', { when: when(device.lastSyncAt) })}</p>
      {device.unsyncedAtErase !== null ? (
        <p class={device.unsyncedAtErase > 0 ? 'notice notice-strong' : 'person-meta'}>
          {t('device.unsyncedAtErase', { count: device.unsyncedAtErase })}
        </p>
      ) : null}
      {device.status === 'active' ? (
        <div class="device-actions">
          <button
            type="button"
            class="button-secondary"
            aria-describedby={`person-${person.account.id} ${labelId}`}
            onClick={() => onRevoke({ person, device, mode: 'retire' })}
          >
            {t('device.retire')}
          </button>
          <button
            type="button"
            class="button-danger-outline"
            aria-describedby={`person-${person.account.id} ${labelId}`}
            onClick={() => onRevoke({ person, device, mode: 'lost' })}
          >
            {t('device.lost')}
          </button>
        </div>
      ) : null}
    </li>
  );
}
