// The volunteer's working screens: ward and sync status in the header, the add-resident form, the
// list, and the account panel (lock, sign out and erase).
import type { DeviceSession } from '../session';
import { AccountPanel } from './account-panel';
import { AppHeader } from './app-header';
import type { AppModel } from './app-state';
import { t } from './i18n';
import { ResidentForm } from './resident-form';
import { ResidentList } from './resident-list';
import { SyncIndicator } from './sync-indicator';
import { UpdatePrompt } from './update-prompt';

export function FieldApp({ model, session }: { model: AppModel; session: DeviceSession }) {
  const db = model.device.db.value;
  const sync = model.device.sync.value;
  return (
    <>
      <AppHeader kv={model.services.settings}>
        <p class="ward-name">{session.ward.name}</p>
        <SyncIndicator sync={sync} />
      </AppHeader>
      <UpdatePrompt update={model.update} />
      <main class="app-main">
        {db === null ? <p class="loading">{t('app.starting')}</p> : null}
        {db === 'failed' ? (
          <p class="card notice-strong" role="alert">
            {t('app.dbFailed')}
          </p>
        ) : null}
        {db && db !== 'failed' ? (
          <>
            <ResidentForm db={db} />
            <ResidentList db={db} sync={sync === 'failed' ? null : sync} />
          </>
        ) : null}
        {db !== null ? (
          <AccountPanel
            session={session}
            sync={sync === 'failed' ? null : sync}
            countAll={db !== 'failed' ? () => db.residents.count() : null}
            onLock={model.actions.lock}
            onErase={model.actions.eraseDevice}
          />
        ) : null}
      </main>
    </>
  );
}
