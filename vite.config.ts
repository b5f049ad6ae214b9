// Build of the PWA: Preact, the Workbox service worker (injectManifest from service-worker/sw.ts)
// and the top-level manifest.webmanifest, emitted as-is so its URL never changes.
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

const MANIFEST_FILE = 'manifest.webmanifest';
const PACKAGE = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Serves and emits the hand-written top-level manifest (the PWA plugin's own manifest is disabled). */
function webManifest(): Plugin {
  const read = (): string => readFileSync(new URL(`./${MANIFEST_FILE}`, import.meta.url), 'utf8');
  return {
    name: 'bdhvs-web-manifest',
    configureServer(server) {
      server.middlewares.use(`/${MANIFEST_FILE}`, (_req, res) => {
        res.setHeader('Content-Type', 'application/manifest+json');
        res.end(read());
      });
    },
    generateBundle() {
      JSON.parse(read()); // fail the build on a malformed manifest
      this.emitFile({ type: 'asset', fileName: MANIFEST_FILE, source: read() });
    },
  };
}

export default defineConfig({
  // The build's version, reported to the server on every call so officers see which app each phone runs.
  define: { __APP_VERSION__: JSON.stringify(PACKAGE.version) },
  plugins: [
    preact(),
    webManifest(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'service-worker',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        // A classic registration rejects an ES-module worker (see ARCHITECTURE.md gotchas).
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,json}'],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2020',
    sourcemap: true,
  },
  server: {
    proxy: { '/v1': 'http://localhost:8080', '/healthz': 'http://localhost:8080' },
  },
});
