// Scope changes (docs/sync.md invariant 11) on the embedded engine, in-memory PGlite.
import { describe } from 'vitest';
import { openTestStore } from '../helpers/server';
import { scopeContract } from './contract/scope-contract';

describe('scope changes on PGlite', () => {
  scopeContract(async () => {
    const store = await openTestStore();
    return { store, teardown: () => store.close() };
  });
});
