// Local schema versions (src/client/db/migrations.ts): the RxDB schema each collection opens with is frozen
// per version, so a change of a shared zod schema cannot reach phones at the same version — RxDB would
// refuse to open their stored data (DB6, tests/sync/durability/schema-migration.test.ts) and lock the
// volunteer out. Also: the registry refuses a version without its strategies, and a registered strategy
// must leave a record's synced content unchanged (content changes are edits, docs/device-durability.md).
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  completionRxSchema,
  groupRxSchema,
  residentRxSchema,
  sessionRxSchema,
} from '../../../src/client/db/collections';
import {
  LOCAL_COLLECTIONS,
  LOCAL_MIGRATIONS,
  versionedSchema,
  withMigrations,
  type LocalCollection,
} from '../../../src/client/db/migrations';
import { canonicalJson, sameSyncState, type PlainDoc } from '../../../src/shared';
import { aCompletion, aResident, aSession } from '../../shared/fixtures';

/**
 * The derived schema of each collection at its current version. Changed a shared schema and this
 * fails? Bump the collection's version in src/client/db/migrations.ts, add its strategy, and freeze the
 * new hash here (docs/device-durability.md, "Changing a local schema"). Never change a hash alone.
 */
const FROZEN: Record<LocalCollection, { version: number; sha256: string }> = {
  residents: { version: 1, sha256: 'b733e727f17afcc07fc58f18e8ddd7eb8e616bf7483ac2193c6651eb1f3306cd' },
  groups: { version: 0, sha256: 'a6d254cd664ed087cca3cc6631f19b4bea1a0891e58c22fc1a9922153c648e80' },
  sessions: { version: 0, sha256: '38919da47a8d858d602d1f55de7c2ba2782793343e10e88370f6a08c2847de93' },
  completions: { version: 0, sha256: 'd224ff403aafb13901e5b36cefeb7a137b6170e72d9485e3bf1dbe3d71c7181b' },
};

const BASE = {
  residents: residentRxSchema,
  groups: groupRxSchema,
  sessions: sessionRxSchema,
  completions: completionRxSchema,
};

const hashOf = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

describe('local schema versions', () => {
  test.each(LOCAL_COLLECTIONS)('%s opens with the schema frozen for its version', (name) => {
    const schema = versionedSchema(BASE[name] as never, LOCAL_MIGRATIONS[name]);
    expect({ version: schema.version, sha256: hashOf(schema) }).toEqual(FROZEN[name]);
  });

  test('a version needs a strategy for every step up to it', () => {
    expect(() =>
      withMigrations({ residents: { version: 2, migrationStrategies: { 1: (d: unknown) => d } } }),
    ).toThrow(/strategy for version 2/);
    expect(() => withMigrations({ residents: { version: -1, migrationStrategies: {} } })).toThrow();
    expect(
      withMigrations({
        residents: { version: 2, migrationStrategies: { 1: (d: unknown) => d, 2: (d: unknown) => d } },
      }).residents.version,
    ).toBe(2);
  });
});

const SAMPLES: Record<LocalCollection, PlainDoc[]> = {
  residents: [aResident() as unknown as PlainDoc],
  groups: [{ id: 'tdp-01', wardCode: '99999', name: 'Tổ dân phố 1', kind: 'to_dan_pho' }],
  sessions: [aSession() as unknown as PlainDoc],
  completions: [aCompletion() as unknown as PlainDoc],
};

/** Runs a strategy on a sample and says whether the synced content came out unchanged. */
async function keepsContent(strategy: (doc: PlainDoc) => unknown, doc: PlainDoc): Promise<boolean> {
  const out = (await strategy(structuredClone(doc))) as PlainDoc | null;
  return out !== null && sameSyncState(doc, out);
}

describe('registered migration strategies', () => {
  test('the check tells a content change from a storage-only one', async () => {
    const doc = SAMPLES.residents[0]!;
    expect(await keepsContent((d) => d, doc)).toBe(true);
    expect(await keepsContent((d) => ({ ...d, fullName: 'Đổi Tên' }), doc)).toBe(false);
    expect(await keepsContent(() => null, doc)).toBe(false);
  });

  test.each(LOCAL_COLLECTIONS)('%s: every strategy keeps synced content and never deletes', async (name) => {
    const { version, migrationStrategies } = LOCAL_MIGRATIONS[name];
    for (let v = 1; v <= version; v += 1) {
      for (const doc of SAMPLES[name]) {
        expect(await keepsContent(migrationStrategies[v] as (d: PlainDoc) => unknown, doc)).toBe(true);
      }
    }
    expect(Object.keys(migrationStrategies).map(Number)).toEqual(
      Array.from({ length: version }, (_, i) => i + 1),
    );
  });
});
