// Groups, settings and denominators. STUB: filled in by the groups work.
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';

export interface GroupsPanelProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
  /** Groups were created, renamed, split or merged: the console reloads its list. */
  onGroupsChanged(): void;
}

export function GroupsPanel(_props: GroupsPanelProps) {
  return <p class="hint">…</p>;
}
