// Sign-in, enrollment, revocation and secrets (docs/auth.md) on the embedded engine, in-memory PGlite.
import { describe } from 'vitest';
import { openTestStore } from '../helpers/server';
import { authContract } from './contract/auth-contract';

describe('accounts and devices on PGlite', () => {
  authContract(async () => {
    const store = await openTestStore();
    return { store, teardown: () => store.close() };
  });
});
