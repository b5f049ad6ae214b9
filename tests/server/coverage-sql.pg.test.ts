// SQL coverage = shared coverage, on real PostgreSQL (skipped without TEST_DATABASE_URL).
import { afterAll, beforeAll, describe } from 'vitest';
import type { SqlStore } from '../../src/server/store';
import { coverageSqlTests } from './contract/coverage-sql-tests';
import { TEST_DATABASE_URL, createPgTestDatabase, type PgTestDatabase } from '../helpers/server';

describe.skipIf(TEST_DATABASE_URL === undefined)('on PostgreSQL', () => {
  let db: PgTestDatabase;
  let store: SqlStore;
  beforeAll(async () => {
    db = await createPgTestDatabase(TEST_DATABASE_URL!);
    store = await db.open();
  });
  afterAll(async () => {
    await db.drop();
  });
  coverageSqlTests(
    () => store,
    (i) => String(71000 + i),
    424242,
  );
});
