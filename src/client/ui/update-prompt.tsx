// "A new version is available — Update": shown when the service worker has a newer app waiting.
import type { AppUpdateView } from './app-state';
import { t } from './i18n';

export function UpdatePrompt({ update }: { update: AppUpdateView }) {
  if (!update.needRefresh.value) return null;
  return (
    <div class="update-prompt" role="status">
      <p>{t('update.available')}</p>
      <button type="button" class="button-primary" onClick={() => update.apply()}>
        {t('update.apply')}
      </button>
    </div>
  );
}
