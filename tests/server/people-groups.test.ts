// Changing a leader's or volunteer's groups, and revocation's access-change signal, on in-memory PGlite.
import { describe } from 'vitest';
import { openTestStore } from '../helpers/server';
import { peopleGroupsContract } from './contract/people-groups-contract';

describe("a person's groups on PGlite", () => {
  peopleGroupsContract(async () => {
    const store = await openTestStore();
    return { store, teardown: () => store.close() };
  });
});
