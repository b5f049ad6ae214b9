// The ward's put-aside records (the server's quarantine), newest first: what each record is, why it was
// put aside in plain words, when it arrived, a link to its history, and its raw data only when expanded.
import { useEffect, useState } from 'preact/hooks';
import type { QuarantineItemView, QuarantineResponse } from '../../../shared';
import { failureMessage } from '../failure-message';
import { QuarantineReason, type ReasonWords } from '../attention/quarantine-reason';
import { formatDateTime, t } from '../i18n';
import type { RecordsApi } from './records-api';
import { kindLabel, summaryText } from './record-words';
import type { HistoryRequest } from './record-history';

interface QuarantineListProps {
  api: RecordsApi;
  ward: string;
  /** Changes when the list should be fetched again (after an import). */
  version: number;
  onOpenHistory(request: HistoryRequest): void;
}

export function QuarantineList({ api, ward, version, onOpenHistory }: QuarantineListProps) {
  const [list, setList] = useState<QuarantineResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    setError(null);
    api.quarantine(ward).then(
      (answer) => current && setList(answer),
      (err: unknown) => current && setError(failureMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [api, ward, version, reloads]);

  return (
    <section class="card quarantine-list" aria-labelledby="quarantine-title">
      <div class="section-head">
        <h2 id="quarantine-title">{t('records.quarantine.title')}</h2>
        <button type="button" class="button-secondary" onClick={() => setReloads((n) => n + 1)}>
          {t('records.reload')}
        </button>
      </div>
      <p class="hint">{t('records.quarantine.intro')}</p>
      {error ? <p class="field-error">{error}</p> : null}
      {list === null && !error ? <p class="loading">{t('app.loading')}</p> : null}
      {list?.items.length === 0 ? <p class="ok">{t('records.quarantine.empty')}</p> : null}
      {list && list.total > list.items.length ? (
        <p>{t('records.quarantine.more', { shown: list.items.length, total: list.total })}</p>
      ) : null}
      {list && list.items.length > 0 ? (
        <ul class="record-rows">
          {list.items.map((item, i) => (
            <QuarantineRow key={`${item.receivedAt}-${item.docId}-${i}`} item={item} onOpen={onOpenHistory} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function QuarantineRow({ item, onOpen }: { item: QuarantineItemView; onOpen(r: HistoryRequest): void }) {
  const collection = item.collection;
  const canOpen = item.docId !== '(unknown)' && isRecordCollection(collection);
  return (
    <li class="record-row">
      <p class="record-what">
        {kindLabel(collection)}: {summaryText(collection, item.summary)}
      </p>
      <Reason code={item.reasonCode} message={item.reason} />
      <p class="record-meta">{t('records.quarantine.received', { when: formatDateTime(item.receivedAt) })}</p>
      <div class="record-actions">
        {canOpen ? (
          <button
            type="button"
            class="button-secondary"
            onClick={() => onOpen({ collection: collection as HistoryRequest['collection'], id: item.docId })}
          >
            {t('records.openHistory')}
          </button>
        ) : null}
      </div>
      {item.document ? (
        <details class="record-raw">
          <summary>{t('records.showData')}</summary>
          <pre>{JSON.stringify(item.document, null, 2)}</pre>
        </details>
      ) : null}
    </li>
  );
}

function isRecordCollection(name: string): boolean {
  return name === 'residents' || name === 'sessions' || name === 'completions' || name === 'groups';
}

/** The officer's words for why the server put a record aside (the same layout as the phone's). */
const OFFICER_WORDS: ReasonWords = {
  headline: {
    invalid_document: 'records.reason.invalid_document',
    out_of_scope: 'records.reason.out_of_scope',
  },
  other: 'records.reason.out_of_scope',
  details: 'records.reason.details',
};

/** Why the server put the record aside: the kind of problem, then each field problem in words. */
export function Reason({ code, message }: { code: string; message: string }) {
  return <QuarantineReason code={code} message={message} words={OFFICER_WORDS} />;
}
