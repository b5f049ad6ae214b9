// GET /openapi.json: the API's OpenAPI 3.1 document, generated from what each route says about itself
// (`config: routeDoc({...})`, http/openapi-meta.ts) and from its zod schemas (zod 4's JSON-schema
// conversion). An onRoute hook, added before the routes register, collects every route; the document is
// built on the first request and cached. Routes without a routeDoc (static files) are left out; the test
// (tests/server/openapi.test.ts) fails when an API route lacks one.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod/mini';
import { ERROR_CODES, HTTP_STATUS } from '../../shared';
import { SERVER_VERSION } from './healthz';
import { routeDoc, type RouteDoc } from './openapi-meta';

export const OPENAPI_PATH = '/openapi.json';
export const OPENAPI_TITLE = 'Bình dân học vụ số — ward server API';

type Json = Record<string, unknown>;

/** One method of one route, as registered. */
export interface CollectedRoute {
  method: string;
  /** The Fastify path, e.g. /v1/wards/:ward/coverage. */
  url: string;
  doc: RouteDoc | undefined;
}

/** Who may call without a token: routes whose `access` starts with one of these words. */
const PUBLIC_ACCESS = /^(anyone|public)\b/i;
const JSON_MEDIA = 'application/json';
const ERROR_REF = { $ref: '#/components/responses/Error' };

/** `/v1/wards/:ward/records/:collection/:id/history` → the OpenAPI path and its parameter names. */
export function openApiPath(url: string): { path: string; params: string[] } {
  const params: string[] = [];
  const path = url.replace(/:(\w+)(\([^)]*\))?/g, (_match, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path, params };
}

/**
 * A zod schema as a JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1). A schema that does not
 * convert (a transform's output, a custom check) becomes a permissive schema saying so, rather than
 * failing the whole document. `$defs` (recursive or reused parts) move to components.schemas.
 */
export function jsonSchemaOf(schema: z.ZodMiniType, io: 'input' | 'output', components: Json): Json {
  let converted: Json;
  try {
    converted = { ...(z.toJSONSchema(schema, { io }) as Json) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { description: `No JSON Schema form for this zod schema (${reason}); see src/shared.` };
  }
  delete converted['$schema'];
  const defs = (converted['$defs'] ?? {}) as Record<string, Json>;
  delete converted['$defs'];
  const names = new Map<string, string>();
  for (const name of Object.keys(defs)) {
    const unique = uniqueName(name.replace(/[^A-Za-z0-9._-]/g, '_'), components);
    names.set(name, unique);
    components[unique] = {};
  }
  // A reference to the root ('#') means the root itself is recursive: it becomes a component too.
  const rootName = containsRef(converted, '#') ? uniqueName('Schema', components) : undefined;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    const out: Json = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') {
        const def = inner.startsWith('#/$defs/') ? names.get(inner.slice('#/$defs/'.length)) : undefined;
        out[key] =
          def !== undefined
            ? `#/components/schemas/${def}`
            : inner === '#' && rootName !== undefined
              ? `#/components/schemas/${rootName}`
              : inner;
      } else out[key] = rewrite(inner);
    }
    return out;
  };
  for (const [name, def] of Object.entries(defs)) components[names.get(name) ?? name] = rewrite(def);
  const root = rewrite(converted) as Json;
  if (rootName === undefined) return root;
  components[rootName] = root;
  return { $ref: `#/components/schemas/${rootName}` };
}

function containsRef(value: unknown, ref: string): boolean {
  if (Array.isArray(value)) return value.some((v) => containsRef(v, ref));
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => (k === '$ref' && v === ref) || containsRef(v, ref));
}

function uniqueName(base: string, taken: Json): string {
  let name = base;
  for (let n = 2; name in taken; n++) name = `${base}_${n}`;
  return name;
}

/** The query schema's properties as query parameters (or none, when it has no JSON Schema form). */
function queryParameters(schema: z.ZodMiniType, components: Json): Json[] {
  const json = jsonSchemaOf(schema, 'input', components);
  const properties = (json['properties'] ?? {}) as Record<string, Json>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
    ...(typeof property['description'] === 'string' ? { description: property['description'] } : {}),
  }));
}

