// Changing a leader's or volunteer's groups, and revocation's access-change signal, on real PostgreSQL.
import { describe } from 'vitest';
import { TEST_DATABASE_URL, createPgTestDatabase } from '../helpers/server';
import { peopleGroupsContract } from './contract/people-groups-contract';

describe.skipIf(!TEST_DATABASE_URL)("a person's groups on PostgreSQL", () => {
  peopleGroupsContract(async () => {
    const database = await createPgTestDatabase(TEST_DATABASE_URL!);
    return { store: await database.open(), teardown: () => database.drop() };
  });
});
