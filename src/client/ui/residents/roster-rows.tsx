// The roster's visible rows, built for speed: each keystroke may replace all 50. Rows are plain elements
// in one component (no component per row, so no per-row signal effects to create and dispose), keyed by
// position so Preact patches the text of existing rows instead of rebuilding them, and labels are looked
// up once per render. One click handler serves every row.
import type { RecordMarks } from '../../sync';
import { syncStateOf, SyncMark } from '../components/sync-mark';
import { t } from '../i18n';
import { navigate } from '../router';
import type { RosterRow } from './roster-index';
import { StatusBadge, WithdrawnBadge } from './status-badge';

interface RowsProps {
  rows: readonly RosterRow[];
  groupName(groupId: string): string;
  marks: RecordMarks | null;
  labelledBy: string;
}

function openRow(event: MouseEvent) {
  const id = (event.currentTarget as HTMLElement).dataset.id;
  if (!id || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  navigate({ name: 'resident', id });
}

export function RosterRows({ rows, groupName, marks, labelledBy }: RowsProps) {
  const under18 = ` · ${t('residents.under18Tag')}`;
  return (
    <ul class="roster-rows" aria-labelledby={labelledBy}>
      {rows.map((row, position) => (
        <li key={position}>
          <a href={`#/residents/${row.id}`} data-id={row.id} class="roster-row" onClick={openRow}>
            <span class="resident-name">{row.fullName}</span>
            <span class="resident-meta">
              {`${t('residents.born', { year: row.birthYear })} · ${groupName(row.groupId)}${row.band === 'under18' ? under18 : ''}`}
            </span>
            <span class="roster-marks">
              {/* Called as functions: the same markup as the components, without an instance per row. */}
              {row.withdrawn ? WithdrawnBadge() : StatusBadge({ status: row.status })}{' '}
              {SyncMark({ state: syncStateOf(marks, row.id) })}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
