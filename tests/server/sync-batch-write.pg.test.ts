// One statement per sync batch, with every guarantee of the per-row writes, on real PostgreSQL in a
// throw-away schema of TEST_DATABASE_URL.
import { describe } from 'vitest';
import { TEST_DATABASE_URL, createPgTestDatabase } from '../helpers/server';
import { batchWriteContract } from './contract/batch-write-contract';

describe.skipIf(!TEST_DATABASE_URL)('sync batch write on PostgreSQL', () => {
  batchWriteContract(async () => {
    const database = await createPgTestDatabase(TEST_DATABASE_URL!);
    return { store: await database.open(), teardown: () => database.drop() };
  });
});
