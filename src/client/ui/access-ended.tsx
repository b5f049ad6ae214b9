// Full-screen notice when the ward has revoked this device: it is finishing (uploading what is left,
// reporting, erasing), or it needs the network to report before it may erase anything.
import type { Ending } from './app-state';
import { t } from './i18n';

export function AccessEnded({ ending, onRetry }: { ending: Ending; onRetry(): void }) {
  return (
    <section class="card ended" role="alert" aria-labelledby="ended-title">
      <h2 id="ended-title">{t('ended.title')}</h2>
      <p>{t(ending.mode === 'retiring' ? 'ended.retiring' : 'ended.revoked')}</p>
      {ending.needsNetwork ? (
        <>
          <p class="notice notice-strong">{t('ended.needsNetwork')}</p>
          <button type="button" class="button-primary" onClick={onRetry}>
            {t('app.retry')}
          </button>
        </>
      ) : (
        <p class="loading" aria-busy="true">
          {t('ended.working')}
        </p>
      )}
    </section>
  );
}
