// Words the sessions screens share: the format's name, a group's name, and today as the form types it.
import type { ResidentialGroup, SessionFormat } from '../../../shared';
import { t, todayIso, formatDay, type MessageKey } from '../i18n';

export const FORMAT_LABEL: Record<SessionFormat, MessageKey> = {
  class: 'sessions.format.class',
  home_visit: 'sessions.format.home_visit',
  online: 'sessions.format.online',
};

export function formatLabel(format: SessionFormat): string {
  return t(FORMAT_LABEL[format]);
}

export function groupNameOf(groups: readonly ResidentialGroup[] | undefined, id: string): string {
  return groups?.find((g) => g.id === id)?.name ?? t('sessions.unknownGroup');
}

/** Today as the date field shows it: "23/11/2026". */
export function todayTyped(): string {
  return formatDay(todayIso());
}
