// Who attended: a searchable multi-select over the roster. Accent-free search, Vietnamese name order,
// the people already ticked listed first; only the first MATCHES_SHOWN matches are drawn, so a ward's
// thousands of residents stay quick on a cheap phone. A resident whose registration consent is withdrawn
// is never offered (docs/privacy.md C2); one already ticked on a saved session shows it and can be unticked.
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import {
  compareVietnameseNames,
  isProcessed,
  nameMatches,
  searchKey,
  type Resident,
  type ResidentialGroup,
} from '../../../shared';
import { describedBy, FieldError } from '../field-error';
import { t } from '../i18n';
import { WithdrawnBadge } from '../residents/status-badge';
import { formatCount } from '../tally/numbers';
import { groupNameOf } from './session-labels';

export const MATCHES_SHOWN = 50;

interface AttendeePickerProps {
  residents: readonly Resident[];
  groups: readonly ResidentialGroup[];
  /** The session's group: people of other groups show their group's name. */
  groupId: string;
  selected: string[];
  errorKey: string | undefined;
  onChange(next: string[]): void;
  /** The quick-add form, drawn inside the fieldset under the matches. */
  children?: ComponentChildren;
}

const ERROR_ID = 'session-attendees-error';
const HINT_ID = 'session-attendees-hint';

export function AttendeePicker(props: AttendeePickerProps) {
  const { residents, groups, groupId, selected, errorKey, onChange } = props;
  const [query, setQuery] = useState('');
  // Sorted once per roster change; the accent-free key is computed once per person, not per keystroke.
  const index = useMemo(
    () =>
      residents
        .map((r) => ({ r, key: searchKey(r.fullName) }))
        .sort((a, b) => compareVietnameseNames(a.r.fullName, b.r.fullName)),
    [residents],
  );
  const known = useMemo(() => new Set(residents.map((r) => r.id)), [residents]);
  const chosen = new Set(selected);
  const picked = index.filter((e) => chosen.has(e.r.id)).map((e) => e.r);
  const missing = selected.filter((id) => !known.has(id));
  const { shown, total, pickedMatches } = useMemo(() => {
    const out: Resident[] = [];
    let count = 0;
    let alreadyPicked = 0;
    for (const e of index) {
      if (!isProcessed(e.r) || !nameMatches(e.key, query)) continue;
      if (chosen.has(e.r.id)) {
        alreadyPicked += 1;
        continue;
      }
      count += 1;
      if (out.length < MATCHES_SHOWN) out.push(e.r);
    }
    return { shown: out, total: count, pickedMatches: alreadyPicked };
  }, [index, query, selected]); // `chosen` is rebuilt from `selected`

  const set = (id: string, on: boolean) =>
    onChange(on ? [...selected.filter((s) => s !== id), id] : selected.filter((s) => s !== id));
  const row = (r: Resident, on: boolean) => (
    <li key={r.id}>
      <label class="choice attendee-choice">
        <input type="checkbox" checked={on} onChange={(e) => set(r.id, e.currentTarget.checked)} />
        <span>
          <span class="attendee-name">{r.fullName}</span>{' '}
          <span class="attendee-meta">
            {t('attendees.born', { year: r.birthYear })}
            {r.groupId !== groupId ? ` · ${groupNameOf(groups, r.groupId)}` : ''}
          </span>
          {isProcessed(r) ? null : (
            <>
              {' '}
              <WithdrawnBadge />
            </>
          )}
        </span>
      </label>
    </li>
  );

  return (
    <fieldset class="field attendees-field" aria-describedby={describedBy(errorKey && ERROR_ID)}>
      <legend>{t('attendees.legend')}</legend>
      <p class="attendees-count" role="status" data-field="attendeeIds" tabIndex={-1}>
        {t('attendees.selected', { count: formatCount(selected.length) })}
      </p>
      <FieldError id={ERROR_ID} errorKey={errorKey} />
      {picked.length + missing.length > 0 ? (
        <ul class="attendee-rows attendee-picked">
          {picked.map((r) => row(r, true))}
          {missing.map((id) => (
            <li key={id}>
              <label class="choice attendee-choice">
                <input type="checkbox" checked onChange={() => set(id, false)} />
                <span class="attendee-meta">{t('attendees.unknown')}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <label for="session-attendee-search">{t('attendees.search')}</label>
      <p id={HINT_ID} class="hint">
        {t('attendees.searchHint')}
      </p>
      <input
        id="session-attendee-search"
        type="search"
        autocomplete="off"
        spellcheck={false}
        value={query}
        aria-describedby={HINT_ID}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
      />
      {residents.length === 0 ? <p class="hint">{t('attendees.noResidents')}</p> : null}
      {residents.length > 0 && total === 0 && query.trim() !== '' ? (
        <p class="hint">{t(pickedMatches > 0 ? 'attendees.alreadyPicked' : 'attendees.noMatch')}</p>
      ) : null}
      {shown.length > 0 ? (
        <ul class="attendee-rows" aria-label={t('attendees.results')}>
          {shown.map((r) => row(r, false))}
        </ul>
      ) : null}
      {total > shown.length ? (
        <p class="hint">{t('attendees.showing', { shown: shown.length, total: formatCount(total) })}</p>
      ) : null}
      {props.children}
    </fieldset>
  );
}
