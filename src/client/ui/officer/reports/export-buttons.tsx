// Coverage and not-reached downloads. STUB: filled in by the exports work.
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';

export interface ExportButtonsProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
  /** The reporting date shown (YYYY-MM-DD). */
  date: string;
}

export function ExportButtons(_props: ExportButtonsProps) {
  return <p class="hint">…</p>;
}
