// The audit log (append-only table, retention purge, the officer's page and CSV, every hooked route's
// entry, fail-closed, who may read it, no resident names) on the embedded engine, in-memory PGlite.
import { describe } from 'vitest';
import { openTestStore } from '../helpers/server';
import { auditContract } from './contract/audit-contract';

describe('audit log on PGlite', () => {
  auditContract(async () => {
    const store = await openTestStore();
    return { store, teardown: () => store.close() };
  });
});
