// The officer's record routes (import of unsynced records, put-aside list, history, group load) on the
// embedded engine, in-memory PGlite.
import { describe } from 'vitest';
import { openTestStore } from '../helpers/server';
import { recordsContract } from './contract/records-contract';

describe('officer record routes on PGlite', () => {
  recordsContract(async () => {
    const store = await openTestStore();
    return { store, teardown: () => store.close() };
  });
});
