// Period close and late corrections. STUB: filled in next.
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';

export interface PeriodsProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
}

export function Periods(_props: PeriodsProps) {
  return <p class="hint">…</p>;
}
