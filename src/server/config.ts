// Server configuration from environment variables, parsed once at start. Every bad variable is
// reported by name so an operator can fix them all in one go.
import { z } from 'zod/mini';
import { AUDIT_RETENTION_DAYS } from './audit/retention';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded PGlite database (used when databaseUrl is absent). */
  dataDir: string;
  /** Real PostgreSQL; when set, dataDir is ignored. */
  databaseUrl: string | undefined;
  logLevel: LogLevel;
  /** Built PWA (vite build output) served next to the API. */
  staticDir: string;
  /** Seed the demo ward and its demo officer into an empty database. */
  seedDemo: boolean;
  /** Behind a reverse proxy: client IPs (for rate limits) come from X-Forwarded-For. */
  trustProxy: boolean;
  /** Days the audit log keeps an entry; the daily purge deletes older ones (docs/privacy.md A3). */
  auditRetentionDays: number;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

const portSchema = z.coerce.number().check(z.int(), z.gte(1), z.lte(65535));
const databaseUrlSchema = z.string().check(z.regex(/^postgres(ql)?:\/\//));
const logLevelSchema = z.enum(LOG_LEVELS);

type Env = Record<string, string | undefined>;

/** An empty variable counts as unset, as shells and compose files often export `VAR=`. */
function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

const TRUE = ['true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];

/** A yes/no variable; pushes a problem and returns the default when it is neither. */
function flag(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (TRUE.includes(raw.toLowerCase())) return true;
  if (FALSE.includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be true or false (or 1/0) (got ${JSON.stringify(raw)})`);
  return fallback;
}

export function loadConfig(env: Env): ConfigResult {
  const problems: string[] = [];
  const got = (value: string) => `(got ${JSON.stringify(value)})`;

  const rawPort = read(env, 'PORT');
  let port = 8080;
  if (rawPort !== undefined) {
    const parsed = /^\d+$/.test(rawPort) ? portSchema.safeParse(rawPort) : undefined;
    if (parsed?.success) port = parsed.data;
    else problems.push(`PORT must be a whole number between 1 and 65535 ${got(rawPort)}`);
  }

  const databaseUrl = read(env, 'DATABASE_URL');
  if (databaseUrl !== undefined && !databaseUrlSchema.safeParse(databaseUrl).success) {
    // Never echo the URL: it may carry a password.
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }

  const rawLevel = read(env, 'LOG_LEVEL');
  let logLevel: LogLevel = 'info';
  if (rawLevel !== undefined) {
    const parsed = logLevelSchema.safeParse(rawLevel);
    if (parsed.success) logLevel = parsed.data;
    else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} ${got(rawLevel)}`);
  }

  const rawRetention = read(env, 'AUDIT_RETENTION_DAYS');
  let auditRetentionDays: number = AUDIT_RETENTION_DAYS.default;
  if (rawRetention !== undefined) {
    const days = /^\d{1,5}$/.test(rawRetention) ? Number(rawRetention) : NaN;
    if (days >= AUDIT_RETENTION_DAYS.min && days <= AUDIT_RETENTION_DAYS.max) auditRetentionDays = days;
    else
      problems.push(
        `AUDIT_RETENTION_DAYS must be a whole number of days between ${AUDIT_RETENTION_DAYS.min} and ${AUDIT_RETENTION_DAYS.max} ${got(rawRetention)}`,
      );
  }

  const seedDemo = flag(env, 'SEED_DEMO', true, problems);
  const trustProxy = flag(env, 'TRUST_PROXY', false, problems);

  if (problems.length > 0) {
    return { ok: false, message: `Invalid configuration:\n- ${problems.join('\n- ')}` };
  }
  return {
    ok: true,
    config: {
      port,
      host: read(env, 'HOST') ?? '0.0.0.0',
      dataDir: read(env, 'DATA_DIR') ?? './data',
      databaseUrl,
      logLevel,
      staticDir: read(env, 'STATIC_DIR') ?? './dist',
      seedDemo,
      trustProxy,
      auditRetentionDays,
    },
  };
}
