// "Yêu cầu đã xử lý": the ward's data-subject requests as logged (docs/privacy.md R6), newest first — the
// day asked, when done, the kind in words, the record, who handled it, the note and what was done.
import { formatDateTime, formatDay, t } from '../../i18n';
import { useLoad } from '../dashboard/use-load';
import type { OfficerApi } from '../officer-api';
import { LoadFailure } from './load-failure';
import { REQUEST_KIND_WORDS, requestResult, shortId } from './privacy-words';

export function RequestLog({ api, ward }: { api: OfficerApi; ward: string }) {
  const [log, retry] = useLoad(() => api.privacy.requests(ward), [api, ward]);
  const requests = log.state === 'ready' ? [...log.value.requests].sort((a, b) => b.id - a.id) : [];
  return (
    <section class="card" aria-labelledby="privacy-requests-title">
      <h2 id="privacy-requests-title">{t('privacy.requests.title')}</h2>
      <p class="hint">{t('privacy.requests.hint')}</p>
      {log.state === 'loading' ? <p class="loading">{t('app.loading')}</p> : null}
      {log.state === 'failed' ? (
        <LoadFailure message={t('privacy.requests.failed', { reason: log.message })} onRetry={retry} />
      ) : null}
      {log.state === 'ready' && requests.length === 0 ? <p>{t('privacy.requests.empty')}</p> : null}
      {requests.length > 0 ? (
        <div class="privacy-scroll" tabIndex={0} role="region" aria-label={t('privacy.requests.table')}>
          <table class="privacy-table">
            <thead>
              <tr>
                <th scope="col">{t('privacy.requests.receivedOn')}</th>
                <th scope="col">{t('privacy.requests.doneAt')}</th>
                <th scope="col">{t('privacy.requests.kind')}</th>
                <th scope="col">{t('privacy.requests.resident')}</th>
                <th scope="col">{t('privacy.requests.handledBy')}</th>
                <th scope="col">{t('privacy.requests.note')}</th>
                <th scope="col">{t('privacy.requests.result')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>{formatDay(r.receivedOn)}</td>
                  <td>{formatDateTime(r.doneAt)}</td>
                  <td>{t(REQUEST_KIND_WORDS[r.kind])}</td>
                  <td title={r.residentId}>{shortId(r.residentId)}</td>
                  <td>{r.handledByName}</td>
                  <td>{r.note}</td>
                  <td>{requestResult(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
