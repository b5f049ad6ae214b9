// A resident's status today as a badge: not yet reached, trained, or confirmed on VNeID (words, not colour).
import type { ResidentStatus } from '../../../shared';
import { statusLabel } from './labels';

export function StatusBadge({ status }: { status: ResidentStatus }) {
  return <span class={`status-badge status-${status}`}>{statusLabel(status)}</span>;
}
