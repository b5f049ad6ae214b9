// The audit log's rows: time, who (with their role; "Hệ thống" for the server itself), the device's label,
// the action in words, what it was about (record ids shortened) and a summary of the detail.
import type { AuditEntry } from '../../../../shared/privacy-api';
import { formatDateTime, t } from '../../i18n';
import { AUDIT_ACTION_WORDS, detailSummary, roleWords, shortenIds } from './privacy-words';

export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    <div class="privacy-scroll" tabIndex={0} role="region" aria-label={t('privacy.audit.table')}>
      <table class="privacy-table privacy-audit-table">
        <thead>
          <tr>
            <th scope="col">{t('privacy.audit.at')}</th>
            <th scope="col">{t('privacy.audit.who')}</th>
            <th scope="col">{t('privacy.audit.device')}</th>
            <th scope="col">{t('privacy.audit.what')}</th>
            <th scope="col">{t('privacy.audit.subject')}</th>
            <th scope="col">{t('privacy.audit.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td class="privacy-nowrap">{formatDateTime(e.at)}</td>
              <td>
                {e.actorName === ''
                  ? t('privacy.audit.system')
                  : t('privacy.audit.actor', { name: e.actorName, role: roleWords(e.actorRole) })}
              </td>
              <td>{e.deviceLabel ?? '—'}</td>
              <td>{t(AUDIT_ACTION_WORDS[e.action])}</td>
              <td title={e.subject}>{shortenIds(e.subject)}</td>
              <td>{detailSummary(e.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
