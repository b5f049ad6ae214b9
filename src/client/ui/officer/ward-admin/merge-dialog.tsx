// "Gộp vào tổ khác": choose the group to merge into; the confirmation says what moves (residents, results
// and sessions, counted from the ward's group load) and what happens after (the group leaves the list,
// its history stays, its leaders and volunteers get the other group). Danger button: it cannot be undone
// from this screen.
import { useEffect, useState } from 'preact/hooks';
import type { GroupLoad, ResidentialGroup } from '../../../../shared';
import type { MergeGroupAnswer } from '../../../../shared/ward-admin';
import { ConfirmDialog } from '../../confirm-dialog';
import { t } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import { groupFailure } from './words';

interface MergeDialogProps {
  api: OfficerApi;
  ward: string;
  group: ResidentialGroup;
  /** The ward's live groups (the group itself included). */
  groups: readonly ResidentialGroup[];
  onDone(answer: MergeGroupAnswer, into: ResidentialGroup): void;
  onCancel(): void;
}

export function MergeDialog({ api, ward, group, groups, onDone, onCancel }: MergeDialogProps) {
  const others = groups.filter((g) => g.id !== group.id);
  const [intoId, setIntoId] = useState('');
  const [load, setLoad] = useState<GroupLoad | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const into = others.find((g) => g.id === intoId);

  useEffect(() => {
    let live = true;
    api.records.groupLoad(ward).then(
      (answer) => live && setLoad(answer.groups.find((g) => g.groupId === group.id) ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, ward, group.id]);

  async function confirm() {
    if (into === undefined) return setError(t('wardAdmin.merge.pick'));
    setError(null);
    setBusy(true);
    try {
      onDone(await api.wardAdmin.mergeGroup(ward, group.id, into.id), into);
    } catch (err) {
      setError(groupFailure(err));
      setBusy(false);
    }
  }

  const names = { from: group.name, into: into?.name ?? '…' };
  return (
    <ConfirmDialog
      id="merge-dialog"
      title={t('wardAdmin.merge.title', { name: group.name })}
      confirmLabel={t('wardAdmin.merge.confirm')}
      confirmDisabled={others.length === 0}
      danger
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      {others.length === 0 ? (
        <p class="notice">{t('wardAdmin.merge.noOther')}</p>
      ) : (
        <div class="field">
          <label for="merge-into">{t('wardAdmin.merge.into')}</label>
          <select
            id="merge-into"
            value={intoId}
            disabled={busy}
            onChange={(e) => {
              setError(null);
              setIntoId(e.currentTarget.value);
            }}
          >
            <option value="">{t('wardAdmin.merge.choose')}</option>
            {others.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {into ? (
        <div class="merge-what">
          <p>
            {load
              ? t('wardAdmin.merge.what', {
                  ...names,
                  residents: load.residents,
                  completions: load.completions,
                  sessions: load.sessions,
                })
              : t('wardAdmin.merge.whatUnknown', names)}
          </p>
          <p>{t('wardAdmin.merge.after', names)}</p>
        </div>
      ) : null}
      <div role="alert" class="form-alert">
        {error ? <p class="field-error">{error}</p> : null}
      </div>
    </ConfirmDialog>
  );
}
