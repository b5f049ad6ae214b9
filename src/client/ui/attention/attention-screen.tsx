// Records the server put aside (#/attention): which record, why in plain words, and a button to open it
// for fixing; above them, how sync stands (waiting, last successful sync, online or not); below them, the
// export of the records not yet sent, for the ward officer when sync does not work.
import type { Completion } from '../../../shared';
import type { RecordMarks } from '../../sync';
import { useRecordMarks } from '../components/sync-mark';
import { useField, useFieldData, type FieldData } from '../field-context';
import { formatDay, t, type MessageKey } from '../i18n';
import { navigate, type Route } from '../router';
import { ExportUnsynced } from './export-unsynced';
import { QuarantineReason } from './quarantine-reason';
import { SyncSummary } from './sync-summary';
import './attention.css';

type Quarantined = RecordMarks['quarantined'] extends ReadonlyMap<string, infer V> ? V : never;

export function AttentionScreen() {
  const { sync } = useField();
  const data = useFieldData();
  const marks = useRecordMarks();
  const items = marks ? [...marks.quarantined.entries()] : [];
  return (
    <>
      <SyncSummary sync={sync} />
      <section class="card attention" aria-labelledby="attention-title">
        <h2 id="attention-title">{t('attention.title')}</h2>
        {items.length === 0 ? (
          <p class="ok attention-empty">{t('attention.empty')}</p>
        ) : (
          <>
            <p class="hint">{t('attention.intro')}</p>
            <ul class="attention-rows">
              {items.map(([id, entry]) => (
                <AttentionItem key={id} id={id} entry={entry} data={data} />
              ))}
            </ul>
          </>
        )}
      </section>
      <ExportUnsynced />
    </>
  );
}

function AttentionItem({ id, entry, data }: { id: string; entry: Quarantined; data: FieldData | null }) {
  const { label, to } = describe(id, entry.collection, data);
  return (
    <li class="attention-row">
      <p class="attention-what">{label}</p>
      <QuarantineReason code={entry.code} message={entry.message} />
      {to ? (
        <button type="button" class="button-primary" onClick={() => navigate(to)}>
          {t('attention.open')}
        </button>
      ) : null}
    </li>
  );
}

const KIND: Record<Completion['kind'], MessageKey> = {
  trained: 'attention.kind.trained',
  passed: 'attention.kind.passed',
  vneid: 'attention.kind.vneid',
};

/** What the record is, in words, and where it is fixed (a completion is fixed from its resident's page). */
function describe(
  id: string,
  collection: Quarantined['collection'],
  data: FieldData | null,
): { label: string; to: Route | null } {
  if (data === null) return { label: t('app.loading'), to: null };
  const missing = { label: t('attention.missing'), to: null };
  if (collection === 'residents') {
    const r = data.residents.find((x) => x.id === id);
    return r
      ? { label: t('attention.resident', { name: r.fullName }), to: { name: 'resident-edit', id } }
      : missing;
  }
  if (collection === 'sessions') {
    const s = data.sessions.find((x) => x.id === id);
    return s
      ? {
          label: t('attention.session', { date: formatDay(s.date), place: s.place }),
          to: { name: 'session', id },
        }
      : missing;
  }
  const c = data.completions.find((x) => x.id === id);
  if (!c) return missing;
  const name = data.residents.find((r) => r.id === c.residentId)?.fullName ?? t('attention.missing');
  return {
    label: t('attention.completion', { kind: t(KIND[c.kind] ?? 'attention.kind.unknown'), name }),
    to: { name: 'resident', id: c.residentId },
  };
}
