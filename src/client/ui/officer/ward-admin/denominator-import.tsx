// Import of the adult population per group from the officer's Excel or CSV file: choose the file, read
// the dry run (each row: the group, the figure in the file, the one in use, what will happen or what is
// wrong, in Vietnamese), then write. Rows with errors are never written; the same file again changes
// nothing. The file stays chosen when the server cannot be reached, so "Ghi" can be tried again.
import { useState } from 'preact/hooks';
import type { AdultPopulation } from '../../../../shared';
import {
  DENOMINATOR_FILE_MAX_BASE64,
  type DenominatorFileProblem,
  type DenominatorImportAnswer,
  type DenominatorRow,
  type DenominatorRowError,
} from '../../../../shared/ward-admin';
import { failureMessage } from '../../failure-message';
import { formatDay, t, type MessageKey } from '../../i18n';
import type { WardAdminApi } from './ward-admin-api';

interface DenominatorImportProps {
  api: WardAdminApi;
  ward: string;
  onCommitted(): void;
}

interface Chosen {
  filename: string;
  contentBase64: string;
}

type Step =
  | { kind: 'choose'; problem: string | null }
  | { kind: 'checking'; file: Chosen }
  | { kind: 'preview'; file: Chosen; answer: DenominatorImportAnswer; problem: string | null }
  | { kind: 'committing'; file: Chosen; answer: DenominatorImportAnswer }
  | { kind: 'done'; answer: DenominatorImportAnswer };

const STATUS: Record<DenominatorRow['status'], MessageKey> = {
  update: 'wardAdmin.import.status.update',
  unchanged: 'wardAdmin.import.status.unchanged',
  error: 'wardAdmin.import.status.error',
};

const PROBLEM: Record<DenominatorFileProblem, MessageKey> = {
  'file.type': 'wardAdmin.import.problem.file.type',
  'file.unreadable': 'wardAdmin.import.problem.file.unreadable',
  'file.encoding': 'wardAdmin.import.problem.file.encoding',
  'file.empty': 'wardAdmin.import.problem.file.empty',
  'file.tooManyRows': 'wardAdmin.import.problem.file.tooManyRows',
  'columns.group': 'wardAdmin.import.problem.columns.group',
  'columns.count': 'wardAdmin.import.problem.columns.count',
  'columns.source': 'wardAdmin.import.problem.columns.source',
  'columns.date': 'wardAdmin.import.problem.columns.date',
};

const ROW_ERROR: Record<DenominatorRowError, MessageKey> = {
  'group.missing': 'wardAdmin.import.error.group.missing',
  'group.unknown': 'wardAdmin.import.error.group.unknown',
  'group.twice': 'wardAdmin.import.error.group.twice',
  'count.missing': 'wardAdmin.import.error.count.missing',
  'count.invalid': 'wardAdmin.import.error.count.invalid',
  'source.missing': 'wardAdmin.import.error.source.missing',
  'source.tooLong': 'wardAdmin.import.error.source.tooLong',
  'date.missing': 'wardAdmin.import.error.date.missing',
  'date.invalid': 'wardAdmin.import.error.date.invalid',
  'date.future': 'wardAdmin.import.error.date.future',
};

