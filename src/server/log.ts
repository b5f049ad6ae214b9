// The server's logger: pino options for Fastify (JSON lines, secrets redacted), plus a tiny
// JSON-line writer for the moments before Fastify exists. The only file allowed to use console.
import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from './config';

/** Paths whose values never reach a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.pin',
  '*.secret',
];

export function loggerOptions(level: LogLevel): NonNullable<FastifyServerOptions['logger']> {
  return { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
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

/** Plain text for a human at the terminal, e.g. a configuration error that prevents start. */
export function printFatal(message: string): void {
  console.error(message);
}

export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error)
    return { err: { type: error.name, message: error.message, stack: error.stack } };
  return { err: { message: String(error) } };
}
