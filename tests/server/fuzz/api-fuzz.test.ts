// The fuzzing suite (docs/privacy.md H1): seeded fast-check requests to every route of /openapi.json —
// arbitrary JSON, valid bodies with one thing wrong, hostile text, raw and mistyped bodies, fuzzed path
// parameters, queries and callers — against a world built through the real API. Per answer: no 5xx, the
// one error shape, no stack trace; at the end nothing stored fails its schema. Bounded and seeded:
// FUZZ_SEED and FUZZ_RUNS (requests per generator and route) override for longer local runs. Prints
// `fuzz: requests <n>, 5xx <n>, stored-invalid <n> (seed <s>)`.
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROTOCOL_HEADER } from '../../../src/shared';
import { serialise, type SentBody } from './bodies';
import { problemsOf, type Answer } from './check';
import { BODY_EXAMPLES } from './examples';
import { generatorsOf, urlOf, type Plan } from './plans';
import { endsItsCaller, rightPrincipals, routesOf, type FuzzRoute } from './routes';
import { SchemaArbitraries, UnsupportedSchema, type JsonSchema } from './schema-arb';
import { storedInvalid } from './stored';
import { buildWorld, type World } from './world';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261207);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 10);
/** Fewer requests than this means generators silently stopped producing (1,500 at the default runs). */
const FLOOR = Math.round((1500 * RUNS) / 10);

let world: World;
let routes: FuzzRoute[];
let arbs: SchemaArbitraries;

beforeAll(async () => {
  world = await buildWorld();
  const res = await world.server.app.inject({ method: 'GET', url: '/openapi.json' });
  const document = res.json() as Record<string, unknown>;
  routes = routesOf(document);
  const components = (document['components'] as { schemas: Record<string, JsonSchema> }).schemas;
  arbs = new SchemaArbitraries(components);
});

afterAll(async () => {
  await world.close();
});

/** A stable per-route seed, so a route added later does not change the others' requests. */
function seedOf(key: string): number {
  let hash = SEED | 0;
  for (const ch of key) hash = (Math.imul(hash, 31) + (ch.codePointAt(0) ?? 0)) | 0;
  return hash;
}

function payloadOf(body: SentBody): { payload?: string | Buffer; contentType?: string } {
  if (body.kind === 'none') return {};
  if (body.kind === 'json') return { payload: serialise(body.value), contentType: 'application/json' };
  return {
    payload: body.payload,
    ...(body.contentType === undefined ? {} : { contentType: body.contentType }),
  };
}

async function send(route: FuzzRoute, plan: Plan): Promise<Answer> {
  const headers: Record<string, string> = { ...world.headers(plan.principal) };
  if (plan.protocol === null) delete headers[PROTOCOL_HEADER];
  else if (plan.protocol !== undefined) headers[PROTOCOL_HEADER] = plan.protocol;
  const { payload, contentType } = payloadOf(plan.body);
  if (contentType !== undefined) headers['content-type'] = contentType;
  const res: LightMyRequestResponse = await world.server.app.inject({
    method: route.method as 'GET',
    url: urlOf(route, plan),
    headers,
    ...(payload === undefined ? {} : { payload }),
    ...(route.stream ? { payloadAsStream: true } : {}),
  });
  const type = String(res.headers['content-type'] ?? '');
  let body = '';
  if (route.stream) {
    const stream = res.stream();
    if (res.statusCode >= 400) for await (const chunk of stream) body += String(chunk);
    else stream.destroy();
  } else if (!type.includes('spreadsheetml')) body = res.body;
  return { status: res.statusCode, contentType: type, body };
}

/** The request in a line a person can replay: method, URL, caller, generator, body (cut short). */
function describePlan(route: FuzzRoute, plan: Plan): string {
  const { payload } = payloadOf(plan.body);
  const shown = payload === undefined ? '' : String(payload).slice(0, 300);
  return `${route.method} ${urlOf(route, plan).slice(0, 200)} as ${plan.principal} [${plan.generator}] ${shown}`;
}

interface Tally {
  requests: number;
  fiveXx: number;
  /** The first 40 answers with a problem, each with its request (and the server's log for a 5xx). */
  failures: string[];
}

/** Every generator's plans for one route, sent in turn; the id pools are read afresh first. */
async function fuzzRoute(route: FuzzRoute, tally: Tally): Promise<void> {
  await world.refresh();
  for (const [g, generator] of generatorsOf(world, route, arbs, RUNS).entries()) {
    const seed = seedOf(`${route.key}#${g}`);
    for (const plan of fc.sample(generator.arb, { seed, numRuns: generator.count })) {
      const answer = await send(route, plan);
      tally.requests += 1;
      if (answer.status >= 500) tally.fiveXx += 1;
      const problems = problemsOf(answer);
      const logged = world.takeServerError();
      if (problems.length > 0 && tally.failures.length < 40) {
        const why = logged === undefined ? '' : ` (server log: ${logged})`;
        const answered = answer.body.slice(0, 300);
        tally.failures.push(`${problems.join(', ')} ← ${describePlan(route, plan)} → ${answered}${why}`);
      }
      // A sign-out or erase report that worked, or a caller found ended (its device revoked): renew.
      const ended =
        (endsItsCaller(route) && answer.status < 300) ||
        answer.status === 401 ||
        (answer.status === 403 && answer.body.includes('device_retired'));
      if (ended) await world.renewIfEnded(plan.principal);
    }
  }
}

describe('fuzzing every route of /openapi.json', () => {
  test('every route with a body or a query has a generator', () => {
    const uncovered: string[] = [];
    for (const route of routes) {
      try {
        if (route.body !== undefined && BODY_EXAMPLES[route.key] === undefined) arbs.valid(route.body.schema);
        if (route.query !== undefined) arbs.valid(route.query);
      } catch (error) {
        if (!(error instanceof UnsupportedSchema)) throw error;
        uncovered.push(`${route.key}: ${error.message}`);
      }
    }
    expect(uncovered).toEqual([]);
    // The document is where routes come from: the sync push and the ward routes must be in it.
    expect(routes.map((r) => r.key)).toEqual(
      expect.arrayContaining(['POST /v1/sync/{collection}/push', 'POST /v1/wards/{ward}/residents/import']),
    );
    for (const route of routes) expect(rightPrincipals(route).length).toBeGreaterThan(0);
  });

  test('seeded requests: no 5xx, one error shape, nothing stored that fails its schema', async () => {
    const tally: Tally = { requests: 0, fiveXx: 0, failures: [] };
    for (const route of routes) await fuzzRoute(route, tally);
    const invalid = await storedInvalid(world.store);
    const { requests, fiveXx, failures } = tally;
    console.log(`fuzz: requests ${requests}, 5xx ${fiveXx}, stored-invalid ${invalid.length} (seed ${SEED})`);
    expect(failures).toEqual([]);
    expect(invalid).toEqual([]);
    expect(fiveXx).toBe(0);
    expect(requests).toBeGreaterThanOrEqual(FLOOR);
  }, 300_000);
});
