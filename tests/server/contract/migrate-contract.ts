// Migration rules (append-only, checksummed, applied once), written once and run on both engines:
// migrate.test.ts (PGlite) and migrate.pg.test.ts (real PostgreSQL).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadMigrations } from '../../../src/server/store/migrate';
import { MigrationMismatchError, type SqlStore } from '../../../src/server/store';
import type { ContractSetup } from './sync-contract';

/** setup must return a store whose migrations have NOT run yet. */
export function migrateContract(setup: () => Promise<ContractSetup>): void {
  let ctx: ContractSetup | undefined;
  const store = (): SqlStore => ctx!.store;
  const recorded = async () =>
    (await store().db.query('select id, checksum from schema_migrations order by id')).map((r) => ({ ...r }));

  beforeAll(async () => {
    ctx = await setup();
  });
  afterAll(async () => {
    await ctx?.teardown();
  });

  test('applying the migrations twice is a no-op', async () => {
    const files = await loadMigrations();
    expect((await store().migrate()).applied).toEqual(files.map((m) => m.id));
    const before = await recorded();
    expect((await store().migrate()).applied).toEqual([]);
    expect(await recorded()).toEqual(before);
    expect(before.map((r) => r['checksum'])).toEqual(files.map((m) => m.checksum));
  });

  test('a changed checksum of an applied migration makes the migrator refuse', async () => {
    await store().migrate();
    const [first] = await recorded();
    await store().db.query('update schema_migrations set checksum = $1 where id = $2', [
      '0'.repeat(64),
      first!['id'],
    ]);
    try {
      const refusal = store().migrate();
      await expect(refusal).rejects.toBeInstanceOf(MigrationMismatchError);
      await expect(refusal).rejects.toThrow(/0001_init was changed after it was applied/);
    } finally {
      await store().db.query('update schema_migrations set checksum = $1 where id = $2', [
        first!['checksum'],
        first!['id'],
      ]);
    }
    expect((await store().migrate()).applied).toEqual([]);
  });

  test('an applied migration whose file is missing makes the migrator refuse', async () => {
    await store().migrate();
    await store().db.query(
      "insert into schema_migrations (id, checksum) values ('9999_from_a_newer_server', 'x')",
    );
    try {
      await expect(store().migrate()).rejects.toThrow(/9999_from_a_newer_server .* file is missing/);
    } finally {
      await store().db.query("delete from schema_migrations where id = '9999_from_a_newer_server'");
    }
  });
}
