// Which residential groups the residents screens offer: the groups of the account using the phone (all
// the ward's for an account without groups), and a group's name with a fallback for unknown ids.
import type { ResidentialGroup } from '../../../shared';
import { t } from '../i18n';

export function groupsOfAccount(
  groups: readonly ResidentialGroup[],
  accountGroupIds: readonly string[],
  alsoInclude?: string,
): ResidentialGroup[] {
  if (accountGroupIds.length === 0) return [...groups];
  const wanted = new Set(accountGroupIds);
  if (alsoInclude) wanted.add(alsoInclude);
  return groups.filter((g) => wanted.has(g.id));
}

export function groupNamer(groups: readonly ResidentialGroup[]): (groupId: string) => string {
  const names = new Map(groups.map((g) => [g.id, g.name]));
  return (groupId) => names.get(groupId) ?? t('residents.unknownGroup');
}
