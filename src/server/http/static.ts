// Serves the built PWA (STATIC_DIR) next to the API, with the caching a service-worker app needs:
// entry files always revalidated, content-hashed /assets/ cached forever; unknown pages get index.html.
import { existsSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Files whose name never changes between releases: the browser must revalidate them every time. */
const ENTRY_FILES = new Set(['index.html', 'sw.js', 'manifest.webmanifest']);
export const NO_CACHE = 'no-cache';
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;

/**
 * Registers static serving when staticDir holds an index.html; returns the SPA fallback for the
 * not-found handler, or undefined when only the API is served.
 */
export function registerStatic(app: FastifyInstance, staticDir: string): NotFoundFallback | undefined {
  const root = resolve(staticDir);
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ staticDir: root }, 'no index.html in the static folder: serving the API only');
    return undefined;
  }
  const assets = join(root, 'assets') + sep;
  void app.register(fastifyStatic, {
    root,
    index: 'index.html',
    setHeaders: (reply, filePath) => {
      const hashed = filePath.startsWith(assets);
      reply.header('cache-control', hashed && !ENTRY_FILES.has(basename(filePath)) ? IMMUTABLE : NO_CACHE);
    },
  });
  return (request, reply) => (isAppNavigation(request) ? reply.sendFile('index.html') : undefined);
}

/** A browser navigating to a client-side route: not the API, and it wants a page. */
function isAppNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '';
  const api = ['/v1', '/healthz'].some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  if (api) return false;
  return (request.headers.accept ?? '').includes('text/html');
}
