// Opens the device database: RxDB over the given storage (Dexie/IndexedDB in the app, memory in tests).
import { createRxDatabase, type RxDatabase, type RxStorage } from 'rxdb';
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

export const DEFAULT_DB_NAME = 'bdhvs';

export async function createDatabase(options: DatabaseOptions): Promise<AppDatabase> {
  const rx = await createRxDatabase<AppCollections>({
    name: options.name ?? DEFAULT_DB_NAME,
    storage: options.storage ?? getRxStorageDexie(),
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
    closeDuplicates: true,
  });
  await rx.addCollections({
    residents: {
      schema: residentRxSchema,
      conflictHandler: mergingConflictHandler(MERGE_POLICIES.residents),
    },
    groups: { schema: groupRxSchema, conflictHandler: mergingConflictHandler(MERGE_POLICIES.groups) },
    sessions: { schema: sessionRxSchema, conflictHandler: mergingConflictHandler(MERGE_POLICIES.sessions) },
    completions: {
      schema: completionRxSchema,
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
