// First-run screens before the app knows its ward: pick one of several wards, or explain that the
// list needs the network once (with a retry button).
import type { WardInfo } from './app-state';
import { t } from './i18n';

export function WardPicker({ wards, onChoose }: { wards: WardInfo[]; onChoose(ward: WardInfo): void }) {
  return (
    <section class="card" aria-labelledby="ward-picker-title">
      <h2 id="ward-picker-title">{t('ward.chooseTitle')}</h2>
      <p class="hint">{t('ward.chooseHint')}</p>
      <ul class="ward-choices">
        {wards.map((w) => (
          <li key={w.code}>
            <button type="button" class="button-secondary" onClick={() => onChoose(w)}>
              {w.name}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function WardNeedsNetwork({ onRetry, noWards }: { onRetry(): void; noWards?: boolean }) {
  return (
    <section class="card" role="alert">
      <p class="notice-strong">{t(noWards ? 'ward.none' : 'ward.needsNetwork')}</p>
      {noWards ? null : <p>{t('ward.needsNetworkHint')}</p>}
      <button type="button" class="button-primary" onClick={onRetry}>
        {t('app.retry')}
      </button>
    </section>
  );
}
