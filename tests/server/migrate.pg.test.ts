// Migration rules on real PostgreSQL, including two servers migrating one database at once.
import { describe, expect, test } from 'vitest';
import { TEST_DATABASE_URL, createPgTestDatabase } from '../helpers/server';
import { loadMigrations } from '../../src/server/store/migrate';
import { migrateContract } from './contract/migrate-contract';

describe.skipIf(!TEST_DATABASE_URL)('migrations on PostgreSQL', () => {
  migrateContract(async () => {
    const database = await createPgTestDatabase(TEST_DATABASE_URL!);
    return { store: await database.open({ migrate: false }), teardown: () => database.drop() };
  });

  test('two servers migrating one database at once apply each migration once', async () => {
    const database = await createPgTestDatabase(TEST_DATABASE_URL!);
    try {
      const stores = await Promise.all([1, 2, 3].map(() => database.open({ migrate: false })));
      const results = await Promise.all(stores.map((s) => s.migrate()));
      const applied = results.flatMap((r) => r.applied);
      expect(applied).toEqual((await loadMigrations()).map((m) => m.id));
      expect(await stores[0]!.listWards()).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});
