// Input parsing shared by the endpoints: every query, path and body goes through a zod schema, and a
// mismatch becomes 400 with the field paths (never the values, which may be secrets).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { uuidSchema, wardCodeSchema } from '../../shared';
import { isStorable } from '../store';
import { ApiError } from './errors';

/**
 * Parses with the schema; text PostgreSQL cannot store (NUL, a lone surrogate) is refused too, unless
 * the route deals with it itself (`rawText`): synced documents (a push, a phone's file) are put aside
 * one by one, so one bad record never refuses the batch; enrolment cleans the device's label.
 */
export function parse<T>(
  schema: z.ZodMiniType<T>,
  value: unknown,
  code: 'bad_request' | 'invalid_body',
  what: string,
  options: { rawText?: boolean } = {},
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
    throw new ApiError(code, `Invalid ${what}: ${details}`);
  }
  if (options.rawText !== true && !isStorable(result.data)) {
    throw new ApiError(code, `Invalid ${what}: text.invalidChars`);
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

/** No body the API reads nests deeper than this; deeper JSON is refused before it is parsed. */
export const JSON_DEPTH_MAX = 64;

/** True when the JSON text opens more than `max` arrays or objects inside each other. */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
}

/**
 * The JSON body parser: Fastify's own (prototype poisoning refused), after a depth check. Deep nesting
 * parses, but then overflows the stack of whatever walks it (JSON.stringify of a put-aside row): a 500.
 */
export function registerJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepthExceeds(text, JSON_DEPTH_MAX)) {
      const message = `The request body nests deeper than ${JSON_DEPTH_MAX} levels.`;
      done(new ApiError('bad_request', message), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
