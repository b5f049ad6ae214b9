// The officer's record routes (import of unsynced records, put-aside list, history, group load) on real
// PostgreSQL, in a throw-away schema of TEST_DATABASE_URL.
import { describe } from 'vitest';
import { TEST_DATABASE_URL, createPgTestDatabase } from '../helpers/server';
import { recordsContract } from './contract/records-contract';

describe.skipIf(!TEST_DATABASE_URL)('officer record routes on PostgreSQL', () => {
  recordsContract(async () => {
    const database = await createPgTestDatabase(TEST_DATABASE_URL!);
    return { store: await database.open(), teardown: () => database.drop() };
  });
});
