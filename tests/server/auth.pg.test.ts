// Sign-in, enrollment, revocation and secrets (docs/auth.md) on real PostgreSQL, in a throw-away schema.
import { describe } from 'vitest';
import { TEST_DATABASE_URL, createPgTestDatabase } from '../helpers/server';
import { authContract } from './contract/auth-contract';

describe.skipIf(!TEST_DATABASE_URL)('accounts and devices on PostgreSQL', () => {
  authContract(async () => {
    const database = await createPgTestDatabase(TEST_DATABASE_URL!);
    return { store: await database.open(), teardown: () => database.drop() };
  });
});
