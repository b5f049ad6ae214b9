// The notice shown when the browser deleted the device's data: what may be gone (records not yet sent
// as of the ledger's last update), what to do (sync now to bring back what the server holds, tell the
// ward officer, or enrol again), and "I understand", after which it is not shown again. Never blocks the app.
import { formatDateTime, t } from '../i18n';
import type { LossReport } from '../../platform/device-ledger';

interface DataLossNoticeProps {
  report: LossReport;
  /** "Sync now", when this device still syncs (not after its enrollment was lost too). */
  onSyncNow?: (() => void) | undefined;
  onAcknowledge(): void;
}

export function DataLossNotice({ report, onSyncNow, onAcknowledge }: DataLossNoticeProps) {
  const when = report.waitingAt ?? report.lastDataAt;
  return (
    <section class="card notice-strong data-loss" role="alert" aria-labelledby="data-loss-title">
      <h2 id="data-loss-title">{t('loss.title')}</h2>
      <p>{kindText(report)}</p>
      <p>
        <strong>{whatMayBeGone(report, when)}</strong>
      </p>
      <p>
        {report.lastSyncedAt
          ? t('loss.lastSync', { time: formatDateTime(report.lastSyncedAt) })
          : t('loss.neverSynced')}
      </p>
      <p>{t('loss.whatToDo')}</p>
      <ul>
        <li>{report.sessionLost ? t('loss.reenroll') : t('loss.doSync')}</li>
        <li>{t('loss.tellOfficer')}</li>
      </ul>
      <div class="account-actions">
        {onSyncNow && !report.sessionLost ? (
          <button type="button" class="button-primary" onClick={onSyncNow}>
            {t('loss.syncNow')}
          </button>
        ) : null}
        <button type="button" class="button-secondary" onClick={onAcknowledge}>
          {t('loss.acknowledge')}
        </button>
      </div>
    </section>
  );
}

function kindText(report: LossReport): string {
  if (report.kind === 'empty') return t('loss.kind.empty', { records: report.records });
  return t(report.kind === 'dataLoss' ? 'loss.kind.dataLoss' : 'loss.kind.missing');
}

function whatMayBeGone(report: LossReport, when: string | null): string {
  if (report.waiting === null || when === null) return t('loss.waitingUnknown');
  const time = formatDateTime(when);
  return report.waiting > 0
    ? t('loss.waiting', { count: report.waiting, time })
    : t('loss.noneWaiting', { time });
}
