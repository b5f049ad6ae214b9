// The push/pull invariants of docs/sync.md, through the real HTTP server, written once and run on
// both engines: sync.test.ts (PGlite) and sync.pg.test.ts (real PostgreSQL). Residents, sessions,
// completions and the ward-settings endpoint.
import { afterAll, beforeAll } from 'vitest';
import type { SqlStore } from '../../../src/server/store';
import { startTestServer, type TestServer } from '../../helpers/server';
import { fieldCollectionTests } from './field-collections-tests';
import { historyTests } from './history-tests';
import { pushPullTests } from './push-pull-tests';
import { quarantineTests } from './quarantine-tests';
import { wardSettingsTests } from './ward-settings-tests';

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
  fieldCollectionTests(env);
  wardSettingsTests(env);
  historyTests(env);
}
