// B9 "concurrent pushes interleaved with pulls" on PGlite (the default store): no puller following its
// checkpoint skips a record. The same scenario on real PostgreSQL, where commit order can differ from
// sequence order, is concurrent.pg.test.ts.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../harness';
import { concurrentPushesAndPulls } from './concurrent-scenario';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

test('devices pushing while others pull: no record is skipped by any puller (PGlite)', async () => {
  const outcome = await concurrentPushesAndPulls(server);
  expect(outcome).toEqual({
    pushed: 24,
    missedByDevice: [],
    missedByHttpPuller: [],
    seqIncreasing: true,
    duplicatedNames: [],
  });
});
