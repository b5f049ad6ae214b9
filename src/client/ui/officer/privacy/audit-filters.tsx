// The audit log's filters: the kind of action (all, reads of personal data, changes, data-subject
// requests) and a range of days. A day range the wrong way round is said, not sent.
import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n';
import type { AuditFilter } from './privacy-api';

/** The action prefixes the officer can filter on, with their words. */
const KINDS: readonly { prefix: string; key: MessageKey }[] = [
  { prefix: '', key: 'privacy.audit.kindAll' },
  { prefix: 'read', key: 'privacy.audit.kindRead' },
  { prefix: 'change', key: 'privacy.audit.kindChange' },
  { prefix: 'request', key: 'privacy.audit.kindRequest' },
];

interface AuditFiltersProps {
  filter: AuditFilter;
  onChange(filter: AuditFilter): void;
}

export function AuditFilters({ filter, onChange }: AuditFiltersProps) {
  const [from, setFrom] = useState(filter.from ?? '');
  const [to, setTo] = useState(filter.to ?? '');
  const inverted = from !== '' && to !== '' && from > to;

  const apply = (next: { action?: string; from: string; to: string }) => {
    if (next.from !== '' && next.to !== '' && next.from > next.to) return;
    const action = next.action ?? filter.action ?? '';
    onChange({
      ...(action === '' ? {} : { action }),
      ...(next.from === '' ? {} : { from: next.from }),
      ...(next.to === '' ? {} : { to: next.to }),
    });
  };

  return (
    <div class="privacy-filters">
      <div class="field">
        <label for="privacy-audit-kind">{t('privacy.audit.kind')}</label>
        <select
          id="privacy-audit-kind"
          value={filter.action ?? ''}
          onChange={(e) => apply({ action: e.currentTarget.value, from, to })}
        >
          {KINDS.map(({ prefix, key }) => (
            <option key={prefix} value={prefix}>
              {t(key)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="privacy-audit-from">{t('privacy.audit.from')}</label>
        <input
          id="privacy-audit-from"
          type="date"
          value={from}
          aria-invalid={inverted ? 'true' : undefined}
          aria-describedby={inverted ? 'privacy-audit-dates-error' : undefined}
          onInput={(e) => {
            setFrom(e.currentTarget.value);
            apply({ from: e.currentTarget.value, to });
          }}
        />
      </div>
      <div class="field">
        <label for="privacy-audit-to">{t('privacy.audit.to')}</label>
        <input
          id="privacy-audit-to"
          type="date"
          value={to}
          aria-invalid={inverted ? 'true' : undefined}
          aria-describedby={inverted ? 'privacy-audit-dates-error' : undefined}
          onInput={(e) => {
            setTo(e.currentTarget.value);
            apply({ from, to: e.currentTarget.value });
          }}
        />
      </div>
      {inverted ? (
        <p id="privacy-audit-dates-error" class="field-error privacy-filters-error">
          {t('privacy.audit.inverted')}
        </p>
      ) : null}
    </div>
  );
}
