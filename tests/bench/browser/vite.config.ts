// Build of the bench harness page (tests/bench/browser/harness.html) into node_modules/.cache, apart
// from the app's build: the same Vite and the same `src/client` code, no service worker, no UI.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export const HARNESS_OUT_DIR = fileURLToPath(
  new URL('../../../node_modules/.cache/bench-harness', import.meta.url),
);

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  publicDir: false,
  build: {
    target: 'es2020',
    outDir: HARNESS_OUT_DIR,
    emptyOutDir: true,
    rollupOptions: { input: fileURLToPath(new URL('./harness.html', import.meta.url)) },
  },
});
