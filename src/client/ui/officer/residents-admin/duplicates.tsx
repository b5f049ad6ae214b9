// Duplicate review and merge. STUB: filled in next.
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';

export interface DuplicatesProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
}

export function Duplicates(_props: DuplicatesProps) {
  return <p class="hint">…</p>;
}
