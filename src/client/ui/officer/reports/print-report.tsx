// The print-ready report for the December submission: the national heading, the issuing ward, the title
// and date, the coverage table of every group with the ward's totals row (the same table as the XLSX),
// a short note on denominators, and the signature block. "In báo cáo" prints it; reports.css keeps only
// this report on paper (A4 landscape). Loads the coverage of the chosen date.
import { useEffect, useState } from 'preact/hooks';
import type { CoverageResponse } from '../../../../shared';
import { failureMessage } from '../../failure-message';
import { formatDay, t } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';
import {
  NUMBER_COLUMNS,
  columnNames,
  groupRows,
  targetText,
  wardAfterUbnd,
  wardRow,
  type ReportRow,
} from './report-rows';
import './reports.css';

export interface PrintReportProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
  date: string;
}

export function PrintReport({ api, ward, date }: PrintReportProps) {
  const [coverage, setCoverage] = useState<CoverageResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setError(null);
    setCoverage(null);
    api.coverage.coverage(ward, date).then(
      (answer) => current && setCoverage(answer),
      (err: unknown) => current && setError(t('reports.loadFailed', { reason: failureMessage(err) })),
    );
    return () => {
      current = false;
    };
  }, [api, ward, date, attempt]);

  return (
    <section class="card print-report" aria-labelledby="print-report-title">
      <div class="no-print print-report-bar">
        <div>
          <h2 id="print-report-title">{t('reports.printTitle')}</h2>
          <p class="hint">{t('reports.printHint')}</p>
        </div>
        <button
          class="button-primary"
          type="button"
          disabled={coverage === null}
          onClick={() => window.print()}
        >
          {t('reports.print')}
        </button>
      </div>
      {error ? (
        <div class="no-print" role="alert">
          <p class="field-error">{error}</p>
          <button type="button" class="button-secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('app.retry')}
          </button>
        </div>
      ) : null}
      {coverage === null && !error ? <p class="loading no-print">{t('app.loading')}</p> : null}
      {coverage !== null ? <ReportSheet coverage={coverage} /> : null}
    </section>
  );
}

function ReportSheet({ coverage }: { coverage: CoverageResponse }) {
  const columns = columnNames(coverage.adultAge);
  const age = coverage.adultAge;
  return (
    <article class="report-sheet" aria-label={t('reports.heading')}>
      <header class="report-top">
        <div class="report-issuer">
          <p class="report-upper">{t('reports.issuer', { ward: wardAfterUbnd(coverage.wardName) })}</p>
          <p class="report-rule" aria-hidden="true" />
        </div>
        <div class="report-nation">
          <p class="report-upper report-strong">{t('reports.nation')}</p>
          <p class="report-strong">{t('reports.motto')}</p>
          <p class="report-rule" aria-hidden="true" />
        </div>
      </header>
      <h3 class="report-heading">{t('reports.heading')}</h3>
      <p class="report-center">{t('reports.asOf', { date: formatDay(coverage.date) })}</p>
      <p class="report-center">
        {t('reports.wardLine', { ward: coverage.wardName, code: coverage.wardCode, age })}
      </p>
      <p class="report-center">
        {t('reports.targets', {
          year: coverage.date.slice(0, 4),
          k: targetText(coverage.ward.K.target),
          v: targetText(coverage.ward.V.target),
        })}
      </p>
      <table class="report-table">
        <caption>{t('reports.tableCaption')}</caption>
        <thead>
          <tr>
            {columns.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groupRows(coverage).map((row) => (
            <Row key={row.key} row={row} />
          ))}
        </tbody>
        <tfoot>
          <Row row={wardRow(coverage)} totals />
        </tfoot>
      </table>
      <section class="report-notes" aria-label={t('reports.notesTitle')}>
        <p class="report-strong">{t('reports.notesTitle')}</p>
        <ul>
          <li>{t('reports.noteEntered', { age })}</li>
          <li>{t('reports.noteRegistered', { age })}</li>
          <li>{t('reports.noteOverFull')}</li>
          <li>{t('reports.noteTotals')}</li>
        </ul>
      </section>
      <div class="report-signatures">
        <div class="report-signature">
          <p class="report-date-line">&nbsp;</p>
          <p class="report-strong">{t('reports.preparer')}</p>
          <p class="report-sign-hint">{t('reports.signHint')}</p>
        </div>
        <div class="report-signature">
          <p class="report-date-line">{t('reports.signDate')}</p>
          <p class="report-strong">{t('reports.onBehalf')}</p>
          <p class="report-sign-hint">{t('reports.signStampHint')}</p>
        </div>
      </div>
    </article>
  );
}

function Row({ row, totals = false }: { row: ReportRow; totals?: boolean }) {
  return (
    <tr
      class={[totals ? 'report-totals' : '', row.overFull ? 'report-over' : ''].join(' ').trim() || undefined}
    >
      {row.cells.map((cell, i) =>
        i === 0 ? (
          <th key={i} scope="row">
            {cell}
          </th>
        ) : (
          <td key={i} class={NUMBER_COLUMNS.has(i) ? 'report-number' : undefined}>
            {cell}
          </td>
        ),
      )}
    </tr>
  );
}
