// Data-subject requests (docs/privacy.md R1–R6) on real PostgreSQL, in a throw-away schema of
// TEST_DATABASE_URL.
import { describe } from 'vitest';
import { TEST_DATABASE_URL, createPgTestDatabase } from '../helpers/server';
import { privacyContract } from './contract/privacy-contract';

describe.skipIf(!TEST_DATABASE_URL)('data-subject requests on PostgreSQL', () => {
  privacyContract(async () => {
    const database = await createPgTestDatabase(TEST_DATABASE_URL!);
    return { store: await database.open(), teardown: () => database.drop() };
  });
});
