// Every route of GET /openapi.json as the fuzzing suite sees it: method, path and its parameters, the
// query and body JSON Schemas, whether it is public, whom it is for, and whether it answers a stream.
// Reading the document (not a list kept here) is what makes routes added later fuzzed too.
import type { JsonSchema } from './schema-arb';
import type { PrincipalName } from './world';

export interface FuzzRoute {
  /** `POST /v1/wards/{ward}/groups` */
  key: string;
  method: string;
  /** The OpenAPI path, parameters in braces. */
  path: string;
  pathParams: string[];
  /** The query parameters as one object schema, or undefined when the route reads no query. */
  query: JsonSchema | undefined;
  body: { required: boolean; schema: JsonSchema } | undefined;
  isPublic: boolean;
  access: string;
  /** A text/event-stream answer (read as a stream, never to its end). */
  stream: boolean;
}

type Json = Record<string, unknown>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function routesOf(document: Json): FuzzRoute[] {
  const paths = document['paths'] as Record<string, Record<string, Json>>;
  const routes: FuzzRoute[] = [];
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!METHODS.includes(method)) continue;
      const parameters = (operation['parameters'] ?? []) as Json[];
      const queryParams = parameters.filter((p) => p['in'] === 'query');
      const content = (operation['requestBody'] as Json | undefined)?.['content'] as Json | undefined;
      const bodySchema = (content?.['application/json'] as Json | undefined)?.['schema'] as
        JsonSchema | undefined;
      const responses = Object.values((operation['responses'] ?? {}) as Record<string, Json>);
      const media = responses.flatMap((r) => Object.keys((r['content'] ?? {}) as Json));
      const description = typeof operation['description'] === 'string' ? operation['description'] : '';
      routes.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p['in'] === 'path').map((p) => String(p['name'])),
        query:
          queryParams.length === 0
            ? undefined
            : {
                type: 'object',
                properties: Object.fromEntries(queryParams.map((p) => [String(p['name']), p['schema']])),
                required: queryParams.filter((p) => p['required'] === true).map((p) => String(p['name'])),
              },
        body:
          bodySchema === undefined
            ? undefined
            : { required: (operation['requestBody'] as Json)['required'] === true, schema: bodySchema },
        isPublic: Array.isArray(operation['security']) && operation['security'].length === 0,
        access: description.replace(/^Access:\s*/, ''),
        stream: media.includes('text/event-stream'),
      });
    }
  }
  return routes;
}

/**
 * Who may call the route: none for public routes, the administrator for /v1/admin and provinces, a
 * phone (or the officer) for /v1/sync, a phone where the access says "a device", the ward's officer
 * (and, where the access says so, a leader or the administrator) for the rest.
 */
export function rightPrincipals(route: FuzzRoute): PrincipalName[] {
  if (route.isPublic) return ['none'];
  if (/^\/v1\/(admin|provinces)\//.test(route.path)) return ['admin'];
  if (route.path.startsWith('/v1/sync/')) return ['volunteer', 'leader', 'officer'];
  if (/^a device/i.test(route.access)) return ['volunteer', 'leader'];
  const principals: PrincipalName[] = ['officer'];
  if (/\bleader\b/.test(route.access)) principals.push('leader');
  if (/\badministrator\b/.test(route.access)) principals.push('admin');
  return principals;
}

/** Routes that end their own caller's token when they succeed (sign-out, erase report): renew after. */
export function endsItsCaller(route: FuzzRoute): boolean {
  return route.path.startsWith('/v1/auth/') && route.method !== 'GET' && !route.isPublic;
}

/** Routes whose valid bodies hash a password (scrypt, ~0.1 s each): fewer requests. */
export function hashesPasswords(route: FuzzRoute): boolean {
  return /"\w*password"\s*:/i.test(JSON.stringify(route.body?.schema ?? {}));
}
