// Public surface of the store: open the configured engine, seed, and the types the rest of the server uses.
import { openPgliteStore } from './pglite';
import { openPostgresStore } from './postgres';
import type { SqlStore } from './sql-store';

export type * from './types';
export { isStorable, storableString } from './db';
export type { SqlStore } from './sql-store';
export { MigrationMismatchError } from './migrate';
export { DEMO_GROUPS, DEMO_SETTINGS, DEMO_WARD, seedDemo, seedWard } from './demo-seed';
export { DEMO_VOLUNTEERS, demoFieldData, demoId, type DemoFieldData } from './demo-field-data';
export { openPgliteStore } from './pglite';
export { openPostgresStore } from './postgres';

export interface OpenStoreOptions {
  /** Real PostgreSQL when set… */
  databaseUrl?: string | undefined;
  /** …else PGlite in this folder. */
  dataDir: string;
  onIdleError?: (error: Error) => void;
}

export function openStore(options: OpenStoreOptions): Promise<SqlStore> {
  if (options.databaseUrl !== undefined) {
    return openPostgresStore({
      url: options.databaseUrl,
      ...(options.onIdleError ? { onIdleError: options.onIdleError } : {}),
    });
  }
  return openPgliteStore({ dataDir: options.dataDir });
}
