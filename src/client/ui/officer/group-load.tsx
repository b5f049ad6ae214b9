// The warning list of residential groups with more records than a cheap phone handles comfortably
// (PHONE_COMFORT, docs/unsynced-export.md): which group, which counts are too high, and what to do.
import { useEffect, useState } from 'preact/hooks';
import type { GroupLoadResponse } from '../../../shared';
import { failureMessage } from '../failure-message';
import { t, type MessageKey } from '../i18n';
import type { RecordsApi } from './records-api';

const COUNT_TEXT: Record<'residents' | 'sessions' | 'completions', MessageKey> = {
  residents: 'records.load.residents',
  sessions: 'records.load.sessions',
  completions: 'records.load.completions',
};

const number = (n: number) => n.toLocaleString('vi-VN');

export function GroupLoad({ api, ward, version }: { api: RecordsApi; ward: string; version: number }) {
  const [load, setLoad] = useState<GroupLoadResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setError(null);
    api.groupLoad(ward).then(
      (answer) => current && setLoad(answer),
      (err: unknown) => current && setError(failureMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [api, ward, version]);

  const heavy = load?.groups.filter((g) => g.heavy) ?? [];
  return (
    <section class="card group-load" aria-labelledby="group-load-title">
      <h2 id="group-load-title">{t('records.load.title')}</h2>
      <p class="hint">{t('records.load.intro')}</p>
      {error ? <p class="field-error">{error}</p> : null}
      {load === null && !error ? <p class="loading">{t('app.loading')}</p> : null}
      {load !== null && heavy.length === 0 ? <p class="ok">{t('records.load.none')}</p> : null}
      {heavy.length > 0 ? (
        <>
          <ul class="record-rows">
            {heavy.map((g) => (
              <li key={g.groupId} class="record-row heavy-group">
                <p class="record-what">{t('records.load.heavy', { group: g.name })}</p>
                <ul>
                  {g.over.map((c) => (
                    <li key={c}>
                      {t(COUNT_TEXT[c], { count: number(g[c]), limit: number(load!.thresholds[c]) })}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <p>{t('records.load.advice')}</p>
        </>
      ) : null}
    </section>
  );
}
