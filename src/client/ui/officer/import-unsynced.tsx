// Import of a phone's "unsynced records" file (docs/unsynced-export.md): choose the file, see whose it is
// and how many records it holds, import, then read how many were added, updated, merged, already there or
// put aside, record by record, each a tap away from its history. Importing the same file twice is safe.
import { useState } from 'preact/hooks';
import {
  IMPORT_OUTCOMES,
  summariseRecord,
  unsyncedExportSchema,
  type ImportOutcome,
  type ImportResult,
  type UnsyncedExport,
  type UnsyncedImportResponse,
} from '../../../shared';
import { failureMessage } from '../failure-message';
import { formatDateTime, t, type MessageKey } from '../i18n';
import { Reason } from './quarantine-list';
import type { HistoryRequest } from './record-history';
import type { RecordsApi } from './records-api';
import { kindLabel, summaryText } from './record-words';

const OUTCOME: Record<ImportOutcome, MessageKey> = {
  added: 'records.import.outcome.added',
  updated: 'records.import.outcome.updated',
  merged: 'records.import.outcome.merged',
  unchanged: 'records.import.outcome.unchanged',
  quarantined: 'records.import.outcome.quarantined',
  erased: 'records.import.outcome.erased',
};

/** Rows needing a look first: put aside, then merged, then the rest. */
const ROW_ORDER: Record<ImportOutcome, number> = {
  quarantined: 0,
  merged: 1,
  added: 2,
  updated: 3,
  unchanged: 4,
  erased: 5,
};
const ROWS_SHOWN = 200;

interface ImportUnsyncedProps {
  api: RecordsApi;
  ward: string;
  onImported(): void;
  onOpenHistory(request: HistoryRequest): void;
}

type Step =
  | { kind: 'choose'; problem: string | null }
  | { kind: 'ready'; file: UnsyncedExport }
  | { kind: 'sending'; file: UnsyncedExport }
  | { kind: 'done'; file: UnsyncedExport; answer: UnsyncedImportResponse }
  | { kind: 'failed'; file: UnsyncedExport; message: string };

export function ImportUnsynced({ api, ward, onImported, onOpenHistory }: ImportUnsyncedProps) {
  const [step, setStep] = useState<Step>({ kind: 'choose', problem: null });

  async function read(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    if (chosen === undefined) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await chosen.text());
    } catch {
      parsed = undefined;
    }
    const file = unsyncedExportSchema.safeParse(parsed);
    if (!file.success) return setStep({ kind: 'choose', problem: t('records.import.notOurs') });
    if (file.data.wardCode !== ward) {
      return setStep({
        kind: 'choose',
        problem: t('records.import.otherWard', { ward: file.data.wardCode }),
      });
    }
    if (file.data.records.length === 0)
      return setStep({ kind: 'choose', problem: t('records.import.empty') });
    setStep({ kind: 'ready', file: file.data });
  }

  async function send(file: UnsyncedExport) {
    setStep({ kind: 'sending', file });
    try {
      const answer = await api.importUnsynced(ward, file);
      setStep({ kind: 'done', file, answer });
      onImported();
    } catch (err) {
      setStep({ kind: 'failed', file, message: failureMessage(err) });
    }
  }

  const file = step.kind === 'choose' ? null : step.file;
  return (
    <section class="card import-unsynced" aria-labelledby="import-title">
      <h2 id="import-title">{t('records.import.title')}</h2>
      <p class="hint">{t('records.import.intro')}</p>
      <div class="field">
        <label for="import-file">{t('records.import.choose')}</label>
        <input
          id="import-file"
          type="file"
          accept=".json,application/json"
          class="file-input"
          disabled={step.kind === 'sending'}
          onChange={(e) => void read(e.currentTarget)}
        />
      </div>
      {step.kind === 'choose' && step.problem ? <p class="field-error">{step.problem}</p> : null}
      {file ? (
        <p>
          {t('records.import.fileInfo', {
            name: file.account?.fullName ?? t('records.import.unknownPerson'),
            when: formatDateTime(file.exportedAt),
            count: file.records.length,
          })}
        </p>
      ) : null}
      {step.kind === 'ready' || step.kind === 'sending' || step.kind === 'failed' ? (
        <button
          type="button"
          class="button-primary"
          disabled={step.kind === 'sending'}
          onClick={() => void send(step.file)}
        >
          {step.kind === 'sending'
            ? t('records.import.sending')
            : t('records.import.send', { count: step.file.records.length })}
        </button>
      ) : null}
      {step.kind === 'failed' ? <p class="field-error">{step.message}</p> : null}
      <div role="status">
        {step.kind === 'done' ? (
          <Result file={step.file} answer={step.answer} onOpen={onOpenHistory} />
        ) : null}
      </div>
    </section>
  );
}

function Result({
  file,
  answer,
  onOpen,
}: {
  file: UnsyncedExport;
  answer: UnsyncedImportResponse;
  onOpen(r: HistoryRequest): void;
}) {
  const rows = [...answer.results].sort(
    (a, b) => ROW_ORDER[a.outcome] - ROW_ORDER[b.outcome] || a.index - b.index,
  );
  return (
    <div class="import-result">
      <p class="ok">{t('records.import.done')}</p>
      <ul class="import-counts">
        {IMPORT_OUTCOMES.map((outcome) => (
          <li key={outcome} class={`import-count import-${outcome}`}>
            {t('records.import.count', { label: t(OUTCOME[outcome]), count: answer.counts[outcome] })}
          </li>
        ))}
      </ul>
      <details class="import-rows" open={rows.length <= 20}>
        <summary>{t('records.import.rows')}</summary>
        {rows.length > ROWS_SHOWN ? (
          <p>{t('records.import.rowsShown', { shown: ROWS_SHOWN, total: rows.length })}</p>
        ) : null}
        <ul class="record-rows">
          {rows.slice(0, ROWS_SHOWN).map((row) => (
            <ResultRow key={row.index} row={row} file={file} onOpen={onOpen} />
          ))}
        </ul>
      </details>
    </div>
  );
}

function ResultRow({
  row,
  file,
  onOpen,
}: {
  row: ImportResult;
  file: UnsyncedExport;
  onOpen(r: HistoryRequest): void;
}) {
  const doc = file.records[row.index]?.doc;
  return (
    <li class="record-row">
      <p class="record-what">
        {kindLabel(row.collection)}: {summaryText(row.collection, summariseRecord(doc))}
      </p>
      <p class={`import-outcome import-${row.outcome}`}>{t(OUTCOME[row.outcome])}</p>
      {row.reason ? <Reason code={row.reason.code} message={row.reason.message} /> : null}
      {row.id !== '(unknown)' ? (
        <button
          type="button"
          class="button-secondary"
          onClick={() => onOpen({ collection: row.collection, id: row.id })}
        >
          {t('records.openHistory')}
        </button>
      ) : null}
    </li>
  );
}
