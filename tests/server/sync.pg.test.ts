// The sync contract (docs/sync.md) on real PostgreSQL, in a throw-away schema of TEST_DATABASE_URL.
import { describe } from 'vitest';
import { TEST_DATABASE_URL, createPgTestDatabase } from '../helpers/server';
import { syncContract } from './contract/sync-contract';

describe.skipIf(!TEST_DATABASE_URL)('sync on PostgreSQL', () => {
  syncContract(async () => {
    const database = await createPgTestDatabase(TEST_DATABASE_URL!);
    return { store: await database.open(), teardown: () => database.drop() };
  });
});
