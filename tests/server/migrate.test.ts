// Migration rules on the embedded engine, in-memory PGlite.
import { describe } from 'vitest';
import { openPgliteStore } from '../../src/server/store';
import { migrateContract } from './contract/migrate-contract';

describe('migrations on PGlite', () => {
  migrateContract(async () => {
    const store = await openPgliteStore();
    return { store, teardown: () => store.close() };
  });
});
