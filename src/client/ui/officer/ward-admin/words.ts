// Words of the groups screen shared by its parts: a group kind's label, a group's adult population in
// words, and what to say when the server refused a group change.
import type { AdultPopulation, GroupKind } from '../../../../shared';
import { failureMessage } from '../../failure-message';
import { formatDay, t, type MessageKey } from '../../i18n';

export const KIND_LABEL: Record<GroupKind, MessageKey> = {
  to_dan_pho: 'wardAdmin.kind.to_dan_pho',
  thon: 'wardAdmin.kind.thon',
  ap: 'wardAdmin.kind.ap',
  ban: 'wardAdmin.kind.ban',
  khu_pho: 'wardAdmin.kind.khu_pho',
};

/** "412 người" and "Nguồn: Công an phường, ngày 01/10/2026", or the fallback said plainly. */
export function populationWords(p: AdultPopulation | undefined): { figure: string; note: string | null } {
  if (p === undefined) return { figure: t('wardAdmin.population.missing'), note: null };
  return {
    figure: t('wardAdmin.population.count', { count: p.count.toLocaleString('vi-VN') }),
    note: t('wardAdmin.population.note', { source: p.source, date: formatDay(p.asOf) }),
  };
}

/** A refused group change in words: a taken name and a vanished group have their own. */
export function groupFailure(err: unknown): string {
  return failureMessage(err, { conflict: 'wardAdmin.error.nameTaken', not_found: 'wardAdmin.error.gone' });
}
