// The officer's "Người dân" tab: possible duplicates to review and merge, and the import of a resident list
// from the ward's own Excel file.
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';
import { t } from '../../i18n';
import { Duplicates } from './duplicates';
import { ImportResidents } from './import-residents';

export function ResidentsPanel(props: { api: OfficerApi; ward: string; groups: GroupsSlot }) {
  return (
    <div class="ward-panels">
      <section class="card" aria-labelledby="dup-title">
        <h2 id="dup-title">{t('ward.duplicatesTitle')}</h2>
        <Duplicates {...props} />
      </section>
      <section class="card" aria-labelledby="import-title">
        <h2 id="import-title">{t('ward.importTitle')}</h2>
        <ImportResidents {...props} />
      </section>
    </div>
  );
}
