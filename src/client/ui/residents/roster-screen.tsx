// The roster (#/residents): the residents on this phone in Vietnamese list order, searched by name as
// the volunteer types (accents optional), filtered by group, status and age band, 25 rows at a time.
// The search index is rebuilt only when the records change; a keystroke is one scan (roster-index.ts).
import { useMemo, useRef, useState } from 'preact/hooks';
import { mergedIntoMap, progressOn } from '../../../shared';
import { useRecordMarks } from '../components/sync-mark';
import { useField, useFieldData } from '../field-context';
import { t, todayIso } from '../i18n';
import { useDraft } from '../use-draft';
import { groupNamer, groupsOfAccount } from './groups';
import { formatCount } from './labels';
import { RosterFilters, type RosterFilterValues } from './roster-filters';
import {
  buildRosterIndex,
  queryRoster,
  ROSTER_PAGE,
  type RosterResult,
  type RosterRow,
} from './roster-index';
import { RosterRows } from './roster-rows';
import { RouteLink } from './route-link';
import './residents.css';

const NO_FILTERS: RosterFilterValues = { text: '', groupId: '', status: '', band: '' };

export function RosterScreen() {
  const { kv, session } = useField();
  const data = useFieldData();
  const marks = useRecordMarks();
  const filters = useDraft<RosterFilterValues>(kv, 'roster-filters', NO_FILTERS);
  const [limit, setLimit] = useState(ROSTER_PAGE);
  const today = todayIso();
  const residents = data?.residents;
  const sessions = data?.sessions;
  const completions = data?.completions;
  const allGroups = data?.groups;

  const index = useMemo(() => {
    if (!residents || !sessions || !completions) return null;
    // A record merged into another (a duplicate, docs/ward.md) is not listed: the one it was merged into
    // stands for the person, with the progress of both.
    const mergedInto = mergedIntoMap(residents);
    const people = residents.filter((r) => r.mergedInto === undefined);
    return buildRosterIndex(people, progressOn({ date: today, sessions, completions, mergedInto }), today);
  }, [residents, sessions, completions, today]);
  const groups = useMemo(
    () => groupsOfAccount(allGroups ?? [], session.account.groupIds),
    [allGroups, session.account.groupIds],
  );
  const groupName = useMemo(() => groupNamer(allGroups ?? []), [allGroups]);

  const f = filters.value;
  const groupId = groups.some((g) => g.id === f.groupId) ? f.groupId : '';
  const previous = useRef<RosterResult | null>(null);
  const result = useMemo(() => {
    if (!index) return null;
    const query = { text: f.text, groupId, status: f.status || undefined, band: f.band || undefined };
    const next = queryRoster(index, query, limit);
    // Typing on within the same matches ("nguy" → "nguyen") keeps the rows array, so the rows below
    // are not diffed again: only the count may change.
    if (previous.current && sameRows(previous.current.rows, next.rows)) next.rows = previous.current.rows;
    previous.current = next;
    return next;
  }, [index, f.text, groupId, f.status, f.band, limit]);
  const rows = result?.rows;
  const rowsView = useMemo(
    () =>
      rows && rows.length > 0 ? (
        <RosterRows rows={rows} groupName={groupName} marks={marks} labelledBy="roster-title" />
      ) : null,
    [rows, groupName, marks],
  );
  const filtered = f.text.trim() !== '' || groupId !== '' || f.status !== '' || f.band !== '';

  return (
    <section class="roster" aria-labelledby="roster-title">
      <div class="roster-head">
        <h2 id="roster-title">{t('residents.title')}</h2>
        <RouteLink to={{ name: 'resident-new' }} class="big-choice roster-add">
          <span aria-hidden="true">+ </span>
          {t('residents.add')}
        </RouteLink>
      </div>
      <RosterFilters
        values={{ ...f, groupId }}
        groups={groups}
        onChange={(patch) => {
          filters.set((prev) => ({ ...prev, ...patch }));
          setLimit(ROSTER_PAGE);
        }}
      />
      {result === null || !index ? (
        <p class="loading">{t('residents.loading')}</p>
      ) : (
        <>
          <p class="roster-count" role="status">
            {filtered
              ? t('residents.countOf', { shown: formatCount(result.total), total: formatCount(result.scope) })
              : t('residents.count', { total: formatCount(result.scope) })}
          </p>
          {index.rows.length === 0 ? <p class="hint">{t('residents.empty')}</p> : null}
          {index.rows.length > 0 && result.total === 0 ? (
            <p class="hint">
              {t('residents.noMatch')}{' '}
              <button type="button" class="button-link" onClick={() => filters.set(NO_FILTERS)}>
                {t('residents.clearFilters')}
              </button>
            </p>
          ) : null}
          {rowsView}
          {result.total > result.rows.length ? (
            <div class="roster-more">
              <p class="hint">
                {t('residents.showing', {
                  shown: formatCount(result.rows.length),
                  total: formatCount(result.total),
                })}
              </p>
              <button type="button" class="button-secondary" onClick={() => setLimit((n) => n + ROSTER_PAGE)}>
                {t('residents.showMore')}
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

function sameRows(a: readonly RosterRow[], b: readonly RosterRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
