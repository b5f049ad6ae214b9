// Unit, component, server and sync tests: `npm test`. Needs only Node (PGlite, fake-indexeddb).
import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  define: { __APP_VERSION__: JSON.stringify('test') },
  test: {
    include: ['tests/{shared,client,server,sync,bench}/**/*.test.{ts,tsx}'],
    environment: 'node',
    // PGlite's first open runs initdb (seconds): give server and sync tests room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
