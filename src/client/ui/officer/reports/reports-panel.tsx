// The officer's "Báo cáo" tab: the reporting date, downloads (XLSX, CSV), the print-ready report, and the
// closed periods with their late corrections.
import { useState } from 'preact/hooks';
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';
import { t } from '../../i18n';
import { todayIso } from '../../i18n/format';
import { ExportButtons } from './export-buttons';
import { Periods } from './periods';
import { PrintReport } from './print-report';

export function ReportsPanel(props: { api: OfficerApi; ward: string; groups: GroupsSlot }) {
  const [date, setDate] = useState(todayIso());
  return (
    <div class="ward-panels">
      <section class="card no-print" aria-labelledby="report-date-title">
        <h2 id="report-date-title">{t('ward.reportTitle')}</h2>
        <label>
          {t('ward.reportDate')}{' '}
          <input
            type="date"
            value={date}
            onChange={(e) => {
              const value = (e.target as HTMLInputElement).value;
              if (value) setDate(value);
            }}
          />
        </label>
        <ExportButtons {...props} date={date} />
      </section>
      <PrintReport {...props} date={date} />
      <section class="card no-print" aria-labelledby="periods-title">
        <h2 id="periods-title">{t('ward.periodsTitle')}</h2>
        <Periods {...props} />
      </section>
    </div>
  );
}
