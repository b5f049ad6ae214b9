// "Xuất các bản ghi chưa gửi": saves every record the server has not acknowledged into a JSON file the
// volunteer hands to the ward officer (docs/unsynced-export.md). Works offline: the file is built from the
// phone's own database and downloaded through a Blob link; the builder loads only when asked.
import { useState } from 'preact/hooks';
import { APP_VERSION } from '../../app-version';
import { useField } from '../field-context';
import { t } from '../i18n';

type Step =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'none' }
  | { kind: 'done'; count: number; file: string }
  | { kind: 'failed' };

export function ExportUnsynced() {
  const { db, kv, sync, session } = useField();
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  async function exportNow() {
    setStep({ kind: 'working' });
    try {
      const { buildUnsyncedExport, unsyncedExportFileName } = await import('../../sync/unsynced-export');
      const { account } = session;
      const file = await buildUnsyncedExport({
        db,
        kv,
        wardCode: session.ward.code,
        marks: sync?.records.get() ?? null,
        deviceId: session.deviceId,
        account: { id: account.id, fullName: account.fullName, role: account.role },
        appVersion: APP_VERSION,
      });
      if (file.records.length === 0) {
        setStep({ kind: 'none' });
        return;
      }
      const name = unsyncedExportFileName(file.wardCode);
      download(new Blob([JSON.stringify(file)], { type: 'application/json' }), name);
      setStep({ kind: 'done', count: file.records.length, file: name });
    } catch {
      setStep({ kind: 'failed' });
    }
  }

  return (
    <section class="card unsynced-export" aria-labelledby="unsynced-export-title">
      <h2 id="unsynced-export-title">{t('unsyncedExport.title')}</h2>
      <p class="hint">{t('unsyncedExport.intro')}</p>
      <button
        type="button"
        class="button-secondary"
        disabled={step.kind === 'working'}
        onClick={() => void exportNow()}
      >
        {step.kind === 'working' ? t('unsyncedExport.working') : t('unsyncedExport.button')}
      </button>
      <div role="status" class="unsynced-export-result">
        {step.kind === 'none' ? <p>{t('unsyncedExport.none')}</p> : null}
        {step.kind === 'done' ? (
          <p class="ok">{t('unsyncedExport.done', { count: step.count, file: step.file })}</p>
        ) : null}
        {step.kind === 'failed' ? <p class="field-error">{t('unsyncedExport.failed')}</p> : null}
      </div>
    </section>
  );
}

/** Saves the blob under this name through a temporary link (no network, no server round trip). */
function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started the download by now; the URL is released a little later to be safe.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
