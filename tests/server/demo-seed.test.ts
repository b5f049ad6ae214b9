// The demo ward's seed: groups with adult population figures, ward settings, and field data (residents
// with consents, sessions, completions) that pass the shared schemas, written through the sync write
// path; seeding again writes nothing and never brings back what an officer deleted.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  COLLECTION_SCHEMAS,
  SYNC_COLLECTIONS,
  UUID_PATTERN,
  catalogueFileSchema,
  computeCoverage,
  findSkill,
  type Completion,
  type PlainDoc,
  type Resident,
  type SyncCollection,
  type TrainingSession,
} from '../../src/shared';
import {
  DEMO_GROUPS,
  DEMO_SETTINGS,
  DEMO_VOLUNTEERS,
  DEMO_WARD,
  demoFieldData,
  seedDemo,
  seedWard,
  type SqlStore,
} from '../../src/server/store';
import { push } from '../../src/server/sync/push';
import { openTestStore } from '../helpers/server';

const catalogues = catalogueFileSchema.parse(
  JSON.parse(readFileSync(new URL('../../public/catalogues/skills.json', import.meta.url), 'utf8')),
);
const ALL = demoFieldData(DEMO_GROUPS);
const ageIn2026 = (r: Resident) => 2026 - r.birthYear;

describe('demo field data', () => {
  test('every document passes its shared schema, and ids are distinct UUIDs', () => {
    for (const group of DEMO_GROUPS) expect(COLLECTION_SCHEMAS.groups.parse(group)).toEqual(group);
    for (const r of ALL.residents) expect(COLLECTION_SCHEMAS.residents.parse(r)).toEqual(r);
    for (const s of ALL.sessions) expect(COLLECTION_SCHEMAS.sessions.parse(s)).toEqual(s);
    for (const c of ALL.completions) expect(COLLECTION_SCHEMAS.completions.parse(c)).toEqual(c);
    const ids = [...ALL.residents, ...ALL.sessions, ...ALL.completions].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_PATTERN);
  });

  test('the same data on every call', () => {
    expect(demoFieldData(DEMO_GROUPS)).toEqual(ALL);
  });

  test('each group has 15–25 residents of both sexes, a few under 18 and several aged 60+', () => {
    for (const group of DEMO_GROUPS) {
      const people = ALL.residents.filter((r) => r.groupId === group.id);
      expect(people.length).toBeGreaterThanOrEqual(15);
      expect(people.length).toBeLessThanOrEqual(25);
      expect(new Set(people.map((r) => r.sex))).toEqual(new Set(['female', 'male']));
      expect(people.filter((r) => ageIn2026(r) < 18).length).toBeGreaterThanOrEqual(1);
      expect(people.filter((r) => ageIn2026(r) >= 60).length).toBeGreaterThanOrEqual(3);
    }
    // Vietnamese names with their diacritics, composed (NFC).
    expect(
      ALL.residents.filter((r) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(r.fullName))
        .length,
    ).toBeGreaterThan(ALL.residents.length / 2);
    for (const r of ALL.residents) expect(r.fullName).toBe(r.fullName.normalize('NFC'));
  });

  test('every resident has a verbal registration consent under wording v1, asked by a volunteer of the group', () => {
    for (const r of ALL.residents) {
      const registration = r.consents.find((c) => c.purpose === 'registration');
      expect(registration).toMatchObject({ method: 'verbal', wordingVersion: 'v1' });
      expect(DEMO_VOLUNTEERS[r.groupId]).toContain(registration!.askedBy);
    }
  });

  test('sessions are classes and home visits of known skills, attended by residents of their group', () => {
    const residents = new Map(ALL.residents.map((r) => [r.id, r]));
    expect(new Set(ALL.sessions.map((s) => s.format))).toEqual(new Set(['class', 'home_visit']));
    for (const group of DEMO_GROUPS) {
      expect(ALL.sessions.filter((s) => s.groupId === group.id).length).toBeGreaterThanOrEqual(2);
    }
    const catalogueIds = new Set<string>();
    for (const s of ALL.sessions) {
      for (const skill of s.skills) {
        expect(findSkill(catalogues, skill), JSON.stringify(skill)).toBeDefined();
        catalogueIds.add(skill.catalogue);
      }
      for (const id of s.attendeeIds) expect(residents.get(id)?.groupId).toBe(s.groupId);
    }
    expect(catalogueIds).toEqual(new Set(['5-ky-nang', 'khung-757']));
  });

  test('completions name residents of their group, and include VNeID confirmations', () => {
    const residents = new Map(ALL.residents.map((r) => [r.id, r]));
    for (const c of ALL.completions) {
      expect(residents.get(c.residentId)?.groupId).toBe(c.groupId);
      for (const skill of c.skills ?? []) expect(findSkill(catalogues, skill)).toBeDefined();
    }
    expect(ALL.completions.filter((c) => c.kind === 'vneid').length).toBeGreaterThanOrEqual(10);
  });

  test('coverage is worth exploring: every group has K and V, and some adults not reached yet', () => {
    const coverage = computeCoverage({
      date: '2026-11-23',
      settings: DEMO_SETTINGS,
      groups: DEMO_GROUPS,
      ...ALL,
    });
    for (const g of coverage.groups) {
      expect([g.groupId, g.denominatorSource]).toEqual([g.groupId, 'entered']);
      expect(g.K.count).toBeGreaterThan(0);
      expect(g.V.count).toBeGreaterThan(0);
      expect(g.notReached?.length).toBeGreaterThan(0);
      expect(g.notReachedCount).toBe(g.notReached?.length);
    }
  });
});

