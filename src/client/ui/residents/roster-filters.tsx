// The roster's search box and filters: name search, group (only when the phone has several), status
// and age band. Values are kept like a draft, so the list looks the same when the volunteer comes back.
import type { ResidentialGroup, ResidentStatus } from '../../../shared';
import { t } from '../i18n';
import { bandLabel, statusLabel } from './labels';
import { ROSTER_BANDS, ROSTER_STATUSES, type RosterBand } from './roster-index';

export interface RosterFilterValues {
  text: string;
  groupId: string;
  status: '' | ResidentStatus;
  band: '' | RosterBand;
}

interface FilterProps {
  values: RosterFilterValues;
  groups: readonly ResidentialGroup[];
  onChange(patch: Partial<RosterFilterValues>): void;
}

export function RosterFilters({ values, groups, onChange }: FilterProps) {
  return (
    <div class="card roster-filters" role="search">
      <div class="field roster-search">
        <label for="roster-search">{t('residents.search')}</label>
        <p id="roster-search-hint" class="hint">
          {t('residents.searchHint')}
        </p>
        <input
          id="roster-search"
          type="search"
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          enterKeyHint="search"
          value={values.text}
          onInput={(e) => onChange({ text: e.currentTarget.value })}
          aria-describedby="roster-search-hint"
        />
      </div>
      <div class="roster-selects">
        {groups.length > 1 ? (
          <div class="field">
            <label for="roster-group">{t('residents.group')}</label>
            <select
              id="roster-group"
              value={values.groupId}
              onChange={(e) => onChange({ groupId: e.currentTarget.value })}
            >
              <option value="">{t('residents.allGroups')}</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div class="field">
          <label for="roster-status">{t('residents.status')}</label>
          <select
            id="roster-status"
            value={values.status}
            onChange={(e) => onChange({ status: e.currentTarget.value as RosterFilterValues['status'] })}
          >
            <option value="">{t('residents.anyStatus')}</option>
            {ROSTER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="roster-band">{t('residents.band')}</label>
          <select
            id="roster-band"
            value={values.band}
            onChange={(e) => onChange({ band: e.currentTarget.value as RosterFilterValues['band'] })}
          >
            <option value="">{t('residents.anyBand')}</option>
            {ROSTER_BANDS.map((b) => (
              <option key={b} value={b}>
                {bandLabel(b)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}