/** The file's bytes as base64 (in slices: String.fromCharCode takes a bounded number of arguments). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const figure = (p: AdultPopulation | undefined) =>
  p ? `${p.count.toLocaleString('vi-VN')} — ${p.source}, ${formatDay(p.asOf)}` : '—';

export function DenominatorImport({ api, ward, onCommitted }: DenominatorImportProps) {
  const [step, setStep] = useState<Step>({ kind: 'choose', problem: null });

  async function choose(input: HTMLInputElement) {
    const picked = input.files?.[0];
    if (picked === undefined) return;
    let file: Chosen;
    try {
      file = { filename: picked.name, contentBase64: await base64Of(picked) };
    } catch {
      return setStep({ kind: 'choose', problem: t('wardAdmin.import.readFailed') });
    }
    if (file.contentBase64.length > DENOMINATOR_FILE_MAX_BASE64) {
      return setStep({ kind: 'choose', problem: t('wardAdmin.import.tooBig') });
    }
    setStep({ kind: 'checking', file });
    try {
      const answer = await api.importDenominators(ward, { ...file, commit: false });
      setStep({ kind: 'preview', file, answer, problem: null });
    } catch (err) {
      setStep({ kind: 'choose', problem: failureMessage(err) });
    }
  }

  async function commit(file: Chosen, answer: DenominatorImportAnswer) {
    setStep({ kind: 'committing', file, answer });
    try {
      const done = await api.importDenominators(ward, { ...file, commit: true });
      setStep({ kind: 'done', answer: done });
      onCommitted();
    } catch (err) {
      setStep({ kind: 'preview', file, answer, problem: failureMessage(err) });
    }
  }

  const answer = step.kind === 'preview' || step.kind === 'committing' ? step.answer : null;
  return (
    <section class="card denominator-import" aria-labelledby="denominator-import-title">
      <h2 id="denominator-import-title">{t('wardAdmin.import.title')}</h2>
      <p class="hint">{t('wardAdmin.import.intro')}</p>
      <div class="field">
        <label for="denominator-file">{t('wardAdmin.import.choose')}</label>
        <input
          id="denominator-file"
          type="file"
          class="file-input"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          disabled={step.kind === 'checking' || step.kind === 'committing'}
          onChange={(e) => void choose(e.currentTarget)}
        />
      </div>
      <div role="status">
        {step.kind === 'checking' ? <p class="loading">{t('wardAdmin.import.checking')}</p> : null}
        {step.kind === 'done' ? (
          <p class="notice-done">
            {step.answer.written > 0
              ? t('wardAdmin.import.done', { count: step.answer.written })
              : t('wardAdmin.import.doneNothing')}
          </p>
        ) : null}
      </div>
      <div role="alert" class="form-alert">
        {step.kind === 'choose' && step.problem ? <p class="field-error">{step.problem}</p> : null}
        {step.kind === 'preview' && step.problem ? <p class="field-error">{step.problem}</p> : null}
        {answer?.problems.map((p) => (
          <p key={p} class="field-error">
            {t(PROBLEM[p])}
          </p>
        ))}
      </div>
      {answer && answer.problems.length === 0 ? <Preview answer={answer} /> : null}
      {step.kind === 'preview' || step.kind === 'committing' ? (
        <button
          type="button"
          class="button-primary"
          disabled={step.kind === 'committing' || step.answer.counts.update === 0}
          onClick={() => void commit(step.file, step.answer)}
        >
          {step.kind === 'committing'
            ? t('wardAdmin.import.committing')
            : t('wardAdmin.import.commit', { count: step.answer.counts.update })}
        </button>
      ) : null}
    </section>
  );
}

function Preview({ answer }: { answer: DenominatorImportAnswer }) {
  return (
    <>
      <p>{t('wardAdmin.import.summary', answer.counts)}</p>
      {answer.counts.error > 0 ? <p class="notice">{t('wardAdmin.import.errorsSkipped')}</p> : null}
      <table class="ward-admin-table import-preview">
        <caption>{t('wardAdmin.import.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wardAdmin.import.col.line')}</th>
            <th scope="col">{t('wardAdmin.import.col.group')}</th>
            <th scope="col">{t('wardAdmin.import.col.figure')}</th>
            <th scope="col">{t('wardAdmin.import.col.previous')}</th>
            <th scope="col">{t('wardAdmin.import.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {answer.rows.map((row) => (
            <tr key={row.line} class={`import-row import-${row.status}`}>
              <td>{row.line}</td>
              <td>{row.groupName ?? row.groupText}</td>
              <td>{figure(row.adultPopulation)}</td>
              <td>{figure(row.previous)}</td>
              <td>
                {t(STATUS[row.status])}
                {row.errors.length > 0 ? `: ${row.errors.map((e) => t(ROW_ERROR[e])).join('; ')}` : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
