// A section's failed load in words, with a retry (the dashboard's pattern).
import { t } from '../../i18n';

export function LoadFailure({ message, onRetry }: { message: string; onRetry(): void }) {
  return (
    <div class="privacy-failure" role="alert">
      <p class="field-error">{message}</p>
      <button type="button" class="button-secondary" onClick={onRetry}>
        {t('app.retry')}
      </button>
    </div>
  );
}
