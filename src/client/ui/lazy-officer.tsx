// Loads the officer's screens on demand: a separate chunk, so phones never download them at start.
import { useEffect, useState } from 'preact/hooks';
import type { ApiHttp } from '../api';
import type { SessionStore } from '../session';
import { t } from './i18n';
import type * as Officer from './officer';

type OfficerModule = typeof Officer;

interface LazyOfficerProps {
  sessions: SessionStore;
  api(getToken?: () => string | null): ApiHttp;
  onExit(): void;
}

export function LazyOfficer(props: LazyOfficerProps) {
  const [mod, setMod] = useState<OfficerModule | 'failed' | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    import('./officer').then(setMod, () => setMod('failed'));
  }, [attempt]);

  if (mod === null) return <p class="loading">{t('app.loading')}</p>;
  if (mod === 'failed') {
    return (
      <section class="card" role="alert">
        <p class="notice-strong">{t('app.chunkFailed')}</p>
        <button type="button" class="button-primary" onClick={() => setAttempt((n) => n + 1)}>
          {t('app.retry')}
        </button>
      </section>
    );
  }
  return <mod.OfficerApp {...props} />;
}
