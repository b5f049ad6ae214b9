// Scope changes (docs/sync.md invariant 11) on real PostgreSQL, in a throw-away schema of TEST_DATABASE_URL.
import { describe } from 'vitest';
import { TEST_DATABASE_URL, createPgTestDatabase } from '../helpers/server';
import { scopeContract } from './contract/scope-contract';

describe.skipIf(!TEST_DATABASE_URL)('scope changes on PostgreSQL', () => {
  scopeContract(async () => {
    const database = await createPgTestDatabase(TEST_DATABASE_URL!);
    return { store: await database.open(), teardown: () => database.drop() };
  });
});
