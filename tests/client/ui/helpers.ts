// Test helpers for screens: a real device database on memory storage, and reading a field's description.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDatabase, type AppDatabase } from '../../../src/client/db';

export const TEST_WARD = '99999';

export async function openTestDatabase(): Promise<AppDatabase> {
  return createDatabase({
    storage: getRxStorageMemory(),
    multiInstance: false,
    name: `test-${Math.random().toString(36).slice(2)}`,
    wardCode: TEST_WARD,
    actor: { id: '2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'Nguyễn Thị Lan' },
  });
}

export async function addGroup(db: AppDatabase, id: string, name: string): Promise<void> {
  await db.rx.groups.insert({ id, wardCode: TEST_WARD, name, kind: 'to_dan_pho' });
}

/** The text a screen reader reads as the element's description (its aria-describedby targets). */
export function descriptionOf(element: Element): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '').join(' ');
}
