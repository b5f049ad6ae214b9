// The authorisation matrix (docs/auth.md) on the embedded engine, in-memory PGlite.
import { describe } from 'vitest';
import { openTestStore } from '../helpers/server';
import { authzMatrixContract } from './contract/authz-matrix-contract';

describe('authorisation matrix on PGlite', () => {
  authzMatrixContract(async () => {
    const store = await openTestStore();
    return { store, teardown: () => store.close() };
  });
});
