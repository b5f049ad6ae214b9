// "Thêm tổ": a new residential group of the ward (name and kind); the server gives it the next tdp-NN id.
// The name stays typed when the server refuses (a name another group has).
import { useState } from 'preact/hooks';
import { type GroupKind, type ResidentialGroup } from '../../../../shared';
import { describedBy } from '../../field-error';
import { t, validationMessage } from '../../i18n';
import type { WardAdminApi } from './ward-admin-api';
import { KindField } from './kind-select';
import { groupFailure } from './words';

interface AddGroupProps {
  api: WardAdminApi;
  ward: string;
  onAdded(group: ResidentialGroup): void;
}

export function AddGroup({ api, ward, onAdded }: AddGroupProps) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<GroupKind>('to_dan_pho');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const trimmed = name.replace(/\s+/g, ' ').trim();
    if (trimmed === '') return setError(validationMessage('groupName.required'));
    if (trimmed.length > 120) return setError(validationMessage('groupName.tooLong'));
    setError(null);
    setBusy(true);
    try {
      const group = await api.createGroup(ward, { name: trimmed, kind });
      setName('');
      onAdded(group);
    } catch (err) {
      setError(groupFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="add-group-title">
      <h2 id="add-group-title">{t('wardAdmin.add.title')}</h2>
      <form
        class="add-group"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div class="field">
          <label for="add-group-name">{t('wardAdmin.field.name')}</label>
          <input
            id="add-group-name"
            value={name}
            maxLength={120}
            autocomplete="off"
            disabled={busy}
            onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy(error ? 'add-group-error' : undefined)}
          />
        </div>
        <KindField id="add-group-kind" value={kind} disabled={busy} onChange={setKind} />
        <button type="submit" class="button-primary" disabled={busy}>
          {t('wardAdmin.add.submit')}
        </button>
      </form>
      <div role="alert" class="form-alert">
        {error ? (
          <p id="add-group-error" class="field-error">
            {error}
          </p>
        ) : null}
      </div>
    </section>
  );
}
