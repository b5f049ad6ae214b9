// Record schemas: the one source of truth for every record shape, on the device and on the server.
import { z } from 'zod/mini';
import { groupSchema } from './group';
import { residentSchema } from './resident';

export * from './common';
export * from './ward';
export * from './group';
export * from './resident';

/** A document as replication carries it: the record plus its tombstone flag. */
export function withDeleted<T extends z.ZodMiniObject>(schema: T) {
  return z.extend(schema, { _deleted: z.boolean() });
}

/** The shared schema of each replicated collection. */
export const COLLECTION_SCHEMAS = {
  residents: residentSchema,
  groups: groupSchema,
} as const;
