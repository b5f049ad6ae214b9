// Record schemas: the one source of truth for every record shape, on the device and on the server.
import { z } from 'zod/mini';
import { groupSchema } from './group';
import { residentSchema } from './resident';
import { trainingSessionSchema } from './session';
import { completionSchema } from './completion';

export * from './common';
export * from './ward';
export * from './group';
export * from './resident';
export * from './skills';
export * from './session';
export * from './completion';
export * from './ward-settings';

/** A document as replication carries it: the record plus its tombstone flag. */
export function withDeleted<T extends z.ZodMiniObject>(schema: T) {
  return z.extend(schema, { _deleted: z.boolean() });
}

/** The shared schema of each replicated collection. */
export const COLLECTION_SCHEMAS = {
  residents: residentSchema,
  groups: groupSchema,
  sessions: trainingSessionSchema,
  completions: completionSchema,
} as const;
