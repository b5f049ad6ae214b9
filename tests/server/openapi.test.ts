// GET /openapi.json (http/openapi.ts): an OpenAPI 3.1 document with every API route the server registers
// — summary, path and query parameters, body, answer and the one error shape — generated from each route's
// routeDoc and zod schemas. The routes are collected here by a hook of the test's own, so a route without
// a routeDoc fails the test by name; the checks are also run on a small server with known gaps.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod/mini';
import { ERROR_CODES } from '../../src/shared';
import { createServer } from '../../src/server/app';
import { SERVER_VERSION } from '../../src/server/http/healthz';
import { OPENAPI_PATH, OPENAPI_TITLE, openApiPath, registerOpenApi } from '../../src/server/http/openapi';
import { routeDoc } from '../../src/server/http/openapi-meta';
import type { SqlStore } from '../../src/server/store';
import { openTestStore } from '../helpers/server';

type Json = Record<string, unknown>;
interface Route {
  method: string;
  url: string;
}

/** Every method of every route from now on, as Fastify registers it (HEAD twins left out). */
function collectRoutes(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });
  return routes;
}

function operationOf(doc: Json, route: Route): Json | undefined {
  const paths = doc['paths'] as Record<string, Record<string, Json>>;
  return paths[openApiPath(route.url).path]?.[route.method.toLowerCase()];
}

/** API routes missing from the document or without a summary, as "METHOD /path". */
function undocumented(doc: Json, routes: readonly Route[]): string[] {
  return routes
    .filter((r) => r.url.startsWith('/v1/') || r.url === '/v1')
    .filter((r) => {
      const summary = operationOf(doc, r)?.['summary'];
      return typeof summary !== 'string' || summary.trim() === '';
    })
    .map((r) => `${r.method} ${r.url}`);
}

/** Paths whose `{…}` placeholders differ from their operations' path parameters. */
function parameterMismatches(doc: Json): string[] {
  const wrong: string[] = [];
  for (const [path, item] of Object.entries(doc['paths'] as Record<string, Record<string, Json>>)) {
    const placeholders = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [method, operation] of Object.entries(item)) {
      const params = ((operation['parameters'] ?? []) as Json[]).filter((p) => p['in'] === 'path');
      const names = params.map((p) => p['name']).sort();
      const allRequired = params.every((p) => p['required'] === true);
      if (JSON.stringify(names) !== JSON.stringify(placeholders) || !allRequired) {
        wrong.push(`${method.toUpperCase()} ${path}: placeholders ${placeholders} vs parameters ${names}`);
      }
    }
  }
  return wrong;
}

/** Follows a local `$ref` (`#/a/b`) in the document; undefined when it leads nowhere. */
function resolve(doc: Json, value: unknown): Json | undefined {
  let current = value as Json | undefined;
  for (let hops = 0; hops < 10 && typeof current?.['$ref'] === 'string'; hops++) {
    const ref = current['$ref'] as string;
    if (!ref.startsWith('#/')) return undefined;
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], doc) as Json | undefined;
  }
  return current;
}

/** Every `$ref` in the document that does not resolve inside it. */
function danglingRefs(doc: Json): string[] {
  const refs: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') refs.push(inner);
      else walk(inner);
    }
  };
  walk(doc);
  return refs.filter((ref) => resolve(doc, { $ref: ref }) === undefined);
}

