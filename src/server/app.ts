// Composition of the HTTP server: security headers (helmet), per-IP rate limits, compression, routes,
// error mapping and static files over an injected Store. Does not listen: main.ts and the tests decide
// how it is reached. No CORS plugin on purpose: the app is same-origin, so no Access-Control-* header is
// sent.
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { AUDIT_RETENTION_DAYS } from './audit/retention';
import { DEFAULT_AUTH_OPTIONS, type AuthContext, type AuthOptions } from './auth/options';
import { registerAdmin } from './http/admin';
import { registerAudit } from './http/audit';
import { registerAuth } from './http/auth';
import { registerCompression } from './http/compression';
import { registerCoverage } from './http/coverage';
import { registerWardReview } from './http/ward-review';
import { registerDashboard } from './http/dashboard';
import { ApiError, frameworkError, registerErrorHandlers } from './http/errors';
import { registerExports } from './http/exports';
import { registerEvents } from './http/events';
import { registerHealthz } from './http/healthz';
import { registerOpenApi } from './http/openapi';
import { registerJsonParser } from './http/parse';
import { registerPeople } from './http/people';
import { registerPrivacy } from './http/privacy';
import { registerRecords } from './http/records';
import { registerResidentImport } from './http/resident-import';
import { registerStatic } from './http/static';
import { registerSync } from './http/sync';
import { registerWards } from './http/wards';
import { registerWardAdmin } from './http/ward-admin';
import type { Store } from './store';

export interface ServerOptions {
  store: Store;
  /** Fastify logger options (see log.ts loggerOptions); default: no logging. */
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built PWA; omitted or without index.html = API only. */
  staticDir?: string;
  /** Limits of sign-in, sessions and invitations; unset fields keep DEFAULT_AUTH_OPTIONS. */
  auth?: Partial<AuthOptions>;
  /** The clock for expiry and lockout (tests move it); default: the system clock. */
  now?: () => Date;
  /** Behind a reverse proxy: take the client IP from X-Forwarded-For (rate limits are per IP). */
  trustProxy?: boolean;
  /** Days the audit log keeps an entry (AUDIT_RETENTION_DAYS), shown with the log; default 730. */
  auditRetentionDays?: number;
}

/** Every body the API reads is small JSON; sync push has its own 8 MB limit (http/sync.ts). */
export const BODY_LIMIT = 1024 * 1024;

/** The Content-Security-Policy: no inline script, no plugins, no <base>, never framed. */
export const CSP_DIRECTIVES: Readonly<Record<string, string[]>> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
};

export function createServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // Paths the router refuses (bad %-escapes, over-long parameters) get the one error shape too.
    frameworkErrors: frameworkError,
  });
  const ctx: AuthContext = {
    store: options.store,
    options: { ...DEFAULT_AUTH_OPTIONS, ...options.auth },
    now: options.now ?? (() => new Date()),
  };
  // JSON is the only body the API reads; anything else is refused (415 → bad_request).
  app.removeContentTypeParser('text/plain');
  registerJsonParser(app);
  app.decorateRequest('principal', null);
  // API answers may carry personal data: no browser or proxy keeps a copy (a route may say otherwise).
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/v1/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    return payload;
  });
  void app.register(helmet, {
    // No defaults: they add upgrade-insecure-requests, which breaks a ward server on plain-HTTP LAN.
    contentSecurityPolicy: { useDefaults: false, directives: { ...CSP_DIRECTIVES } },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  // Limits are set per route (http/auth.ts); 429s take the one error shape with Retry-After.
  void app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiError('rate_limited', `Too many attempts: retry in ${context.after}.`, {
        'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))),
      }),
  });
  // Before static files and routes: the compression plugin hooks each route as it is declared.
  registerCompression(app);
  const fallback = options.staticDir === undefined ? undefined : registerStatic(app, options.staticDir);
  registerErrorHandlers(app, fallback);
  // Its onRoute hook must exist before the routes below register: GET /openapi.json documents them.
  registerOpenApi(app);
  // Routes load after the rate-limit plugin, whose app.rateLimit() they use.
  void app.register(async (api) => {
    registerHealthz(api, ctx.store);
    registerAuth(api, ctx);
    registerAdmin(api, ctx);
    registerWards(api, ctx);
    registerWardAdmin(api, ctx);
    registerPeople(api, ctx);
    registerRecords(api, ctx);
    registerResidentImport(api, ctx);
    registerSync(api, ctx);
    registerEvents(api, ctx);
    registerCoverage(api, ctx);
    registerWardReview(api, ctx);
    registerDashboard(api, ctx);
    registerExports(api, ctx);
    registerPrivacy(api, ctx);
    registerAudit(api, ctx, options.auditRetentionDays ?? AUDIT_RETENTION_DAYS.default);
  });
  return app;
}
