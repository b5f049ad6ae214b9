// What a resident address shows when the record is not on this phone (deleted, merged, or a stale link).
import { t } from '../i18n';
import { BackToRoster } from './route-link';

export function NotFound() {
  return (
    <section class="card" aria-labelledby="resident-not-found">
      <h2 id="resident-not-found">{t('residents.title')}</h2>
      <p class="notice" role="alert">
        {t('residents.notFound')}
      </p>
      <BackToRoster />
    </section>
  );
}
