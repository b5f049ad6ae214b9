// "Xoá dữ liệu" (right to erasure, docs/privacy.md R3–R6): says in plain words what happens — every record
// of the person and their results leave the server and every phone, they leave the coverage figures, it
// cannot be undone, the request is logged — asks the day and a note, and the person's full name typed
// again. The button stays disabled until the name matches (spaces and Unicode form aside).
import { useState } from 'preact/hooks';
import { normaliseText } from '../../../../shared';
import type { EraseResponse, ResidentHit } from '../../../../shared/privacy-api';
import { ConfirmDialog } from '../../confirm-dialog';
import { t } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import { requestFailure } from './privacy-words';
import { checkRequest, newRequestDraft, RequestFields } from './request-fields';

interface EraseDialogProps {
  api: OfficerApi;
  ward: string;
  hit: ResidentHit;
  onDone(answer: EraseResponse): void;
  onCancel(): void;
}

/** Names compared as the server does: one Unicode form (accents typed either way), single spaces. */
const sameName = (a: string, b: string): boolean => normaliseText(a) === normaliseText(b);

export function EraseDialog({ api, ward, hit, onDone, onCancel }: EraseDialogProps) {
  const [draft, setDraft] = useState(newRequestDraft);
  const [typed, setTyped] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const matches = sameName(typed, hit.fullName);

  async function confirm() {
    const request = checkRequest(draft);
    setDateError(request.ok ? null : request.error);
    if (!request.ok || !matches) return;
    setError(null);
    setBusy(true);
    try {
      onDone(await api.privacy.erase(ward, hit.id, { ...request.fields, confirmName: normaliseText(typed) }));
    } catch (err) {
      setError(t('privacy.erase.failed', { reason: requestFailure(err) }));
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      id="privacy-erase"
      title={t('privacy.erase.title', { name: hit.fullName })}
      confirmLabel={busy ? t('privacy.erase.busy') : t('privacy.erase.confirm')}
      confirmDisabled={!matches}
      danger
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <p class="notice notice-strong">{t('privacy.erase.what')}</p>
      <ul class="privacy-erase-what">
        <li>{t('privacy.erase.records')}</li>
        <li>{t('privacy.erase.phones')}</li>
        <li>{t('privacy.erase.coverage')}</li>
        <li>
          <strong>{t('privacy.erase.final')}</strong>
        </li>
        <li>{t('privacy.erase.logged')}</li>
      </ul>
      <RequestFields id="privacy-erase" draft={draft} onChange={setDraft} error={dateError} disabled={busy} />
      <div class="field">
        <label for="privacy-erase-name">{t('privacy.erase.nameLabel', { name: hit.fullName })}</label>
        <p id="privacy-erase-name-hint" class="hint">
          {t('privacy.erase.nameHint')}
        </p>
        <input
          id="privacy-erase-name"
          type="text"
          value={typed}
          maxLength={200}
          autocomplete="off"
          spellcheck={false}
          disabled={busy}
          aria-describedby="privacy-erase-name-hint"
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
      </div>
      <div role="alert" class="form-alert">
        {error ? <p class="field-error">{error}</p> : null}
      </div>
    </ConfirmDialog>
  );
}
