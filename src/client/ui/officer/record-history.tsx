// A record's history (audit trail, docs/sync.md invariant 10): the version the server holds now and every
// version it replaced, newest first, each with when it was written or replaced (dd/mm/yyyy HH:mm) and the
// fields that changed from the version before it. Opened from a list (a record's "Xem lịch sử") or by
// typing a record id.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  SYNC_COLLECTIONS,
  groupIdSchema,
  summariseRecord,
  uuidSchema,
  type RecordHistoryResponse,
  type SyncCollection,
} from '../../../shared';
import { failureMessage } from '../failure-message';
import { formatDateTime, t } from '../i18n';
import type { RecordsApi } from './records-api';
import { changesBetween, kindLabel, summaryText, type RecordVersion } from './record-words';

export interface HistoryRequest {
  collection: SyncCollection;
  id: string;
}

interface RecordHistoryProps {
  api: RecordsApi;
  ward: string;
  /** A record chosen in a list; `nonce` changes on every choice, so choosing the same one reloads it. */
  request: (HistoryRequest & { nonce: number }) | null;
  groupNames: ReadonlyMap<string, string>;
}

type Loaded =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'loaded'; answer: RecordHistoryResponse };

export function RecordHistory({ api, ward, request, groupNames }: RecordHistoryProps) {
  const [collection, setCollection] = useState<SyncCollection>('residents');
  const [id, setId] = useState('');
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'idle' });
  const heading = useRef<HTMLHeadingElement>(null);
  const asked = useRef(0);

  async function load(target: HistoryRequest) {
    const schema = target.collection === 'groups' ? groupIdSchema : uuidSchema;
    if (!schema.safeParse(target.id).success) {
      setLoaded({ kind: 'error', message: t('records.history.badId') });
      return;
    }
    const mine = ++asked.current;
    setLoaded({ kind: 'loading' });
    try {
      const answer = await api.history(ward, target.collection, target.id);
      if (mine === asked.current) setLoaded({ kind: 'loaded', answer });
    } catch (err) {
      if (mine !== asked.current) return;
      setLoaded({ kind: 'error', message: failureMessage(err, { not_found: 'records.history.notFound' }) });
    }
  }

  useEffect(() => {
    if (request === null) return;
    setCollection(request.collection);
    setId(request.id);
    void load(request);
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, [request]);

  return (
    <section class="card record-history" aria-labelledby="record-history-title">
      <h2 id="record-history-title" tabIndex={-1} ref={heading}>
        {t('records.history.title')}
      </h2>
      <p class="hint">{t('records.history.intro')}</p>
      <form
        class="record-history-form"
        onSubmit={(e) => {
          e.preventDefault();
          void load({ collection, id: id.trim() });
        }}
      >
        <div class="field">
          <label for="history-collection">{t('records.history.collection')}</label>
          <select
            id="history-collection"
            value={collection}
            onChange={(e) => setCollection(e.currentTarget.value as SyncCollection)}
          >
            {SYNC_COLLECTIONS.map((c) => (
              <option key={c} value={c}>
                {kindLabel(c)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="history-id">{t('records.history.id')}</label>
          <input
            id="history-id"
            type="text"
            autocomplete="off"
            spellcheck={false}
            value={id}
            onInput={(e) => setId(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button-primary">
          {t('records.history.show')}
        </button>
      </form>
      <div role="status">
        {loaded.kind === 'loading' ? <p class="loading">{t('records.history.loading')}</p> : null}
      </div>
      {loaded.kind === 'error' ? <p class="field-error">{loaded.message}</p> : null}
      {loaded.kind === 'loaded' ? <Timeline history={loaded.answer} groupNames={groupNames} /> : null}
    </section>
  );
}

interface Version extends RecordVersion {
  title: string;
}

function Timeline({
  history,
  groupNames,
}: {
  history: RecordHistoryResponse;
  groupNames: ReadonlyMap<string, string>;
}) {
  const versions: Version[] = history.history.map((h, i) => ({
    doc: h.doc,
    deleted: h.deleted,
    title: t('records.history.older', { n: i + 1, when: formatDateTime(h.replacedAt) }),
  }));
  if (history.current) {
    versions.push({
      doc: history.current.doc,
      deleted: history.current.deleted,
      title: t('records.history.current', { when: formatDateTime(history.current.receivedAt) }),
    });
  }
  const latest = versions.at(-1);
  const about = latest
    ? summaryText(history.collection, summariseRecord({ ...latest.doc, _deleted: latest.deleted }))
    : history.id;
  return (
    <div class="record-timeline">
      <h3>{t('records.history.of', { kind: kindLabel(history.collection), summary: about })}</h3>
      {history.history.length === 0 ? <p>{t('records.history.neverChanged')}</p> : null}
      <ol class="record-versions" reversed>
        {versions
          .map((version, i) => ({ version, before: versions[i - 1] }))
          .reverse()
          .map(({ version, before }) => (
            <li key={version.title} class="record-version">
              <p class="record-what">{version.title}</p>
              <Changes version={version} before={before} groupNames={groupNames} />
              <details class="record-raw">
                <summary>{t('records.showData')}</summary>
                <pre>{JSON.stringify({ ...version.doc, _deleted: version.deleted }, null, 2)}</pre>
              </details>
            </li>
          ))}
      </ol>
    </div>
  );
}

function Changes({
  version,
  before,
  groupNames,
}: {
  version: Version;
  before: Version | undefined;
  groupNames: ReadonlyMap<string, string>;
}) {
  if (before === undefined) return <p class="hint">{t('records.history.firstState')}</p>;
  const changes = changesBetween(before, version, groupNames);
  if (changes.length === 0) return <p class="hint">{t('records.history.noChanges')}</p>;
  return (
    <>
      <p>{t('records.history.changes')}</p>
      <ul class="record-changes">
        {changes.map((c) => (
          <li key={c.key}>
            {t('records.history.change', { field: c.field, before: c.before, after: c.after })}
          </li>
        ))}
      </ul>
    </>
  );
}
