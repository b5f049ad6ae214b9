// Import of a resident list from Excel. STUB: filled in by the import work.
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';

export interface ImportResidentsProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
}

export function ImportResidents(_props: ImportResidentsProps) {
  return <p class="hint">…</p>;
}
