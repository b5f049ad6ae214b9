// The officer's dashboard. STUB: filled in by the dashboard work.
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';

export interface DashboardPanelProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
  /** Opens another console tab (flagged records: 'residents' for duplicates, 'records' for put-aside). */
  onOpenTab?(tab: 'residents' | 'records' | 'groups' | 'reports'): void;
}

export function DashboardPanel(_props: DashboardPanelProps) {
  return <p class="hint">…</p>;
}
