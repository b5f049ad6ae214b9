// The push/pull invariants of docs/sync.md, through the real HTTP server, written once and run on
// both engines: sync.test.ts (PGlite) and sync.pg.test.ts (real PostgreSQL).
import { afterAll, beforeAll } from 'vitest';
import type { SqlStore } from '../../../src/server/store';
import { startTestServer, type TestServer } from '../../helpers/server';
import { pushPullTests } from './push-pull-tests';
import { quarantineTests } from './quarantine-tests';

export interface ContractSetup {
  store: SqlStore;
  teardown: () => Promise<void>;
}

export interface ContractEnv {
  store(): SqlStore;
  server(): TestServer;
}

export function syncContract(setup: () => Promise<ContractSetup>): void {
  let ctx: ContractSetup | undefined;
  let server: TestServer | undefined;

  beforeAll(async () => {
    ctx = await setup();
    server = await startTestServer({ store: ctx.store });
  });
  afterAll(async () => {
    await server?.close();
    await ctx?.teardown();
  });

  const env: ContractEnv = { store: () => ctx!.store, server: () => server! };
  pushPullTests(env);
  quarantineTests(env);
}
