// The local collections, their RxDB schemas (derived from src/shared) and conflict handler.
// Keep the collection count small: RxDB's open-core build limits open collections (~13).
import type { RxCollection, RxConflictHandler } from 'rxdb';
import {
  completionSchema,
  groupSchema,
  mergeThreeWay,
  residentSchema,
  sameSyncState,
  trainingSessionSchema,
} from '../../shared';
import type { MergePolicy } from '../../shared';
import type { Completion, Resident, ResidentialGroup, TrainingSession } from '../../shared';
import { LOCAL_MIGRATIONS } from './migrations';
import { toRxSchema } from './rx-schema';

export const residentRxSchema = toRxSchema<Resident>(residentSchema, {
  title: 'residents',
  version: LOCAL_MIGRATIONS.residents.version,
  primaryKey: 'id',
  indexes: ['groupId'],
});

export const groupRxSchema = toRxSchema<ResidentialGroup>(groupSchema, {
  title: 'groups',
  version: LOCAL_MIGRATIONS.groups.version,
  primaryKey: 'id',
});

export const sessionRxSchema = toRxSchema<TrainingSession>(trainingSessionSchema, {
  title: 'sessions',
  version: LOCAL_MIGRATIONS.sessions.version,
  primaryKey: 'id',
  indexes: ['groupId'],
});

export const completionRxSchema = toRxSchema<Completion>(completionSchema, {
  title: 'completions',
  version: LOCAL_MIGRATIONS.completions.version,
  primaryKey: 'id',
  indexes: ['groupId', 'residentId'],
});

/**
 * Merge rather than "server wins": a volunteer's edit must never vanish because another device synced
 * first. The collection's rules (set fields, VNeID protection) are in MERGE_POLICIES (docs/sync.md).
 */
export function mergingConflictHandler<T>(policy: MergePolicy = {}): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => sameSyncState(a as Record<string, unknown>, b as Record<string, unknown>),
    resolve: async ({ assumedMasterState, realMasterState, newDocumentState }) =>
      mergeThreeWay(
        {
          assumed: assumedMasterState as Record<string, unknown> | undefined,
          master: realMasterState as Record<string, unknown>,
          local: newDocumentState as Record<string, unknown>,
        },
        policy,
      ) as typeof realMasterState,
  };
}

export type ResidentCollection = RxCollection<Resident>;
export type GroupCollection = RxCollection<ResidentialGroup>;
export type SessionCollection = RxCollection<TrainingSession>;
export type CompletionCollection = RxCollection<Completion>;
export interface AppCollections {
  residents: ResidentCollection;
  groups: GroupCollection;
  sessions: SessionCollection;
  completions: CompletionCollection;
  [key: string]: RxCollection;
}
