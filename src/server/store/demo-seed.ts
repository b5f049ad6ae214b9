// Seed data: a ward with its residential groups, and the demo ward a fresh server starts with so the
// app has something to sync. Groups go through the same locked, sequenced write as every synced row.
import { groupSchema, wardSchema, type ResidentialGroup, type Ward } from '../../shared';
import type { Store } from './types';

export const DEMO_WARD: Ward = { code: '99999', name: 'Phường Hồng An (dữ liệu mẫu)', provinceCode: '31' };

export const DEMO_GROUPS: ResidentialGroup[] = [1, 2, 3, 4, 5].map((n) => ({
  id: `tdp-0${n}`,
  wardCode: DEMO_WARD.code,
  name: `Tổ dân phố ${n}`,
  kind: 'to_dan_pho',
}));

/** Registers the ward (if new) and writes those of its groups the server has never held. Idempotent. */
export async function seedWard(store: Store, ward: Ward, groups: readonly ResidentialGroup[]): Promise<void> {
  wardSchema.parse(ward);
  for (const group of groups) {
    groupSchema.parse(group);
    if (group.wardCode !== ward.code) throw new Error(`group ${group.id} is not in ward ${ward.code}`);
  }
  await store.createWard(ward);
  await store.syncWrite('groups', ward.code, async (tx) => {
    const current = await tx.getCurrent(groups.map((g) => g.id));
    const missing = groups.filter((g) => !current.has(g.id));
    await tx.write(missing.map((g) => ({ id: g.id, groupId: g.id, doc: { ...g }, deleted: false })));
  });
}

/**
 * Seeds the demo ward when the server has no wards. Also finishes a seed interrupted between the ward
 * and its groups; never resurrects demo groups an officer has since deleted (tombstones count as held).
 */
export async function seedDemo(store: Store): Promise<boolean> {
  const wards = await store.listWards();
  const onlyDemo = wards.length === 1 && wards[0]?.code === DEMO_WARD.code;
  if (wards.length > 0 && !onlyDemo) return false;
  if (onlyDemo) {
    const { rows } = await store.pull('groups', DEMO_WARD.code, 0, 1);
    if (rows.length > 0) return false;
  }
  await seedWard(store, DEMO_WARD, DEMO_GROUPS);
  return true;
}
