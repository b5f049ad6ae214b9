// "Chờ xoá (đã rút đồng ý)": residents whose registration consent is withdrawn and who are not erased
// yet — no longer counted, waiting for the officer to erase them. Each opens the erase dialog.
import type { ResidentHit } from '../../../../shared/privacy-api';
import { t } from '../../i18n';
import { useLoad } from '../dashboard/use-load';
import type { OfficerApi } from '../officer-api';
import { hitMeta } from './hit-badges';
import { LoadFailure } from './load-failure';

interface WithdrawnListProps {
  api: OfficerApi;
  ward: string;
  onErase(hit: ResidentHit): void;
}

export function WithdrawnList({ api, ward, onErase }: WithdrawnListProps) {
  const [list, retry] = useLoad(() => api.privacy.withdrawn(ward), [api, ward]);
  return (
    <section class="card" aria-labelledby="privacy-withdrawn-title">
      <h2 id="privacy-withdrawn-title">{t('privacy.withdrawn.title')}</h2>
      <p class="hint">{t('privacy.withdrawn.hint')}</p>
      {list.state === 'loading' ? <p class="loading">{t('app.loading')}</p> : null}
      {list.state === 'failed' ? (
        <LoadFailure message={t('privacy.withdrawn.failed', { reason: list.message })} onRetry={retry} />
      ) : null}
      {list.state === 'ready' && list.value.residents.length === 0 ? (
        <p>{t('privacy.withdrawn.empty')}</p>
      ) : null}
      {list.state === 'ready' && list.value.residents.length > 0 ? (
        <ul class="privacy-withdrawn">
          {list.value.residents.map((hit) => (
            <li key={hit.id}>
              <div>
                <p class="privacy-hit-name">{hit.fullName}</p>
                <p class="privacy-hit-meta">{hitMeta(hit)}</p>
              </div>
              <button
                type="button"
                class="button-danger-outline"
                aria-label={t('privacy.withdrawn.eraseOf', { name: hit.fullName })}
                onClick={() => onErase(hit)}
              >
                {t('privacy.withdrawn.erase')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
