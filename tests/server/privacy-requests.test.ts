// Data-subject requests (docs/privacy.md R1–R6) on the embedded engine, in-memory PGlite.
import { describe } from 'vitest';
import { openTestStore } from '../helpers/server';
import { privacyContract } from './contract/privacy-contract';

describe('data-subject requests on PGlite', () => {
  privacyContract(async () => {
    const store = await openTestStore();
    return { store, teardown: () => store.close() };
  });
});