/** Operations without the error response (the one `{"error":{"code","message"}}` shape) for 4xx and 5xx. */
function withoutErrorResponse(doc: Json): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(doc['paths'] as Record<string, Record<string, Json>>)) {
    for (const [method, operation] of Object.entries(item)) {
      const responses = operation['responses'] as Json;
      const ok = ['4XX', '5XX'].every((status) => {
        const response = resolve(doc, responses[status]);
        const content = response?.['content'] as Record<string, Json> | undefined;
        const schema = resolve(doc, content?.['application/json']?.['schema']);
        const error = (schema?.['properties'] as Record<string, Json> | undefined)?.['error'];
        const props = error?.['properties'] as Record<string, Json> | undefined;
        return props?.['code'] !== undefined && props['message'] !== undefined;
      });
      if (!ok) missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return missing;
}

/** The JSON schema of an operation's success answer (200/201), references followed. */
function answerSchema(doc: Json, operation: Json | undefined): Json | undefined {
  const responses = (operation?.['responses'] ?? {}) as Record<string, Json>;
  const success = responses['200'] ?? responses['201'];
  const content = success?.['content'] as Record<string, Json> | undefined;
  return resolve(doc, content?.['application/json']?.['schema']);
}

describe('the ward server document', () => {
  let store: SqlStore;
  let app: FastifyInstance;
  let routes: Route[];
  let doc: Json;

  beforeAll(async () => {
    store = await openTestStore();
    app = createServer({ store });
    routes = collectRoutes(app);
    await app.ready();
    const res = await app.inject(OPENAPI_PATH);
    expect(res.statusCode).toBe(200);
    doc = res.json<Json>();
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  test('GET /openapi.json is public JSON: OpenAPI 3.1 with the title, version and bearer scheme', async () => {
    const res = await app.inject(OPENAPI_PATH);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(doc['openapi']).toMatch(/^3\.1\.\d+$/);
    expect(doc['info']).toMatchObject({ title: OPENAPI_TITLE, version: SERVER_VERSION });
    const components = doc['components'] as Json;
    expect(components['securitySchemes']).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' } });
    // Built once, then the same document.
    expect((await app.inject(OPENAPI_PATH)).body).toBe(res.body);
  });

  test('every /v1 route the server registers is in the document with a summary', () => {
    const api = routes.filter((r) => r.url.startsWith('/v1/'));
    expect(api.length).toBeGreaterThan(20);
    const missing = undocumented(doc, routes);
    expect(missing, `routes without a routeDoc: ${missing.join(', ')}`).toEqual([]);
    for (const route of [
      { method: 'GET', url: '/healthz' },
      { method: 'GET', url: OPENAPI_PATH },
    ]) {
      expect(operationOf(doc, route)?.['summary'], route.url).toEqual(expect.any(String));
    }
  });

  test('path parameters match the {…} placeholders of every path', () => {
    expect(Object.keys(doc['paths'] as Json)).toContain('/v1/wards/{ward}/records/{collection}/{id}/history');
    const mismatches = parameterMismatches(doc);
    expect(mismatches, mismatches.join('\n')).toEqual([]);
  });

  test('every operation has the error response, whose code is one of the error codes', () => {
    const missing = withoutErrorResponse(doc);
    expect(missing, `operations without the error response: ${missing.join(', ')}`).toEqual([]);
    const error = resolve(doc, { $ref: '#/components/schemas/Error' }) as Json;
    const inner = (error['properties'] as Record<string, Json>)['error'] as Json;
    const code = (inner['properties'] as Record<string, Json>)['code'] as Json;
    expect([...(code['enum'] as string[])].sort()).toEqual([...ERROR_CODES].sort());
  });

  test('every $ref resolves inside the document', () => {
    expect(danglingRefs(doc)).toEqual([]);
  });

  test("the coverage answer's schema comes from the zod schema: groups, ward, trend", () => {
    const operation = operationOf(doc, { method: 'GET', url: '/v1/wards/:ward/coverage' });
    expect(operation?.['tags']).toEqual(['coverage']);
    expect(operation?.['description']).toMatch(/officer of the ward/);
    const schema = answerSchema(doc, operation);
    expect(Object.keys((schema?.['properties'] ?? {}) as Json)).toEqual(
      expect.arrayContaining(['groups', 'ward', 'trend']),
    );
    const query = ((operation?.['parameters'] ?? []) as Json[]).filter((p) => p['in'] === 'query');
    expect(query).toEqual([expect.objectContaining({ name: 'date', required: false })]);
  });

  test('bodies, queries, files and access: push, pull, the event stream, sign-in', () => {
    const push = operationOf(doc, { method: 'POST', url: '/v1/sync/:collection/push' });
    const body = (push?.['requestBody'] as Json | undefined)?.['content'] as Record<string, Json>;
    const pushSchema = resolve(doc, body['application/json']?.['schema']);
    expect((pushSchema?.['properties'] as Json)['rows']).toBeDefined();
    expect(push?.['security']).toEqual([{ bearer: [] }]);

    const pull = operationOf(doc, { method: 'GET', url: '/v1/sync/:collection/pull' });
    const query = ((pull?.['parameters'] ?? []) as Json[]).filter((p) => p['in'] === 'query');
    expect(query.filter((p) => p['required'] === true).map((p) => p['name'])).toEqual(['wardCode', 'seq']);

    const events = operationOf(doc, { method: 'GET', url: '/v1/sync/events' });
    const answer = (events?.['responses'] as Record<string, Json>)['200']?.['content'] as Json;
    expect(Object.keys(answer)).toEqual(['text/event-stream']);

    const login = operationOf(doc, { method: 'POST', url: '/v1/auth/login' });
    expect(login?.['security']).toEqual([]);
    const enroll = operationOf(doc, { method: 'POST', url: '/v1/auth/enroll' });
    expect(Object.keys(enroll?.['responses'] as Json)).toContain('201');
    // `{}` or no body at all: the re-invitation's body is optional.
    const reinvite = operationOf(doc, {
      method: 'POST',
      url: '/v1/wards/:ward/people/:accountId/invitations',
    });
    expect((reinvite?.['requestBody'] as Json | undefined)?.['required']).toBe(false);
  });
});

describe('the checks themselves, on a small server', () => {
  let app: FastifyInstance;
  let routes: Route[];
  let doc: Json;

  // A recursive schema (a $ref to itself) and one that does not convert (a transform's output).
  interface Node {
    name: string;
    children: Node[];
  }
  const nodeSchema: z.ZodMiniType<Node> = z.object({
    name: z.string(),
    get children() {
      return z.array(nodeSchema);
    },
  });
  const lengthSchema = z.pipe(
    z.string(),
    z.transform((s: string) => s.length),
  );

  beforeAll(async () => {
    app = Fastify();
    routes = collectRoutes(app);
    registerOpenApi(app);
    await app.register(async (api) => {
      api.get('/v1/undocumented/:id', async () => ({}));
      api.get(
        '/v1/tree/:treeId',
        { config: routeDoc({ tag: 't', summary: 'A tree', response: nodeSchema }) },
        async () => ({}),
      );
      api.post(
        '/v1/length',
        { config: routeDoc({ tag: 't', summary: 'A length', body: nodeSchema, response: lengthSchema }) },
        async () => 0,
      );
    });
    await app.ready();
    doc = (await app.inject(OPENAPI_PATH)).json<Json>();
  });
  afterAll(() => app?.close());

  test('a route without a routeDoc is named as undocumented', () => {
    expect(undocumented(doc, routes)).toEqual(['GET /v1/undocumented/:id']);
  });

  test('a mismatch of placeholders and path parameters is found', () => {
    const broken = structuredClone(doc);
    const paths = broken['paths'] as Record<string, Record<string, Json>>;
    const tree = paths['/v1/tree/{treeId}']?.['get'] as Json;
    tree['parameters'] = [{ name: 'id', in: 'path', required: true }];
    expect(parameterMismatches(doc)).toEqual([]);
    expect(parameterMismatches(broken)).toHaveLength(1);
    delete (paths['/v1/length']?.['post']?.['responses'] as Json)['5XX'];
    expect(withoutErrorResponse(broken)).toEqual(['POST /v1/length']);
  });

  test('a recursive schema becomes a component; one that does not convert falls back, the rest stands', () => {
    expect(danglingRefs(doc)).toEqual([]);
    const tree = operationOf(doc, { method: 'GET', url: '/v1/tree/:treeId' });
    const schema = answerSchema(doc, tree);
    expect(Object.keys((schema?.['properties'] ?? {}) as Json)).toEqual(['name', 'children']);
    const length = operationOf(doc, { method: 'POST', url: '/v1/length' });
    expect(answerSchema(doc, length)?.['description']).toMatch(/No JSON Schema form/);
    const body = (length?.['requestBody'] as Json)['content'] as Record<string, Json>;
    expect(resolve(doc, body['application/json']?.['schema'])?.['properties']).toBeDefined();
  });
});
