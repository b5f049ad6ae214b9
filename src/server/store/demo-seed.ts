// Seed data: a ward with its residential groups, and the demo ward a fresh server starts with so the
// app has something to sync and explore. Every record goes through the same locked, sequenced write as
// every synced row, and only records the server has never held are written (tombstones count as held).
import {
  COLLECTION_SCHEMAS,
  groupSchema,
  wardSchema,
  type PlainDoc,
  type ResidentialGroup,
  type SyncCollection,
  type Ward,
  type WardSettings,
} from '../../shared';
import { demoFieldData } from './demo-field-data';
import type { Store } from './types';

export const DEMO_WARD: Ward = { code: '99999', name: 'Phường Hồng An (dữ liệu mẫu)', provinceCode: '31' };

/** Adults living in each demo group, as an officer would enter them from the population register. */
const DEMO_ADULTS = [214, 286, 182, 318, 247];

export const DEMO_GROUPS: ResidentialGroup[] = [1, 2, 3, 4, 5].map((n) => ({
  id: `tdp-0${n}`,
  wardCode: DEMO_WARD.code,
  name: `Tổ dân phố ${n}`,
  kind: 'to_dan_pho',
  adultPopulation: { count: DEMO_ADULTS[n - 1]!, source: 'Số liệu dân cư tổ dân phố', asOf: '2026-10-01' },
}));

/** The targets of the Hồng An ward plan (DOMAIN.md): 80 % in 2025, 100 % in 2026, for K and V. */
export const DEMO_SETTINGS: WardSettings = {
  adultAge: 18,
  targets: [2025, 2026].flatMap((year) =>
    (['K', 'V'] as const).map((indicator) => ({
      year,
      indicator,
      kind: 'percent' as const,
      value: year === 2025 ? 80 : 100,
    })),
  ),
};

/** Registers the ward (if new) and writes those of its groups the server has never held. Idempotent. */
export async function seedWard(store: Store, ward: Ward, groups: readonly ResidentialGroup[]): Promise<void> {
  wardSchema.parse(ward);
  for (const group of groups) {
    groupSchema.parse(group);
    if (group.wardCode !== ward.code) throw new Error(`group ${group.id} is not in ward ${ward.code}`);
  }
  await store.createWard(ward);
  await seedMissing(store, 'groups', ward.code, groups, (g) => g.id);
}

/** Writes the documents of a collection whose ids the server has never held (live or tombstoned). */
async function seedMissing<T extends { id: string }>(
  store: Store,
  collection: SyncCollection,
  wardCode: string,
  docs: readonly T[],
  groupOf: (doc: T) => string,
): Promise<number> {
  return store.syncWrite(collection, wardCode, async (tx) => {
    const held = await tx.getCurrent(docs.map((d) => d.id));
    const missing = docs.filter((d) => !held.has(d.id));
    await tx.write(
      missing.map((d) => ({ id: d.id, groupId: groupOf(d), doc: { ...d } as PlainDoc, deleted: false })),
    );
    return missing.length;
  });
}

/**
 * Seeds the demo ward when the server has no wards, and returns true (the caller then creates the demo
 * officer). Also finishes a seed interrupted between the ward and its groups. While the demo ward is the
 * only ward, adds demo field data the server has never held, in the demo groups still live: seeding
 * twice writes nothing, and records or groups an officer deleted are never brought back.
 */
export async function seedDemo(store: Store): Promise<boolean> {
  const wards = await store.listWards();
  const onlyDemo = wards.length === 1 && wards[0]?.code === DEMO_WARD.code;
  if (wards.length > 0 && !onlyDemo) return false;
  let seeded = false;
  if (!onlyDemo || (await store.pull('groups', DEMO_WARD.code, 0, 1)).rows.length === 0) {
    await seedWard(store, DEMO_WARD, DEMO_GROUPS);
    seeded = true;
  }
  await store.setWardSettings(DEMO_WARD.code, DEMO_SETTINGS, { ifUnset: true });
  const data = demoFieldData(await store.listGroups(DEMO_WARD.code));
  for (const r of data.residents) COLLECTION_SCHEMAS.residents.parse(r);
  for (const s of data.sessions) COLLECTION_SCHEMAS.sessions.parse(s);
  for (const c of data.completions) COLLECTION_SCHEMAS.completions.parse(c);
  const byGroup = (doc: { groupId: string }) => doc.groupId;
  await seedMissing(store, 'residents', DEMO_WARD.code, data.residents, byGroup);
  await seedMissing(store, 'sessions', DEMO_WARD.code, data.sessions, byGroup);
  await seedMissing(store, 'completions', DEMO_WARD.code, data.completions, byGroup);
  return seeded;
}
