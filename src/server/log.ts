// The server's logger: pino options for Fastify (JSON lines, secrets redacted), plus a tiny
// JSON-line writer for the moments before Fastify exists. The only file allowed to use console.
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { LogLevel } from './config';

/** Field names that hold a secret wherever they appear (docs/auth.md rule 8). */
const SECRET_FIELDS = [
  'authorization',
  'password',
  'currentPassword',
  'newPassword',
  'pin',
  'token',
  'deviceToken',
  'accessToken',
  'refreshToken',
  'secret',
];
/** Secret only inside a request body: `code` elsewhere is an error code worth keeping. */
const BODY_SECRET_FIELDS = ['code'];

/** Paths whose values never reach a log line. Bodies are not logged at all; this is the second belt. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
  ...BODY_SECRET_FIELDS.flatMap((f) => [`body.${f}`, `*.body.${f}`]),
];

/** Query parameters that may carry a secret, e.g. the QR code's `/?enroll=XXXXXXXX`. */
const SECRET_QUERY = /([?&](?:enroll|code|token)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

/** Fastify's request serializer, with secret query parameters blanked out. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export function loggerOptions(level: LogLevel): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest },
  };
}

const LEVEL_NUMBERS: Record<LogLevel, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

export interface BootLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Pino-shaped JSON lines for start-up and shutdown, when no Fastify logger is available. */
export function bootLog(level: LogLevel): BootLog {
  const write = (at: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LEVEL_NUMBERS[at] < LEVEL_NUMBERS[level]) return;
    const line = JSON.stringify({
      level: LEVEL_NUMBERS[at],
      time: Date.now(),
      pid: process.pid,
      ...fields,
      msg,
    });
    if (at === 'error' || at === 'fatal') console.error(line);
    else console.log(line);
  };
  return {
    info: (msg, fields) => write('info', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
  };
}

/**
 * The one place a secret is printed: a new administrator's one-time password, once, to stdout, as
 * plain text for the operator (not a log line, so it never reaches log collectors as structured data).
 */
export function printOneTimePassword(username: string, password: string): void {
  console.log(
    [
      '',
      '==================================================================',
      ` Administrator account created: ${username}`,
      ` One-time password:             ${password}`,
      ' Sign in and change it now: it is shown only this once.',
      '==================================================================',
      '',
    ].join('\n'),
  );
}

/** Plain text for a human at the terminal, e.g. a configuration error that prevents start. */
export function printFatal(message: string): void {
  console.error(message);
}

export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error)
    return { err: { type: error.name, message: error.message, stack: error.stack } };
  return { err: { message: String(error) } };
}
