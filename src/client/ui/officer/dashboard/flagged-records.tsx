// Records to review: how many the server put aside (api.records.quarantine) and how many pairs may be the
// same person (api.coverage.duplicates), each with a button to the console tab that handles them. A count
// that cannot be fetched says "chưa xem được" instead of failing the dashboard.
import { t, type MessageKey } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import { formatCount } from './dashboard-format';
import { useLoad, type Loaded } from './use-load';

interface FlaggedRecordsProps {
  api: OfficerApi;
  ward: string;
  /** Changes when everything is reloaded. */
  version: number;
  onOpenTab?(tab: 'residents' | 'records'): void;
}

function valueText<T>(loaded: Loaded<T>, count: (value: T) => string): string {
  if (loaded.state === 'loading') return '…';
  if (loaded.state === 'failed') return t('dashboard.flagged.unavailable');
  return count(loaded.value);
}

export function FlaggedRecords({ api, ward, version, onOpenTab }: FlaggedRecordsProps) {
  const [quarantine] = useLoad(() => api.records.quarantine(ward), [api, ward, version]);
  const [duplicates] = useLoad(() => api.coverage.duplicates(ward), [api, ward, version]);
  const rows: { label: MessageKey; value: string; tab: 'records' | 'residents'; open: MessageKey }[] = [
    {
      label: 'dashboard.flagged.quarantine',
      value: valueText(quarantine, (q) => formatCount(q.total)),
      tab: 'records',
      open: 'dashboard.flagged.openRecords',
    },
    {
      label: 'dashboard.flagged.duplicates',
      value: valueText(duplicates, (d) => t('dashboard.flagged.pairs', { count: formatCount(d.length) })),
      tab: 'residents',
      open: 'dashboard.flagged.openDuplicates',
    },
  ];
  return (
    <section class="card dashboard-flagged" aria-labelledby="dashboard-flagged-title">
      <h2 id="dashboard-flagged-title">{t('dashboard.flagged.title')}</h2>
      <ul class="dashboard-flagged-list">
        {rows.map((row) => (
          <li key={row.tab}>
            <p class="dashboard-flagged-count">
              {t(row.label)}: <strong>{row.value}</strong>
            </p>
            {onOpenTab ? (
              <button type="button" class="button-secondary" onClick={() => onOpenTab(row.tab)}>
                {t(row.open)}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
