// "Nhật ký truy cập" (docs/privacy.md A5): the ward's audit log newest first — when, who with their role,
// from which device, what in words, on what, and a summary of the detail — filtered by kind of action and
// days, page by page ("Xem thêm"), with how long entries are kept and the filtered log as CSV.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AuditEntry } from '../../../../shared/privacy-api';
import { failureMessage } from '../../failure-message';
import { t } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import { saveFile } from '../reports/export-buttons';
import { AuditFilters } from './audit-filters';
import { AuditTable } from './audit-table';
import { LoadFailure } from './load-failure';
import type { AuditFilter } from './privacy-api';

/** Entries per page. */
const AUDIT_PAGE = 50;

interface Log {
  entries: AuditEntry[];
  next: string | null;
  retentionDays: number;
}

export function AuditLog({ api, ward }: { api: OfficerApi; ward: string }) {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [log, setLog] = useState<Log | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreFailed, setMoreFailed] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // A newer load (another filter, a retry) makes answers still on their way be ignored.
  const loadId = useRef(0);

  useEffect(() => {
    const mine = ++loadId.current;
    setLog(null);
    setFailed(null);
    setMoreFailed(null);
    api.privacy.audit(ward, { ...filter, limit: AUDIT_PAGE }).then(
      (page) => mine === loadId.current && setLog(page),
      (err: unknown) => mine === loadId.current && setFailed(failureMessage(err)),
    );
  }, [api, ward, filter, attempt]);

  async function more() {
    if (log?.next == null) return;
    const mine = loadId.current;
    setMoreBusy(true);
    setMoreFailed(null);
    try {
      const page = await api.privacy.audit(ward, { ...filter, limit: AUDIT_PAGE, before: log.next });
      if (mine !== loadId.current) return;
      setLog({
        entries: [...log.entries, ...page.entries],
        next: page.next,
        retentionDays: page.retentionDays,
      });
    } catch (err) {
      if (mine === loadId.current)
        setMoreFailed(t('privacy.audit.moreFailed', { reason: failureMessage(err) }));
    } finally {
      setMoreBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="privacy-audit-title">
      <h2 id="privacy-audit-title">{t('privacy.audit.title')}</h2>
      <p class="hint">{t('privacy.audit.hint')}</p>
      {log ? (
        <p class="privacy-retention">{t('privacy.audit.retention', { days: log.retentionDays })}</p>
      ) : null}
      <AuditFilters filter={filter} onChange={setFilter} />
      <AuditCsv api={api} ward={ward} filter={filter} />
      {log === null && failed === null ? <p class="loading">{t('app.loading')}</p> : null}
      {failed !== null ? (
        <LoadFailure
          message={t('privacy.audit.failed', { reason: failed })}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      ) : null}
      {log && log.entries.length === 0 ? <p>{t('privacy.audit.empty')}</p> : null}
      {log && log.entries.length > 0 ? <AuditTable entries={log.entries} /> : null}
      {log && log.next !== null ? (
        <button type="button" class="button-secondary" disabled={moreBusy} onClick={() => void more()}>
          {moreBusy ? t('app.loading') : t('privacy.audit.more')}
        </button>
      ) : null}
      {log && log.next === null && log.entries.length > 0 ? (
        <p class="hint">{t('privacy.audit.end')}</p>
      ) : null}
      <div role="alert" class="form-alert">
        {moreFailed ? <p class="field-error">{moreFailed}</p> : null}
      </div>
    </section>
  );
}

/** "Tải CSV": the log with the filters shown, as the server writes it (the export is itself logged). */
function AuditCsv({ api, ward, filter }: { api: OfficerApi; ward: string; filter: AuditFilter }) {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  async function download() {
    setBusy(true);
    setSaid(null);
    try {
      const file = await api.privacy.auditCsv(ward, filter);
      saveFile(file);
      setSaid({ ok: true, text: t('privacy.audit.downloaded', { name: file.filename }) });
    } catch (err) {
      setSaid({ ok: false, text: t('privacy.audit.downloadFailed', { reason: failureMessage(err) }) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="privacy-csv">
      <button type="button" class="button-secondary" disabled={busy} onClick={() => void download()}>
        {busy ? t('privacy.audit.downloading') : t('privacy.audit.csv')}
      </button>
      <div role="status">{said?.ok ? <p class="ok">{said.text}</p> : null}</div>
      <div role="alert" class="form-alert">
        {said && !said.ok ? <p class="field-error">{said.text}</p> : null}
      </div>
    </div>
  );
}
