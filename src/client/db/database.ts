// Opens the device database: RxDB over the given storage (Dexie/IndexedDB in the app, memory in tests).
import {
  addRxPlugin,
  createRxDatabase,
  type DexieSettings,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import {
  completionRxSchema,
  groupRxSchema,
  mergingConflictHandler,
  residentRxSchema,
  sessionRxSchema,
  type AppCollections,
} from './collections';
import { createCompletionsRepo } from './completions-repo';
import { createGroupsRepo } from './groups-repo';
import { DEFAULT_DB_NAME, versionedSchema, withMigrations, type MigrationRegistry } from './migrations';
import type { Actor, CompletionsRepo, GroupsRepo, ResidentsRepo, SessionsRepo } from './repo-types';
import { createResidentsRepo } from './residents-repo';
import { createSessionsRepo } from './sessions-repo';
import { MERGE_POLICIES } from '../../shared';

export interface DatabaseOptions {
  /** Defaults to Dexie on IndexedDB. */
  storage?: RxStorage<unknown, unknown>;
  name?: string;
  /** Several tabs of the app share one database; off in tests. */
  multiInstance?: boolean;
  /** The device's ward, stamped on records it creates. */
  wardCode: string;
  /** Who uses the device: stamped as consent askedBy, completion recordedBy, session createdBy. */
  actor: Actor;
  now?: () => Date;
  /** Schema versions and migration strategies per collection (migrations.ts); tests supply their own. */
  migrations?: Partial<MigrationRegistry>;
}

export interface AppDatabase {
  residents: ResidentsRepo;
  groups: GroupsRepo;
  sessions: SessionsRepo;
  completions: CompletionsRepo;
  /** For client/sync only: the RxDB database. Screens use the repositories. */
  rx: RxDatabase<AppCollections>;
  close(): Promise<void>;
  /** Deletes every local record and the database itself (sign-out and erase, revocation). */
  erase(): Promise<void>;
}

export { DEFAULT_DB_NAME } from './migrations';

// Local schema migrations (migrations.ts) run when a collection opens at a newer version.
addRxPlugin(RxDBMigrationSchemaPlugin);

/**
 * The app's storage: Dexie on IndexedDB with `strict` durability, so a write is reported saved only once
 * it is on disk rather than in the OS cache (Chrome 121+ defaults to relaxed; docs/device-durability.md).
 * `settings` lets tests pass fake-indexeddb.
 */
export function deviceStorage(settings: DexieSettings = {}): RxStorage<unknown, unknown> {
  return getRxStorageDexie({ chromeTransactionDurability: 'strict', ...settings }) as RxStorage<
    unknown,
    unknown
  >;
}

export async function createDatabase(options: DatabaseOptions): Promise<AppDatabase> {
  const migrations = withMigrations(options.migrations);
  const rx = await createRxDatabase<AppCollections>({
    name: options.name ?? DEFAULT_DB_NAME,
    storage: options.storage ?? deviceStorage(),
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
    closeDuplicates: true,
  });
  const local = <T>(schema: RxJsonSchema<T>, m: MigrationRegistry[keyof MigrationRegistry]) => ({
    schema: versionedSchema(schema, m),
    migrationStrategies: m.migrationStrategies,
  });
  await rx.addCollections({
    residents: {
      ...local(residentRxSchema, migrations.residents),
      conflictHandler: mergingConflictHandler(MERGE_POLICIES.residents),
    },
    groups: {
      ...local(groupRxSchema, migrations.groups),
      conflictHandler: mergingConflictHandler(MERGE_POLICIES.groups),
    },
    sessions: {
      ...local(sessionRxSchema, migrations.sessions),
      conflictHandler: mergingConflictHandler(MERGE_POLICIES.sessions),
    },
    completions: {
      ...local(completionRxSchema, migrations.completions),
      conflictHandler: mergingConflictHandler(MERGE_POLICIES.completions),
    },
  });
  const ctx = { wardCode: options.wardCode, actor: options.actor, now: options.now ?? (() => new Date()) };
  return {
    residents: createResidentsRepo(rx.residents, ctx),
    groups: createGroupsRepo(rx.groups),
    sessions: createSessionsRepo(rx.sessions, ctx),
    completions: createCompletionsRepo(rx.completions, rx.residents, ctx),
    rx,
    close: async () => {
      await rx.close();
    },
    erase: async () => {
      await rx.remove();
    },
  };
}
