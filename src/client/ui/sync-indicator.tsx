// The sync indicator: connection, records waiting, last successful sync, problems, and "sync now".
// The controller arrives after the first render (replication is loaded lazily), so null is normal.
// Kept short (it sits in the header of a 360 px screen): "nothing waiting" is said by the list instead.
import type { SyncController, SyncStatus } from '../sync';
import type { MessageKey } from './i18n';
import { formatDateTime, t } from './i18n';
import { useSyncStatus } from './use-sync-status';

export type SyncIndicatorSource = Pick<SyncController, 'status' | 'syncNow'>;

const PROBLEM_KEYS: Record<NonNullable<SyncStatus['problem']>, MessageKey> = {
  unreachable: 'sync.problem.unreachable',
  client_too_old: 'sync.problem.client_too_old',
  server_error: 'sync.problem.server_error',
  revoked: 'sync.problem.revoked',
  retiring: 'sync.problem.retiring',
  unauthenticated: 'sync.problem.unauthenticated',
};

export function SyncIndicator({ sync }: { sync: SyncIndicatorSource | null | 'failed' }) {
  const source = sync === 'failed' ? null : sync;
  const status = useSyncStatus(source);
  return (
    <section class="sync" aria-label={t('sync.title')}>
      <div role="status" aria-live="polite" class="sync-lines">
        {sync === 'failed' ? <p class="problem">{t('sync.failedToStart')}</p> : null}
        {sync !== 'failed' && !status ? <p>{t('sync.notStarted')}</p> : null}
        {status ? <StatusLines status={status} /> : null}
      </div>
      {source && status?.online ? (
        <button type="button" class="button-secondary" onClick={() => source.syncNow()}>
          {t('sync.now')}
        </button>
      ) : null}
    </section>
  );
}

function StatusLines({ status }: { status: SyncStatus }) {
  // "Unreachable" says nothing new while the phone knows it is offline; "update the app" always matters.
  const problem = status.online || status.problem === 'client_too_old' ? status.problem : null;
  return (
    <>
      <p class={status.online ? 'online' : 'offline'}>
        <span class="dot" aria-hidden="true" />
        {status.online ? t(status.syncing ? 'sync.syncing' : 'sync.online') : t('sync.offline')}
      </p>
      {status.online ? null : <p class="offline-hint">{t('sync.offlineHint')}</p>}
      {status.waiting > 0 ? <p class="waiting">{t('sync.waiting', { count: status.waiting })}</p> : null}
      <p>
        {status.lastSyncedAt
          ? t('sync.lastSynced', { when: formatDateTime(status.lastSyncedAt) })
          : t('sync.never')}
      </p>
      {problem ? <p class="problem">{t(PROBLEM_KEYS[problem])}</p> : null}
      {status.needsAttention > 0 ? (
        <p class="problem">{t('sync.needsAttention', { count: status.needsAttention })}</p>
      ) : null}
    </>
  );
}
