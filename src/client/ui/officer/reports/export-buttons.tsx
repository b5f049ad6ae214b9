// The coverage and not-reached downloads of the "Báo cáo" tab: the coverage table as Excel or CSV on the
// chosen date, and a chosen group's "not reached" list for its leader. Each download fetches the file with
// the officer's token, then saves it through an <a download> on an object URL. Errors are said in words;
// the chosen group stays chosen.
import { useEffect, useState } from 'preact/hooks';
import { failureMessage } from '../../failure-message';
import { t } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';
import type { DownloadedFile, ExportFormat } from './reports-api';
import './reports.css';

export interface ExportButtonsProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
  /** The reporting date shown (YYYY-MM-DD). */
  date: string;
}

/** Hands a downloaded file to the browser as a download with its name. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoke after the browser has started the download.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

type Job = `coverage-${ExportFormat}` | `not-reached-${ExportFormat}`;

export function ExportButtons({ api, ward, groups, date }: ExportButtonsProps) {
  const [busy, setBusy] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [groupId, setGroupId] = useState('');
  const list = Array.isArray(groups) ? groups : [];

  // Choose the first group once the list arrives; keep a choice that still exists.
  useEffect(() => {
    if (list.length > 0 && !list.some((g) => g.id === groupId)) setGroupId(list[0]!.id);
  }, [groups]);

  const run = async (job: Job, fetchFile: () => Promise<DownloadedFile>) => {
    setBusy(job);
    setError(null);
    setDone(null);
    try {
      const file = await fetchFile();
      saveFile(file);
      setDone(t('reports.downloaded', { name: file.filename }));
    } catch (err) {
      const reason = failureMessage(
        err,
        job.startsWith('not-reached') ? { not_found: 'reports.groupGone' } : {},
      );
      setError(t('reports.downloadFailed', { reason }));
    } finally {
      setBusy(null);
    }
  };

  const coverage = (format: ExportFormat) =>
    run(`coverage-${format}`, () => api.reports.coverageFile(ward, date, format));
  const notReached = (format: ExportFormat) =>
    run(`not-reached-${format}`, () => api.reports.notReachedFile(ward, groupId, date, format));
  const label = (job: Job, text: string) => (busy === job ? t('reports.downloading') : text);

  return (
    <div class="export-buttons">
      <section aria-labelledby="export-coverage-title">
        <h3 id="export-coverage-title">{t('reports.downloadTitle')}</h3>
        <p class="hint">{t('reports.downloadHint')}</p>
        <div class="export-actions">
          <button
            class="button-primary"
            type="button"
            disabled={busy !== null}
            onClick={() => void coverage('xlsx')}
          >
            {label('coverage-xlsx', t('reports.xlsx'))}
          </button>
          <button
            type="button"
            class="button-secondary"
            disabled={busy !== null}
            onClick={() => void coverage('csv')}
          >
            {label('coverage-csv', t('reports.csv'))}
          </button>
        </div>
      </section>
      <section aria-labelledby="export-not-reached-title">
        <h3 id="export-not-reached-title">{t('reports.notReachedTitle')}</h3>
        <p class="hint">{t('reports.notReachedHint')}</p>
        {groups === null ? <p class="loading">{t('reports.groupsLoading')}</p> : null}
        {groups === 'failed' ? <p class="field-error">{t('reports.groupsFailed')}</p> : null}
        {Array.isArray(groups) && list.length === 0 ? <p class="hint">{t('reports.noGroups')}</p> : null}
        {list.length > 0 ? (
          <>
            <label class="export-group">
              {t('reports.group')}
              <select value={groupId} onChange={(e) => setGroupId((e.target as HTMLSelectElement).value)}>
                {list.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            </label>
            <div class="export-actions">
              <button
                class="button-primary"
                type="button"
                disabled={busy !== null || groupId === ''}
                onClick={() => void notReached('xlsx')}
              >
                {label('not-reached-xlsx', t('reports.notReachedXlsx'))}
              </button>
              <button
                type="button"
                class="button-secondary"
                disabled={busy !== null || groupId === ''}
                onClick={() => void notReached('csv')}
              >
                {label('not-reached-csv', t('reports.notReachedCsv'))}
              </button>
            </div>
          </>
        ) : null}
      </section>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p class="ok" role="status">
          {done}
        </p>
      ) : null}
    </div>
  );
}
