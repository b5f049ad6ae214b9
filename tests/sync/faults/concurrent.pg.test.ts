// B9 "concurrent pushes interleaved with pulls" on real PostgreSQL (TEST_DATABASE_URL; skipped when
// unset, as in CI without it): each write waits 0–15 ms between taking its sequence value and committing,
// so writers that were not serialised would commit out of sequence order and pullers would skip rows.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_DATABASE_URL } from '../../helpers/server';
import { startTestServer, type TestServer } from '../harness';
import { concurrentPushesAndPulls } from './concurrent-scenario';

describe.skipIf(!TEST_DATABASE_URL)('concurrent pushes and pulls on PostgreSQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      postgresUrl: TEST_DATABASE_URL!,
      storeTest: { afterAssignSeq: () => sleep(Math.random() * 15) },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  test('devices pushing while others pull: no record is skipped by any puller', async () => {
    const outcome = await concurrentPushesAndPulls(server, 20);
    expect(outcome).toEqual({
      pushed: 40,
      missedByDevice: [],
      missedByHttpPuller: [],
      seqIncreasing: true,
      duplicatedNames: [],
    });
  });
});
