// SQL coverage = shared coverage, on embedded PGlite (the contract: contract/coverage-sql-tests.ts).
import { afterAll, beforeAll } from 'vitest';
import type { SqlStore } from '../../src/server/store';
import { coverageSqlTests } from './contract/coverage-sql-tests';
import { openTestStore } from '../helpers/server';

let store: SqlStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store.close();
});

coverageSqlTests(
  () => store,
  (i) => String(70000 + i),
  20261123,
);
