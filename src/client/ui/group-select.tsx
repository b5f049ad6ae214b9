// The residential-group field of the add-resident form. Groups come from the server, so until the
// first sync there are none: say so instead of showing an empty list.
import type { ResidentialGroup } from '../../shared';
import { describedBy, FieldError } from './field-error';
import { t } from './i18n';

interface GroupSelectProps {
  id: string;
  errorId: string;
  groups: ResidentialGroup[] | null;
  value: string;
  errorKey: string | undefined;
  onChange(value: string): void;
}

export function GroupSelect({ id, errorId, groups, value, errorKey, onChange }: GroupSelectProps) {
  const noGroups = !groups || groups.length === 0;
  return (
    <div class="field">
      {noGroups ? <p class="label">{t('form.group')}</p> : <label for={id}>{t('form.group')}</label>}
      {noGroups ? (
        <p id={`${id}-loading`} class="notice">
          {t('form.groupsLoading')}
        </p>
      ) : (
        <select
          id={id}
          data-field="groupId"
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          aria-invalid={errorKey ? 'true' : undefined}
          aria-describedby={describedBy(errorKey && errorId)}
        >
          <option value="">{t('form.groupPlaceholder')}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      )}
      <FieldError id={errorId} errorKey={errorKey} />
    </div>
  );
}
