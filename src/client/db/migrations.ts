// The local schema versions of the device's RxDB collections and the strategies that carry stored
// documents (unsynced ones included) from one version to the next. How to change a local schema:
// docs/device-durability.md ("Changing a local schema").
//
// Rules (each has a test in tests/sync/durability/schema-migration.test.ts and
// tests/client/db/schema-versions.test.ts):
// - The RxDB schema of a collection is derived from its shared zod schema (collections.ts). Any change
//   of the derived schema needs a new version here: RxDB refuses to open a stored collection whose
//   schema differs at the same version (error DB6), which would lock the volunteer out of their data.
// - A strategy runs on every stored document of the old version, synced or not, and on the replication's
//   record of what the server holds (RxDB migrates that "connected storage" with the same strategy), so
//   the replication keeps its checkpoint: unsynced documents are pushed once after the migration, and
//   synced documents the strategy leaves unchanged are not sent again.
// - A strategy must not change a synced document's content (what the server holds). Content changes
//   are ordinary edits made after the database is open (through a repository), so they sync as edits.
// - A strategy never returns null (that would delete the document, unsynced or not).
import type { MigrationStrategies, RxJsonSchema } from 'rxdb';

/** The device's RxDB collections. */
/** The device database's IndexedDB name (here, not in database.ts, so the first screen needs no RxDB). */
export const DEFAULT_DB_NAME = 'bdhvs';

export const LOCAL_COLLECTIONS = ['residents', 'groups', 'sessions', 'completions'] as const;
export type LocalCollection = (typeof LOCAL_COLLECTIONS)[number];

export interface CollectionMigration {
  /** The schema version this build writes (RxJsonSchema.version). */
  version: number;
  /** Keyed by the version a strategy migrates to: 1 takes a version-0 document to version 1, … */
  migrationStrategies: MigrationStrategies;
  /**
   * Adjusts the derived schema of this version (a local-only optional field, say). The app's own
   * schemas are exactly the shared ones; tests use this to make a schema change without touching
   * src/shared.
   */
  adjustSchema?: (schema: RxJsonSchema<unknown>) => RxJsonSchema<unknown>;
}

export type MigrationRegistry = Record<LocalCollection, CollectionMigration>;

/**
 * The app's registry. Every collection is at version 0: its content is the shared schema as first
 * shipped, and a version number is bumped only together with a schema change and its strategy.
 */
export const LOCAL_MIGRATIONS: MigrationRegistry = {
  // 1: residents gained the optional `mergedInto` (a duplicate merge, issue 6). Stored documents are
  // unchanged: none of them has the field yet.
  residents: { version: 1, migrationStrategies: { 1: (doc: unknown) => doc } },
  groups: { version: 0, migrationStrategies: {} },
  sessions: { version: 0, migrationStrategies: {} },
  completions: { version: 0, migrationStrategies: {} },
};

/** The app's registry with some collections replaced (tests supply their own versions and strategies). */
export function withMigrations(overrides: Partial<MigrationRegistry> = {}): MigrationRegistry {
  const registry = { ...LOCAL_MIGRATIONS, ...overrides };
  for (const name of LOCAL_COLLECTIONS) checkMigration(name, registry[name]);
  return registry;
}

/** A version N needs a strategy for each of 1…N: a gap would leave documents that cannot be opened. */
export function checkMigration(name: string, m: CollectionMigration): void {
  if (!Number.isInteger(m.version) || m.version < 0) {
    throw new Error(`${name}: schema version must be a whole number ≥ 0, got ${m.version}`);
  }
  for (let v = 1; v <= m.version; v += 1) {
    if (typeof m.migrationStrategies[v] !== 'function') {
      throw new Error(`${name}: version ${m.version} needs a migration strategy for version ${v}`);
    }
  }
}

/** The schema a collection is opened with: the derived one at the registry's version, adjusted. */
export function versionedSchema<T>(base: RxJsonSchema<T>, m: CollectionMigration): RxJsonSchema<T> {
  const schema = { ...base, version: m.version } as RxJsonSchema<unknown>;
  return (m.adjustSchema ? m.adjustSchema(schema) : schema) as RxJsonSchema<T>;
}

/** The versions of each collection, for code that needs the storage names (loss detection). */
export function collectionVersions(
  registry: MigrationRegistry = LOCAL_MIGRATIONS,
): Record<LocalCollection, number> {
  return Object.fromEntries(LOCAL_COLLECTIONS.map((c) => [c, registry[c].version])) as Record<
    LocalCollection,
    number
  >;
}
