// Environment configuration: defaults, and a message naming every bad variable.
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/server/config';

function problems(env: Record<string, string>): string {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.message;
}

describe('loadConfig', () => {
  test('an empty environment gives the defaults', () => {
    expect(loadConfig({})).toEqual({
      ok: true,
      config: {
        port: 8080,
        host: '0.0.0.0',
        dataDir: './data',
        databaseUrl: undefined,
        logLevel: 'info',
        staticDir: './dist',
        seedDemo: true,
        trustProxy: false,
        auditRetentionDays: 730,
      },
    });
  });

  test('every variable is read when set', () => {
    const result = loadConfig({
      PORT: '3000',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/bdhvs',
      DATABASE_URL: 'postgresql://app@db/bdhvs',
      LOG_LEVEL: 'debug',
      STATIC_DIR: '/srv/www',
      SEED_DEMO: 'false',
      TRUST_PROXY: '1',
      AUDIT_RETENTION_DAYS: '365',
    });
    expect(result).toEqual({
      ok: true,
      config: {
        port: 3000,
        host: '127.0.0.1',
        dataDir: '/var/lib/bdhvs',
        databaseUrl: 'postgresql://app@db/bdhvs',
        logLevel: 'debug',
        staticDir: '/srv/www',
        seedDemo: false,
        trustProxy: true,
        auditRetentionDays: 365,
      },
    });
  });

  test('an empty variable counts as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: ' ' })).toMatchObject({
      ok: true,
      config: { port: 8080, logLevel: 'info' },
    });
  });

  test.each(['abc', '0', '65536', '80.5', '-1', '1e3'])(
    'PORT=%s is refused with a message naming PORT',
    (port) => {
      expect(problems({ PORT: port })).toContain(
        `PORT must be a whole number between 1 and 65535 (got "${port}")`,
      );
    },
  );

  test('a DATABASE_URL that is not postgres:// is refused without echoing it', () => {
    const message = problems({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(message).toContain('DATABASE_URL must start with postgres:// or postgresql://');
    expect(message).not.toContain('hunter2');
  });

  test('an unknown LOG_LEVEL is refused with the allowed levels', () => {
    expect(problems({ LOG_LEVEL: 'verbose' })).toContain(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    );
  });

  test.each([
    ['0', false],
    ['FALSE', false],
    ['true', true],
    ['1', true],
  ])('SEED_DEMO=%s reads as %s', (value, expected) => {
    expect(loadConfig({ SEED_DEMO: value })).toMatchObject({ ok: true, config: { seedDemo: expected } });
  });

  test('a SEED_DEMO that is not a yes/no value is refused', () => {
    expect(problems({ SEED_DEMO: 'maybe' })).toContain(
      'SEED_DEMO must be true or false (or 1/0) (got "maybe")',
    );
  });

  test.each([
    ['30', 30],
    ['3650', 3650],
    [' 90 ', 90],
  ])('AUDIT_RETENTION_DAYS=%s keeps entries %s days', (value, days) => {
    expect(loadConfig({ AUDIT_RETENTION_DAYS: value })).toMatchObject({
      ok: true,
      config: { auditRetentionDays: days },
    });
  });

  test.each(['29', '3651', '0', '-30', '365.5', '1e3', 'two years'])(
    'AUDIT_RETENTION_DAYS=%s is refused with a message naming it',
    (value) => {
      expect(problems({ AUDIT_RETENTION_DAYS: value })).toContain(
        `AUDIT_RETENTION_DAYS must be a whole number of days between 30 and 3650 (got "${value}")`,
      );
    },
  );

  test('several bad variables are all reported at once', () => {
    const message = problems({
      PORT: 'x',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'http://x',
      AUDIT_RETENTION_DAYS: '7',
    });
    expect(message).toMatch(/PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL[\s\S]*AUDIT_RETENTION_DAYS/);
  });
});
