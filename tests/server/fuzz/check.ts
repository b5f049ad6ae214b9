// The per-response rules of the fuzzing suite (docs/privacy.md H1): never a 5xx; every 4xx is exactly
// {"error":{"code","message"}} as JSON, with a code of ERROR_CODES whose status it carries and a string
// message; no answer echoes a stack trace or a server file path.
import { ERROR_CODES, HTTP_STATUS, type ErrorCode } from '../../../src/shared';

export interface Answer {
  status: number;
  contentType: string;
  /** The body as text (binary files are not read). */
  body: string;
}

/** A V8 stack frame ("at fn (file.ts:1:2)"), Node internals, or a path into the server's sources. */
const STACK =
  /\bat (?:async )?[\w.$<>[\] ]+ \(?(?:file:|node:|\/)[^)\s]*:\d+:\d+\)?|node:internal|\/src\/server\//;

/** What is wrong with an answer: an empty list when nothing is. */
export function problemsOf(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  if (STACK.test(answer.body)) problems.push('a stack trace or server path in the body');
  if (answer.status < 400) return problems;
  if (!/^application\/json/.test(answer.contentType))
    problems.push(`error content type ${answer.contentType}`);
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return [...problems, 'error body is not JSON'];
  }
  const error = isObject(body) && sameKeys(body, ['error']) ? body['error'] : undefined;
  if (!isObject(error) || !sameKeys(error, ['code', 'message'])) {
    return [...problems, 'error body is not exactly { error: { code, message } }'];
  }
  const code = error['code'];
  if (typeof code !== 'string' || !(ERROR_CODES as string[]).includes(code)) {
    problems.push(`unknown error code ${String(code)}`);
  } else if (HTTP_STATUS[code as ErrorCode] !== answer.status) {
    problems.push(`code ${code} under status ${answer.status}`);
  }
  if (typeof error['message'] !== 'string') problems.push('error message is not a string');
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sameKeys(value: Record<string, unknown>, keys: string[]): boolean {
  const own = Object.keys(value).sort();
  return own.length === keys.length && own.every((k, i) => k === [...keys].sort()[i]);
}
