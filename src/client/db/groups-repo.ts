// Residential groups on the device (pulled from the ward server; devices never edit them).
import type { GroupCollection } from './collections';
import type { ResidentialGroup } from '../../shared';

export interface GroupsRepo {
  /** Calls back with the ward's groups in natural order ("Tổ 2" before "Tổ 10"). */
  watchAll(onChange: (groups: ResidentialGroup[]) => void): () => void;
}

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

export function createGroupsRepo(collection: GroupCollection): GroupsRepo {
  return {
    watchAll(onChange) {
      const sub = collection.find().$.subscribe((docs) => {
        const groups = docs.map((d) => d.toMutableJSON() as ResidentialGroup);
        groups.sort((a, b) => collator.compare(a.name, b.name));
        onChange(groups);
      });
      return () => sub.unsubscribe();
    },
  };
}
