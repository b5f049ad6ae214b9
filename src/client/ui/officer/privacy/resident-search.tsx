// "Tìm người dân": a name without accents, the last 4 ID digits or a phone number; the matching records
// with birth year, sex, group and badges (merged into someone, consent withdrawn). Choosing one opens
// their card. Records erased during this visit leave the list.
import { useState } from 'preact/hooks';
import { RESIDENT_SEARCH_LIMIT, type ResidentHit } from '../../../../shared/privacy-api';
import { t } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import { HitBadges, hitMeta } from './hit-badges';
import { requestFailure } from './privacy-words';

interface ResidentSearchProps {
  api: OfficerApi;
  ward: string;
  /** Ids erased since the search: shown no more. */
  erased: readonly string[];
  onChoose(hit: ResidentHit, rootName: string | undefined): void;
}

type Found = { q: string; residents: ResidentHit[]; more: boolean };

export function ResidentSearch({ api, ward, erased, onChoose }: ResidentSearchProps) {
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function search(e: Event) {
    e.preventDefault();
    const q = typed.trim();
    if (q === '') return setError(t('privacy.search.typeSomething'));
    setBusy(true);
    setError(null);
    try {
      setFound({ q, ...(await api.privacy.search(ward, q)) });
    } catch (err) {
      setError(t('privacy.search.failed', { reason: requestFailure(err) }));
    } finally {
      setBusy(false);
    }
  }

  const hits = found?.residents.filter((r) => !erased.includes(r.id) && !erased.includes(r.mergedInto ?? ''));
  const rootName = (hit: ResidentHit) => found?.residents.find((r) => r.id === hit.mergedInto)?.fullName;
  return (
    <section class="card privacy-search">
      <h2>{t('privacy.search.title')}</h2>
      <form class="privacy-search-form" onSubmit={(e) => void search(e)} role="search">
        <div class="field">
          <label for="privacy-q">{t('privacy.search.label')}</label>
          <p id="privacy-q-hint" class="hint">
            {t('privacy.search.hint')}
          </p>
          <input
            id="privacy-q"
            type="text"
            value={typed}
            maxLength={100}
            autocomplete="off"
            spellcheck={false}
            aria-describedby="privacy-q-hint"
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button-primary" disabled={busy}>
          {busy ? t('privacy.search.busy') : t('privacy.search.submit')}
        </button>
      </form>
      <div role="alert" class="form-alert">
        {error ? <p class="field-error">{error}</p> : null}
      </div>
      {found && hits ? (
        <div role="status">
          <p>
            {hits.length === 0
              ? t('privacy.search.none', { q: found.q })
              : t('privacy.search.found', { count: hits.length })}
          </p>
          {found.more ? (
            <p class="notice">{t('privacy.search.more', { limit: RESIDENT_SEARCH_LIMIT })}</p>
          ) : null}
        </div>
      ) : null}
      {hits && hits.length > 0 ? (
        <ul class="privacy-hits">
          {hits.map((hit) => (
            <li key={hit.id}>
              <button type="button" class="privacy-hit" onClick={() => onChoose(hit, rootName(hit))}>
                <span class="privacy-hit-name">{hit.fullName}</span>
                <span class="privacy-hit-meta">{hitMeta(hit)}</span>
                <HitBadges hit={hit} rootName={rootName(hit)} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