describe('seeding the demo ward', () => {
  let store: SqlStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store?.close());

  /** Every row of a collection, and the highest seq. */
  async function held(collection: SyncCollection) {
    const { rows } = await store.pull(collection, DEMO_WARD.code, 0, 1000);
    return {
      docs: rows.map((r): PlainDoc => ({ ...r.doc, _deleted: r.deleted })),
      last: rows.at(-1)?.seq ?? 0,
    };
  }
  const snapshot = async () => Promise.all(SYNC_COLLECTIONS.map(held));

  test('a fresh server gets the ward, its groups with adult populations, settings and field data', async () => {
    expect(await seedDemo(store)).toBe(true);
    expect(await store.listWards()).toEqual([DEMO_WARD]);
    expect(await store.listGroups(DEMO_WARD.code)).toEqual(DEMO_GROUPS);
    expect(await store.getWardSettings(DEMO_WARD.code)).toEqual(DEMO_SETTINGS);
    for (const group of DEMO_GROUPS) {
      expect(group.adultPopulation).toMatchObject({
        source: 'Số liệu dân cư tổ dân phố',
        asOf: '2026-10-01',
      });
    }
    const stored = { residents: await held('residents'), sessions: await held('sessions') };
    const completions = await held('completions');
    const plain = <T>(docs: T[]) => docs.map((d) => ({ ...d, _deleted: false }));
    expect(stored.residents.docs).toEqual(plain<Resident>(ALL.residents));
    expect(stored.sessions.docs).toEqual(plain<TrainingSession>(ALL.sessions));
    expect(completions.docs).toEqual(plain<Completion>(ALL.completions));
    // Written through the sync path in order: residents, then sessions, then completions.
    expect(stored.residents.last).toBeLessThan(stored.sessions.last);
    expect(stored.sessions.last).toBeLessThan(completions.last);
  });

  test('seeding again writes nothing', async () => {
    const before = await snapshot();
    expect(await seedDemo(store)).toBe(false);
    expect(await seedDemo(store)).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  test('records an officer deleted stay deleted', async () => {
    const resident = ALL.residents[3]!;
    const session = ALL.sessions[1]!;
    const tombstone = async (collection: 'residents' | 'sessions', doc: Resident | TrainingSession) => {
      const state = { ...doc, _deleted: false };
      const reply = await push(store, collection, DEMO_WARD.code, [
        { assumedMasterState: state, newDocumentState: { ...state, _deleted: true } },
      ]);
      expect(reply).toMatchObject({ conflicts: [], quarantined: [] });
    };
    await tombstone('residents', resident);
    await tombstone('sessions', session);
    const before = await snapshot();
    expect(await seedDemo(store)).toBe(false);
    expect(await snapshot()).toEqual(before);
    const residents = (await held('residents')).docs;
    expect(residents.find((d) => d['id'] === resident.id)).toMatchObject({ _deleted: true });
  });

  test('officer-changed settings are kept', async () => {
    const settings = { ...DEMO_SETTINGS, adultAge: 19 };
    await store.setWardSettings(DEMO_WARD.code, settings);
    await seedDemo(store);
    expect(await store.getWardSettings(DEMO_WARD.code)).toEqual(settings);
  });
});

describe('seeding a demo ward that has no field data yet (an older server)', () => {
  let store: SqlStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store?.close());

  test('adds the field data of the live groups only, and nothing once another ward exists', async () => {
    await seedWard(store, DEMO_WARD, DEMO_GROUPS);
    const deleted = DEMO_GROUPS[4]!;
    await store.syncWrite('groups', DEMO_WARD.code, (tx) =>
      tx.write([{ id: deleted.id, groupId: deleted.id, doc: { ...deleted }, deleted: true }]),
    );
    expect(await seedDemo(store)).toBe(false);
    const { rows } = await store.pull('residents', DEMO_WARD.code, 0, 1000);
    const groups = new Set(rows.map((r) => r.doc['groupId']));
    expect(groups).toEqual(new Set(['tdp-01', 'tdp-02', 'tdp-03', 'tdp-04']));
    expect(rows).toHaveLength(ALL.residents.filter((r) => r.groupId !== deleted.id).length);

    const other = await openTestStore();
    try {
      await seedWard(other, DEMO_WARD, DEMO_GROUPS);
      await seedWard(other, { code: '01234', name: 'Phường Thật', provinceCode: '01' }, []);
      expect(await seedDemo(other)).toBe(false);
      expect((await other.pull('residents', DEMO_WARD.code, 0, 10)).rows).toEqual([]);
      expect(await other.getWardSettings(DEMO_WARD.code)).toEqual({ adultAge: 18, targets: [] });
    } finally {
      await other.close();
    }
  });
});