function successResponse(doc: RouteDoc, components: Json): Json {
  const status = doc.status ?? 200;
  if (status === 204) return { '204': { description: 'Done; no content.' } };
  let content: Json;
  if (doc.produces !== undefined) {
    const media = doc.produces.split(';')[0]?.trim() ?? doc.produces;
    // Text answers are strings; binary files (XLSX) carry no schema, as OpenAPI 3.1 advises.
    content = { [media]: media.startsWith('text/') ? { schema: { type: 'string' } } : {} };
  } else if (doc.response !== undefined) {
    content = { [JSON_MEDIA]: { schema: jsonSchemaOf(doc.response, 'output', components) } };
  } else content = { [JSON_MEDIA]: {} };
  const description = status === 201 ? 'Created.' : 'OK.';
  return { [String(status)]: { description, content } };
}

function operationId(method: string, path: string, taken: Set<string>): string {
  const base = `${method.toLowerCase()}${path
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('')}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
  taken.add(id);
  return id;
}

function errorSchema(): Json {
  const statuses = ERROR_CODES.map((code) => `${code} (${HTTP_STATUS[code]})`).join(', ');
  return {
    type: 'object',
    description: `Every failure, with the HTTP status of its code: ${statuses}.`,
    required: ['error'],
    additionalProperties: false,
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        additionalProperties: false,
        properties: {
          code: { type: 'string', enum: [...ERROR_CODES] },
          message: { type: 'string', description: 'For people; never carries secrets or internals.' },
        },
      },
    },
  };
}

/** The OpenAPI 3.1 document of the documented routes (others, such as static files, are left out). */
export function buildOpenApiDocument(routes: readonly CollectedRoute[]): Json {
  const schemas: Json = { Error: errorSchema() };
  const paths: Record<string, Record<string, Json>> = {};
  const tags = new Set<string>();
  const ids = new Set<string>();
  const documented = routes.filter((r): r is CollectedRoute & { doc: RouteDoc } => r.doc !== undefined);
  for (const { method, url, doc } of documented) {
    const { path, params } = openApiPath(url);
    tags.add(doc.tag);
    const parameters = [
      ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...(doc.query === undefined ? [] : queryParameters(doc.query, schemas)),
    ];
    const operation: Json = {
      operationId: operationId(method, path, ids),
      summary: doc.summary,
      tags: [doc.tag],
      ...(doc.access === undefined ? {} : { description: `Access: ${doc.access}.` }),
      security: doc.access !== undefined && PUBLIC_ACCESS.test(doc.access) ? [] : [{ bearer: [] }],
      ...(parameters.length === 0 ? {} : { parameters }),
      ...(doc.body === undefined
        ? {}
        : {
            requestBody: {
              // A body schema that accepts nothing (`{}` or no body) makes the body optional.
              required: !doc.body.safeParse(undefined).success,
              content: { [JSON_MEDIA]: { schema: jsonSchemaOf(doc.body, 'input', schemas) } },
            },
          }),
      responses: { ...successResponse(doc, schemas), '4XX': ERROR_REF, '5XX': ERROR_REF },
    };
    paths[path] = { ...paths[path], [method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: OPENAPI_TITLE,
      version: SERVER_VERSION,
      description:
        'The ward server of the "Bình dân học vụ số" app. Generated from the routes and their zod ' +
        'schemas (src/shared). Every failure is {"error":{"code","message"}}. Roles and rules: docs/auth.md.',
    },
    tags: [...tags].sort().map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Authorization: Bearer <token>. Either an officer or administrator session token ' +
            '(POST /v1/auth/login, 12 h) or a device token of an enrolled leader or volunteer ' +
            '(POST /v1/auth/enroll, no expiry, revocable by the ward officer).',
        },
      },
      schemas,
      responses: {
        Error: {
          description: 'A failure: the one error shape, whatever the status.',
          content: { [JSON_MEDIA]: { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}

/**
 * Collects every route registered from now on (call it in createServer before the routes register;
 * the hook reaches routes of child plugins too) and serves the document at GET /openapi.json.
 */
export function registerOpenApi(app: FastifyInstance): void {
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (route) => {
    // Wildcards are static files, not API; HEAD routes are Fastify's automatic twins of GETs.
    if (route.url.includes('*')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, doc: route.config?.openapi });
    }
  });
  let document: string | undefined;
  app.get(
    OPENAPI_PATH,
    {
      config: routeDoc({
        tag: 'meta',
        summary: 'This OpenAPI 3.1 document, generated from the routes and their zod schemas',
        access: 'public, no sign-in',
      }),
    },
    async (_request, reply) => {
      document ??= JSON.stringify(buildOpenApiDocument(routes));
      return reply.type('application/json; charset=utf-8').send(document);
    },
  );
}
