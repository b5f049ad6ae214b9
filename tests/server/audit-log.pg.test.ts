// The audit log (append-only table, retention purge, the officer's page and CSV, every hooked route's
// entry, fail-closed, who may read it, no resident names) on real PostgreSQL, in a throw-away schema of
// TEST_DATABASE_URL.
import { describe } from 'vitest';
import { TEST_DATABASE_URL, createPgTestDatabase } from '../helpers/server';
import { auditContract } from './contract/audit-contract';

describe.skipIf(!TEST_DATABASE_URL)('audit log on PostgreSQL', () => {
  auditContract(async () => {
    const database = await createPgTestDatabase(TEST_DATABASE_URL!);
    return { store: await database.open(), teardown: () => database.drop() };
  });
});
