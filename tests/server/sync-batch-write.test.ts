// One statement per sync batch, with every guarantee of the per-row writes, on PGlite.
import { describe } from 'vitest';
import { openTestStore } from '../helpers/server';
import { batchWriteContract } from './contract/batch-write-contract';

describe('sync batch write on PGlite', () => {
  batchWriteContract(async () => {
    const store = await openTestStore();
    return { store, teardown: () => store.close() };
  });
});
