// "Các tổ còn xa chỉ tiêu nhất": the groups sorted by how many people are still needed for the K target
// (then V), with K and V %, the gaps, the denominator and its source, and a flag on a stale denominator.
// A group's name opens its roster (the drill-down).
import { useEffect, useRef } from 'preact/hooks';
import type { GroupCoverageWire } from '../../../../shared';
import { t } from '../../i18n';
import { formatCount, formatPercent, furthestFirst, groupSourceText } from './dashboard-format';

interface FurthestGroupsProps {
  groups: readonly GroupCoverageWire[];
  onOpen(group: GroupCoverageWire): void;
  /** Focus the title when shown (coming back from a group's roster). */
  focusTitle?: boolean;
}

const gapCell = (gap: number | null) => (gap === null ? t('dashboard.noValue') : formatCount(gap));

export function FurthestGroups({ groups, onOpen, focusTitle }: FurthestGroupsProps) {
  const sorted = furthestFirst(groups);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) title.current?.focus();
  }, [focusTitle]);
  return (
    <section class="card dashboard-far" aria-labelledby="dashboard-far-title">
      <h2 id="dashboard-far-title" ref={title} tabIndex={-1}>
        {t('dashboard.far.title')}
      </h2>
      <p class="hint">{t('dashboard.far.hint')}</p>
      {sorted.length === 0 ? (
        <p>{t('dashboard.far.empty')}</p>
      ) : (
        <div class="dashboard-scroll">
          <table class="dashboard-table dashboard-far-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.col.group')}</th>
                <th scope="col">{t('dashboard.col.k')}</th>
                <th scope="col">{t('dashboard.col.kGap')}</th>
                <th scope="col">{t('dashboard.col.v')}</th>
                <th scope="col">{t('dashboard.col.vGap')}</th>
                <th scope="col">{t('dashboard.col.denominator')}</th>
                <th scope="col">{t('dashboard.col.source')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((g) => {
                const stale = g.K.overFull || g.V.overFull;
                return (
                  <tr key={g.groupId} class={stale ? 'dashboard-row-stale' : undefined}>
                    <th scope="row">
                      <button
                        type="button"
                        class="dashboard-link"
                        data-group={g.groupId}
                        aria-label={t('dashboard.far.open', { group: g.groupName })}
                        onClick={() => onOpen(g)}
                      >
                        {g.groupName}
                      </button>
                    </th>
                    <td class={g.K.overFull ? 'dashboard-over' : undefined}>{formatPercent(g.K.percent)}</td>
                    <td>{gapCell(g.K.gap)}</td>
                    <td class={g.V.overFull ? 'dashboard-over' : undefined}>{formatPercent(g.V.percent)}</td>
                    <td>{gapCell(g.V.gap)}</td>
                    <td>{formatCount(g.denominator)}</td>
                    <td>
                      {groupSourceText(g)}
                      {stale ? <span class="dashboard-flag">{t('dashboard.stale')}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
