// Composition of the HTTP server: routes, error mapping, security headers and static files over an
// injected Store. Does not listen: main.ts and the tests decide how it is reached.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerErrorHandlers } from './http/errors';
import { registerHealthz } from './http/healthz';
import { registerStatic } from './http/static';
import { registerSync } from './http/sync';
import { registerWards } from './http/wards';
import type { Store } from './store';

export interface ServerOptions {
  store: Store;
  /** Fastify logger options (see log.ts loggerOptions); default: no logging. */
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built PWA; omitted or without index.html = API only. */
  staticDir?: string;
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join('; '),
};

export function createServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });
  // JSON is the only body the API reads; anything else is refused (415 → bad_request).
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
  const fallback = options.staticDir === undefined ? undefined : registerStatic(app, options.staticDir);
  registerErrorHandlers(app, fallback);
  registerHealthz(app, options.store);
  registerWards(app, options.store);
  registerSync(app, options.store);
  return app;
}
