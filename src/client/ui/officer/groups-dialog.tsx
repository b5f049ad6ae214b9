// The officer's "Đổi tổ phụ trách" dialog: a checkbox per residential group of the ward, the person's
// current groups ticked, checked with the shared schema before anything is sent; "Lưu" / "Huỷ".
import { useState } from 'preact/hooks';
import { changeGroupsBodySchema, type PersonView } from '../../../shared';
import { ConfirmDialog } from '../confirm-dialog';
import { describedBy } from '../field-error';
import { t } from '../i18n';
import type { GroupsSlot } from './officer-console';

interface GroupsDialogProps {
  person: PersonView;
  groups: GroupsSlot;
  busy: boolean;
  /** The server's refusal of the last save, already in words. */
  error: string | null;
  /** The chosen groups differ from the person's: send them. */
  onSave(groupIds: string[]): void;
  onCancel(): void;
}

export function GroupsDialog({ person, groups, busy, error, onSave, onCancel }: GroupsDialogProps) {
  const current = person.account.groupIds;
  const live = Array.isArray(groups) ? groups : [];
  // Ticked: the person's groups that are still groups of the ward (a deleted one cannot be kept).
  const [chosen, setChosen] = useState<string[]>(() =>
    live.filter((g) => current.includes(g.id)).map((g) => g.id),
  );
  const [invalid, setInvalid] = useState<string | null>(null);
  const message = invalid ?? error;
  const errorId = message ? 'groups-dialog-error' : undefined;

  function save() {
    const parsed = changeGroupsBodySchema.safeParse({ groupIds: chosen });
    if (!parsed.success) {
      const required = parsed.error.issues.some((i) => i.message === 'groupIds.required');
      setInvalid(t(required ? 'people.groupsRequired' : 'people.groupsTooMany'));
      return;
    }
    const same = chosen.length === current.length && chosen.every((id) => current.includes(id));
    if (same) onCancel();
    else onSave(chosen);
  }

  function toggle(id: string, on: boolean) {
    setInvalid(null);
    // Kept in the ward's order, so the person's groups read as the list does.
    setChosen((ids) => live.map((g) => g.id).filter((g) => (g === id ? on : ids.includes(g))));
  }

  return (
    <ConfirmDialog
      id="groups-dialog"
      title={t('people.groupsTitle', { name: person.account.fullName })}
      confirmLabel={t('people.groupsSave')}
      confirmDisabled={!Array.isArray(groups)}
      busy={busy}
      onConfirm={save}
      onCancel={onCancel}
    >
      <fieldset class="field" aria-describedby={describedBy('groups-dialog-hint', errorId)}>
        <legend>{t('people.groupsLegend')}</legend>
        <p id="groups-dialog-hint" class="hint">
          {t('people.groupsHint')}
        </p>
        {groups === null ? <p class="loading">{t('app.loading')}</p> : null}
        {groups === 'failed' ? <p class="notice">{t('people.groupsUnavailable')}</p> : null}
        <div class="choices group-choices">
          {live.map((g) => (
            <label class="choice" key={g.id}>
              <input
                type="checkbox"
                checked={chosen.includes(g.id)}
                disabled={busy}
                onChange={(e) => toggle(g.id, e.currentTarget.checked)}
                aria-invalid={invalid ? 'true' : undefined}
              />
              <span>{g.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div role="alert" class="form-alert">
        {message ? (
          <p id={errorId} class="field-error">
            {message}
          </p>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
