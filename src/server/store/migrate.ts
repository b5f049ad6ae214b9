// Append-only schema migrations: src/server/migrations/NNNN_name.sql, applied in order inside one
// transaction at start, recorded in schema_migrations with a sha256 checksum. An applied file that
// changed (or vanished) makes the server refuse to start rather than run on an unknown schema.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Db } from './db';
import { str } from './rows';
import type { MigrationResult } from './types';

export const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url);

const FILE_PATTERN = /^(\d{4}_[a-z0-9_]+)\.sql$/;

export interface Migration {
  id: string;
  sql: string;
  checksum: string;
}

/** Thrown when the recorded migrations and the files on disk disagree; the server must not start. */
export class MigrationMismatchError extends Error {
  override readonly name = 'MigrationMismatchError';
}

export async function loadMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => FILE_PATTERN.test(name)).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const bytes = await readFile(new URL(name, dir));
    migrations.push({
      id: name.replace(/\.sql$/, ''),
      sql: bytes.toString('utf8'),
      checksum: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  return migrations;
}

export async function runMigrations(db: Db, dir: URL = MIGRATIONS_DIR): Promise<MigrationResult> {
  const migrations = await loadMigrations(dir);
  return db.transaction(async (tx) => {
    // Two servers starting against one database wait for each other here (released at commit).
    await tx.query("select pg_advisory_xact_lock(hashtextextended('bdhvs:migrations', 0))");
    await tx.exec(`create table if not exists schema_migrations (
      id text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const recorded = await tx.query('select id, checksum from schema_migrations order by id');
    const onDisk = new Map(migrations.map((m) => [m.id, m]));
    for (const row of recorded) {
      checkApplied(str(row, 'id'), str(row, 'checksum'), onDisk);
    }
    const appliedIds = new Set(recorded.map((row) => str(row, 'id')));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (appliedIds.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (id, checksum) values ($1, $2)', [
        migration.id,
        migration.checksum,
      ]);
      applied.push(migration.id);
    }
    return { applied };
  });
}

function checkApplied(id: string, checksum: string, onDisk: Map<string, Migration>): void {
  const file = onDisk.get(id);
  if (file === undefined) {
    throw new MigrationMismatchError(
      `Migration ${id} is recorded as applied but its file is missing: is an older server running ` +
        'against a newer database? Refusing to start.',
    );
  }
  if (file.checksum !== checksum) {
    throw new MigrationMismatchError(
      `Migration ${id} was changed after it was applied (recorded checksum ${checksum.slice(0, 12)}…, ` +
        `file now ${file.checksum.slice(0, 12)}…). Migrations are append-only: restore the original ` +
        'file and put the change in a new migration. Refusing to start.',
    );
  }
}
