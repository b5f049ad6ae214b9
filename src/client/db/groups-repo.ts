// Residential groups on the device (pulled from the ward server; devices never edit them).
import type { ResidentialGroup } from '../../shared';
import type { GroupCollection } from './collections';
import { watchRecords } from './live-query';
import type { GroupsRepo } from './repo-types';

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Natural order: "Tổ 2" before "Tổ 10". */
export function groupOrder(a: ResidentialGroup, b: ResidentialGroup): number {
  return collator.compare(a.name, b.name) || a.id.localeCompare(b.id);
}

export function createGroupsRepo(collection: GroupCollection): GroupsRepo {
  return { watchAll: (onChange) => watchRecords(collection, onChange, groupOrder) };
}
