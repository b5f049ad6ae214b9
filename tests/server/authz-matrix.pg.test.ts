// The authorisation matrix (docs/auth.md) on real PostgreSQL, in a throw-away schema of TEST_DATABASE_URL.
import { describe } from 'vitest';
import { TEST_DATABASE_URL, createPgTestDatabase } from '../helpers/server';
import { authzMatrixContract } from './contract/authz-matrix-contract';

describe.skipIf(!TEST_DATABASE_URL)('authorisation matrix on PostgreSQL', () => {
  authzMatrixContract(async () => {
    const database = await createPgTestDatabase(TEST_DATABASE_URL!);
    return { store: await database.open(), teardown: () => database.drop() };
  });
});
