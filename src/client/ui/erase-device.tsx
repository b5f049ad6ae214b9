// "Sign out and erase this device". With nothing waiting it is a plain confirm; with records not yet on
// the server it refuses until the person ticks a box that repeats how many will be lost.
import { useState } from 'preact/hooks';
import { ConfirmDialog } from './confirm-dialog';
import { t } from './i18n';

interface EraseDeviceProps {
  /** Records not yet on the server (live: it drops as sync catches up). */
  waiting: number;
  onErase(): Promise<void>;
  onCancel(): void;
}

export function EraseDevice({ waiting, onErase, onCancel }: EraseDeviceProps) {
  /** The count the person acknowledged; still valid if fewer records are at risk now. */
  const [acknowledged, setAcknowledged] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const ticked = acknowledged !== null && waiting <= acknowledged;

  async function erase() {
    setBusy(true);
    setFailed(false);
    try {
      await onErase();
    } catch {
      setFailed(true);
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      id="erase"
      title={t('erase.title')}
      confirmLabel={busy ? t('erase.erasing') : t('erase.confirm')}
      danger
      confirmDisabled={waiting > 0 && !ticked}
      busy={busy}
      onConfirm={() => void erase()}
      onCancel={onCancel}
    >
      {waiting === 0 ? (
        <p>{t('erase.allSent')}</p>
      ) : (
        <>
          <p class="notice notice-strong">{t('erase.unsent', { count: waiting })}</p>
          <p>{t('erase.unsentHint')}</p>
          <label class="choice choice-danger">
            <input
              type="checkbox"
              checked={ticked}
              onChange={(e) => setAcknowledged(e.currentTarget.checked ? waiting : null)}
            />
            <span>{t('erase.understand', { count: waiting })}</span>
          </label>
        </>
      )}
      {failed ? (
        <p class="field-error" role="alert">
          {t('erase.failed')}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
