// A resident's status today as a badge: not yet reached, trained, or confirmed on VNeID (words, not colour);
// or, for a resident whose registration consent is withdrawn, that they are no longer processed.
import type { ResidentStatus } from '../../../shared';
import { t } from '../i18n';
import { statusLabel } from './labels';

export function StatusBadge({ status }: { status: ResidentStatus }) {
  return <span class={`status-badge status-${status}`}>{statusLabel(status)}</span>;
}

export function WithdrawnBadge() {
  return <span class="status-badge status-withdrawn">{t('consent.withdrawnBadge')}</span>;
}
