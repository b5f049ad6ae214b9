// Hook: the ward's residential groups from the device database, kept current (null while loading).
import { useEffect, useState } from 'preact/hooks';
import type { ResidentialGroup } from '../../shared';
import type { AppDatabase } from '../db';

export function useGroups(db: AppDatabase): ResidentialGroup[] | null {
  const [groups, setGroups] = useState<ResidentialGroup[] | null>(null);
  useEffect(() => db.groups.watchAll(setGroups), [db]);
  return groups;
}
