// The app shell: header (title, ward, language, sync status) and the screen for the current state.
import type { AppModel, Screen } from './app-state';
import { t } from './i18n';
import { LanguageSwitch } from './language-switch';
import { ResidentForm } from './resident-form';
import { ResidentList } from './resident-list';
import { SyncIndicator } from './sync-indicator';
import { UpdatePrompt } from './update-prompt';
import { WardNeedsNetwork, WardPicker } from './ward-setup';

export function App({ model }: { model: AppModel }) {
  const screen = model.screen.value;
  const sync = model.sync.value;
  const ward = screen.kind === 'ready' ? screen.ward : null;
  return (
    <>
      <header class="app-header">
        <div class="header-row">
          <h1>{t('app.title')}</h1>
          <LanguageSwitch kv={model.kv} />
        </div>
        {ward ? <p class="ward-name">{ward.name || t('ward.fallbackName', { code: ward.code })}</p> : null}
        {screen.kind === 'ready' ? <SyncIndicator sync={sync} /> : null}
      </header>
      <UpdatePrompt update={model.update} />
      <main class="app-main">
        <ScreenBody model={model} screen={screen} />
      </main>
    </>
  );
}

function ScreenBody({ model, screen }: { model: AppModel; screen: Screen }) {
  switch (screen.kind) {
    case 'starting':
      return <p class="loading">{t('app.starting')}</p>;
    case 'loading-wards':
      return <p class="loading">{t('ward.loading')}</p>;
    case 'choose-ward':
      return <WardPicker wards={screen.wards} onChoose={model.chooseWard} />;
    case 'needs-network':
      return <WardNeedsNetwork onRetry={model.retryWards} />;
    case 'no-wards':
      return <WardNeedsNetwork onRetry={model.retryWards} noWards />;
    case 'db-failed':
      return (
        <p class="card notice-strong" role="alert">
          {t('app.dbFailed')}
        </p>
      );
    case 'ready': {
      const sync = model.sync.value;
      return (
        <>
          <ResidentForm db={screen.db} />
          <ResidentList db={screen.db} sync={sync === 'failed' ? null : sync} />
        </>
      );
    }
  }
}
