// The print-ready December report. STUB: filled in by the exports work.
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';

export interface PrintReportProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
  date: string;
}

export function PrintReport(_props: PrintReportProps) {
  return <p class="hint">…</p>;
}
