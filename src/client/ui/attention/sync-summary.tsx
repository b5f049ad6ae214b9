// How sync stands, in three lines: online or offline, records waiting to be sent, last successful sync.
import type { SyncController } from '../../sync';
import { formatDateTime, t } from '../i18n';
import { useSyncStatus } from '../use-sync-status';

export function SyncSummary({ sync }: { sync: SyncController | null }) {
  const status = useSyncStatus(sync);
  return (
    <section class="card sync-summary" aria-labelledby="sync-summary-title">
      <h2 id="sync-summary-title">{t('attention.syncTitle')}</h2>
      {status === null ? (
        <p>{t('sync.notStarted')}</p>
      ) : (
        <ul class="sync-summary-lines">
          <li class={status.online ? 'ok' : 'sync-offline'}>
            {status.online ? t('sync.online') : t('sync.offline')}
          </li>
          <li>{t('sync.waiting', { count: status.waiting })}</li>
          <li>
            {status.lastSyncedAt
              ? t('sync.lastSynced', { when: formatDateTime(status.lastSyncedAt) })
              : t('sync.never')}
          </li>
        </ul>
      )}
      {sync ? (
        <button type="button" class="button-secondary" onClick={() => sync.syncNow()}>
          {t('sync.now')}
        </button>
      ) : null}
    </section>
  );
}
