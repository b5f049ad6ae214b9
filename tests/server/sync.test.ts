// The sync contract (docs/sync.md) on the embedded engine, in-memory PGlite.
import { describe } from 'vitest';
import { openTestStore } from '../helpers/server';
import { syncContract } from './contract/sync-contract';

describe('sync on PGlite', () => {
  syncContract(async () => {
    const store = await openTestStore();
    return { store, teardown: () => store.close() };
  });
});
