// "Tách tổ": the people of a group (its roster, one line per person — records merged into a person move
// with them), ticked ones move to a new group with the name and kind given. Their results move too;
// sessions stay. Nothing typed or ticked is lost when the server refuses.
import { useEffect, useState } from 'preact/hooks';
import { compareVietnameseNames, type GroupKind, type ResidentialGroup } from '../../../../shared';
import type { RosterPersonWire } from '../../../../shared/dashboard-api';
import type { SplitGroupAnswer } from '../../../../shared/ward-admin';
import { ConfirmDialog } from '../../confirm-dialog';
import { describedBy } from '../../field-error';
import { t, validationMessage } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import { KindField } from './kind-select';
import { groupFailure } from './words';

interface SplitDialogProps {
  api: OfficerApi;
  ward: string;
  group: ResidentialGroup;
  onDone(answer: SplitGroupAnswer): void;
  onCancel(): void;
}

type People = RosterPersonWire[] | null | 'failed';

export function SplitDialog({ api, ward, group, onDone, onCancel }: SplitDialogProps) {
  const [people, setPeople] = useState<People>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<GroupKind>(group.kind);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.dashboard.roster(ward, group.id).then(
      (answer) => {
        if (live)
          setPeople([...answer.people].sort((a, b) => compareVietnameseNames(a.fullName, b.fullName)));
      },
      () => live && setPeople('failed'),
    );
    return () => {
      live = false;
    };
  }, [api, ward, group.id]);

  function toggle(id: string, on: boolean) {
    setError(null);
    setChosen((ids) => {
      const next = new Set(ids);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function confirm() {
    const trimmed = name.replace(/\s+/g, ' ').trim();
    if (trimmed === '') return setError(validationMessage('groupName.required'));
    if (chosen.size === 0) return setError(t('wardAdmin.split.none'));
    setError(null);
    setBusy(true);
    try {
      onDone(
        await api.wardAdmin.splitGroup(ward, group.id, { name: trimmed, kind, residentIds: [...chosen] }),
      );
    } catch (err) {
      setError(groupFailure(err));
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      id="split-dialog"
      title={t('wardAdmin.split.title', { name: group.name })}
      confirmLabel={t('wardAdmin.split.confirm')}
      confirmDisabled={!Array.isArray(people) || people.length === 0}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <p class="hint">{t('wardAdmin.split.intro', { name: group.name })}</p>
      <div class="field">
        <label for="split-name">{t('wardAdmin.split.newName')}</label>
        <input
          id="split-name"
          value={name}
          maxLength={120}
          autocomplete="off"
          disabled={busy}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <KindField id="split-kind" value={kind} disabled={busy} onChange={setKind} />
      <fieldset
        class="field"
        aria-describedby={describedBy('split-chosen', error ? 'split-error' : undefined)}
      >
        <legend>{t('wardAdmin.split.people')}</legend>
        {people === null ? <p class="loading">{t('wardAdmin.split.loading')}</p> : null}
        {people === 'failed' ? <p class="notice">{t('wardAdmin.split.failed')}</p> : null}
        {Array.isArray(people) && people.length === 0 ? (
          <p class="hint">{t('wardAdmin.split.empty')}</p>
        ) : null}
        <div class="choices split-people">
          {(Array.isArray(people) ? people : []).map((p) => (
            <label class="choice" key={p.id}>
              <input
                type="checkbox"
                checked={chosen.has(p.id)}
                disabled={busy}
                onChange={(e) => toggle(p.id, e.currentTarget.checked)}
              />
              <span>{t('wardAdmin.split.person', { name: p.fullName, year: p.birthYear })}</span>
            </label>
          ))}
        </div>
        <p id="split-chosen" class="hint">
          {t('wardAdmin.split.chosen', { count: chosen.size })}
        </p>
      </fieldset>
      <div role="alert" class="form-alert">
        {error ? (
          <p id="split-error" class="field-error">
            {error}
          </p>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
