// What each route says about itself for the OpenAPI document (/openapi.json, http/openapi.ts): a summary
// and the zod schemas of its query, body and answer. Routes pass it as `config: routeDoc({...})`; the
// document is generated from every registered route's config, so a route without one is found by the
// test (tests/server/openapi.test.ts) instead of silently missing.
import type { z } from 'zod/mini';

export interface RouteDoc {
  summary: string;
  /** Groups the document by area: 'auth', 'sync', 'people', 'records', 'coverage', 'ward', … */
  tag: string;
  /** Who may call it, in words (the matrix is docs/auth.md). */
  access?: string;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /** The JSON answer (200/201). */
  response?: z.ZodMiniType;
  /** A file answer instead of JSON: its media type (XLSX, CSV, HTML, event stream). */
  produces?: string;
  /** 201 instead of 200 when it creates something; 204 when it answers nothing. */
  status?: 200 | 201 | 204;
}

/** The route option carrying the doc: `app.get(path, { ...config(routeDoc({...})) }, handler)`. */
export function routeDoc(doc: RouteDoc): { openapi: RouteDoc } {
  return { openapi: doc };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    openapi?: RouteDoc;
  }
}
