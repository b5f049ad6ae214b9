// Input parsing shared by the endpoints: every query, path and body goes through a zod schema, and a
// mismatch becomes 400 with the field paths (never the values, which may be secrets).
import { z } from 'zod/mini';
import { uuidSchema, wardCodeSchema } from '../../shared';
import { ApiError } from './errors';

export function parse<T>(
  schema: z.ZodMiniType<T>,
  value: unknown,
  code: 'bad_request' | 'invalid_body',
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
    throw new ApiError(code, `Invalid ${what}: ${details}`);
  }
  return result.data;
}

/** A ward code from the path: five digits, else 400. */
export function wardParam(value: string): string {
  return parse(wardCodeSchema, value, 'bad_request', 'ward code');
}

/** A record id from the path: a malformed id names nothing, so 404 like an unknown one. */
export function idParam(value: string, what: string): string {
  if (!uuidSchema.safeParse(value).success) throw new ApiError('not_found', `No such ${what}.`);
  return value;
}

/** A body that must be empty or {} (actions without parameters). */
export const emptyBodySchema = z.optional(z.strictObject({}));
