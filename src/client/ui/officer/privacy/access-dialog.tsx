// "Xem và xuất dữ liệu" (right of access, docs/privacy.md R1): asks the day the person asked and a note,
// then has the server gather everything held about them (the request is logged) and hands it on.
import { useState } from 'preact/hooks';
import type { AccessResponse, ResidentHit } from '../../../../shared/privacy-api';
import { ConfirmDialog } from '../../confirm-dialog';
import { t } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import { requestFailure } from './privacy-words';
import { checkRequest, newRequestDraft, RequestFields } from './request-fields';

interface AccessDialogProps {
  api: OfficerApi;
  ward: string;
  hit: ResidentHit;
  onDone(answer: AccessResponse): void;
  onCancel(): void;
}

export function AccessDialog({ api, ward, hit, onDone, onCancel }: AccessDialogProps) {
  const [draft, setDraft] = useState(newRequestDraft);
  const [dateError, setDateError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    const request = checkRequest(draft);
    setDateError(request.ok ? null : request.error);
    if (!request.ok) return;
    setError(null);
    setBusy(true);
    try {
      onDone(await api.privacy.access(ward, hit.id, request.fields));
    } catch (err) {
      setError(t('privacy.access.failed', { reason: requestFailure(err) }));
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      id="privacy-access"
      title={t('privacy.access.title', { name: hit.fullName })}
      confirmLabel={busy ? t('privacy.access.busy') : t('privacy.access.confirm')}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <p class="hint lead">{t('privacy.access.intro')}</p>
      <RequestFields
        id="privacy-access"
        draft={draft}
        onChange={setDraft}
        error={dateError}
        disabled={busy}
      />
      <div role="alert" class="form-alert">
        {error ? <p class="field-error">{error}</p> : null}
      </div>
    </ConfirmDialog>
  );
}
