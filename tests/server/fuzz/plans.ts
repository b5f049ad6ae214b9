// What the suite sends to one route, as fast-check arbitraries of request plans: the caller (usually
// the right one, sometimes the wrong one), path parameters (real ids, sometimes fuzzed), the query
// (valid, one thing wrong, hostile, raw junk), the body (the generators of bodies.ts) and, now and then,
// a wrong protocol header. `generatorsOf` lists the generators a route gets and how many requests each.
import fc from 'fast-check';
import { SYNC_COLLECTIONS } from '../../../src/shared';
import {
  arbitraryJson,
  hostileText,
  oneThingWrong,
  rawBody,
  tenMegabytes,
  type SentBody,
  type TextTest,
} from './bodies';
import { BODY_EXAMPLES } from './examples';
import { hostileString } from './hostile';
import { hashesPasswords, rightPrincipals, type FuzzRoute } from './routes';
import type { JsonSchema, SchemaArbitraries } from './schema-arb';
import { PRINCIPALS, type PrincipalName, type World } from './world';

/** A path segment: text to encode, or raw text put in the URL as it is (broken escapes). */
export interface Segment {
  text: string;
  raw: boolean;
}

export type QuerySpec = { pairs: [string, string][] } | { raw: string };

export interface Plan {
  generator: string;
  principal: PrincipalName;
  params: Record<string, Segment>;
  query: QuerySpec | undefined;
  body: SentBody;
  /** Replaces the protocol header (null: left out). */
  protocol: string | null | undefined;
}

// --- callers and path parameters --------------------------------------------------------------------

function principalArb(route: FuzzRoute, only?: 'right' | 'wrong'): fc.Arbitrary<PrincipalName> {
  const right = rightPrincipals(route);
  const wrong = fc.constantFrom(...PRINCIPALS.filter((p) => !right.includes(p)));
  if (only === 'wrong') return wrong;
  if (only === 'right') return fc.constantFrom(...right);
  return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...right) }, { weight: 1, arbitrary: wrong });
}

/** Real values for a path parameter, by its name (and, for `id`, by what the path says it is). */
function realValues(world: World, route: FuzzRoute, name: string): string[] {
  const { ids } = world;
  const records = [...ids.residents, ...ids.sessions, ...ids.completions];
  switch (name) {
    case 'ward':
      return [world.ward];
    case 'province':
      return [world.provinceCode];
    case 'group':
      return ids.groups;
    case 'accountId':
      return ids.accounts;
    case 'deviceId':
      return ids.devices;
    case 'collection':
      return [...SYNC_COLLECTIONS];
    case 'id':
      if (route.path.includes('/merges/')) return ids.merges;
      if (route.path.includes('/periods/')) return ids.periods;
      if (route.path.includes('/records/') || route.path.includes('/residents/')) return ids.residents;
      return records;
    default:
      return [...records, ...ids.groups, ...ids.accounts];
  }
}

const RAW_SEGMENTS = ['%', '%ZZ', '%00', '%2F', '..', '%2e%2e', '%c0%ae', '%ED%A0%80', '%F0%9F', '~'];

function fuzzedSegment(world: World): fc.Arbitrary<Segment> {
  const text = (t: string): Segment => ({ text: t, raw: false });
  return fc.oneof(
    hostileString.filter((s) => s !== '').map(text),
    fc
      .constantFrom(
        world.otherWard,
        '00000',
        '1234',
        'tdp-99',
        '-1',
        '0',
        '99999999999999999999',
        'x'.repeat(300),
      )
      .map(text),
    fc.uuid({ version: 4 }).map(text),
    fc.constantFrom(...RAW_SEGMENTS).map((t) => ({ text: t, raw: true })),
  );
}

function paramsArb(world: World, route: FuzzRoute, fuzz: boolean): fc.Arbitrary<Record<string, Segment>> {
  const model: Record<string, fc.Arbitrary<Segment>> = {};
  for (const name of route.pathParams) {
    const real = realValues(world, route, name);
    const realArb =
      real.length > 0 ? fc.constantFrom(...real).map((t) => ({ text: t, raw: false })) : fuzzedSegment(world);
    model[name] = fuzz ? fc.oneof(fuzzedSegment(world), realArb) : realArb;
  }
  return fc.record(model);
}

// --- queries ----------------------------------------------------------------------------------------

/** A valid query, with a real ward where the route asks for one. */
function validQuery(
  world: World,
  schema: JsonSchema,
  arbs: SchemaArbitraries,
): fc.Arbitrary<[string, string][]> {
  return arbs
    .valid(schema)
    .map((value) =>
      Object.entries(value as Record<string, unknown>).map(([k, v]): [string, string] => [
        k,
        k === 'wardCode' ? world.ward : String(v),
      ]),
    );
}

const WRONG_VALUES = [
  '',
  '-1',
  '0',
  '1e3',
  '99999999999999999999',
  '2026-02-30',
  '2026-13-01',
  'abc',
  'true',
  'null',
];

function wrongQuery(valid: fc.Arbitrary<[string, string][]>): fc.Arbitrary<QuerySpec> {
  return fc
    .tuple(valid, fc.nat(), fc.nat(), fc.constantFrom(...WRONG_VALUES))
    .map(([pairs, n, how, value]) => {
      const at = pairs.length === 0 ? -1 : n % pairs.length;
      const key = pairs[at]?.[0] ?? 'extra';
      const next = [...pairs];
      switch (how % 5) {
        case 0:
          next.splice(at, 1);
          break;
        case 1:
          if (at >= 0) next[at] = [key, value];
          break;
        case 2:
          next.push([key, value]);
          break;
        case 3:
          next.push(['unknownParam', value]);
          break;
        default:
          if (at >= 0) next[at] = [`${key}[]`, value];
      }
      return { pairs: next };
    });
}

function hostileQuery(valid: fc.Arbitrary<[string, string][]>): fc.Arbitrary<QuerySpec> {
  return fc.tuple(valid, fc.array(hostileString, { minLength: 1, maxLength: 4 })).map(([pairs, texts]) => ({
    pairs:
      pairs.length === 0
        ? [['q', texts[0] ?? '']]
        : pairs.map(([k], i): [string, string] => [k, texts[i % texts.length] ?? '']),
  }));
}

const RAW_QUERIES = [
  '%',
  '&&&==&',
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
  'wardCode=%00',
  'wardCode=%ED%A0%80',
  'date=2026-01-01&date=2026-01-02',
  `date=${'9'.repeat(70_000)}`,
  'a[b][c][d][e][f]=1',
  'seq=1&seq[0]=2',
];

function rawQuery(): fc.Arbitrary<QuerySpec> {
  return fc
    .oneof(
      fc.constantFrom(...RAW_QUERIES),
      fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[#\s]/g, '')),
    )
    .map((raw) => ({ raw }));
}

// --- plans ------------------------------------------------------------------------------------------

const protocolArb = fc.oneof(
  { weight: 9, arbitrary: fc.constant<string | null | undefined>(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | null>(null, '1', 'abc', ' 2 ', '99999999999999999999', '2.5', ''),
  },
);

export interface Generator {
  name: string;
  count: number;
  arb: fc.Arbitrary<Plan>;
}

/** The generators of one route and how many requests each, for `runs` (FUZZ_RUNS). */
export function generatorsOf(
  world: World,
  route: FuzzRoute,
  arbs: SchemaArbitraries,
  runs: number,
): Generator[] {
  const scaled = hashesPasswords(route) ? Math.max(1, Math.ceil(runs / 3)) : runs;
  const half = Math.max(1, Math.ceil(scaled / 2));
  const query = route.query;
  const validPairs =
    query === undefined ? fc.constant<[string, string][]>([]) : validQuery(world, query, arbs);
  const validQuerySpec: fc.Arbitrary<QuerySpec | undefined> =
    query === undefined ? fc.constant(undefined) : validPairs.map((pairs) => ({ pairs }));
  const body = route.body;
  const example = BODY_EXAMPLES[route.key];
  const validBody = (params: Record<string, Segment>): fc.Arbitrary<unknown> => {
    if (example !== undefined) {
      return example(world, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.text])));
    }
    return body === undefined ? fc.constant(undefined) : arbs.valid(body.schema);
  };
  const isText: TextTest = (path, value) => arbs.isText(body?.schema, path, value);
  const plainBody = (params: Record<string, Segment>): fc.Arbitrary<SentBody> =>
    body === undefined
      ? fc.constant<SentBody>({ kind: 'none' })
      : validBody(params).map((value) => ({ kind: 'json', value }));

  const plan = (
    name: string,
    count: number,
    parts: {
      principal?: 'right' | 'wrong';
      fuzzParams?: boolean;
      query?: fc.Arbitrary<QuerySpec | undefined>;
      body?: (params: Record<string, Segment>) => fc.Arbitrary<SentBody>;
    },
  ): Generator => ({
    name,
    count,
    arb: paramsArb(world, route, parts.fuzzParams === true).chain((params) =>
      fc
        .record({
          principal: principalArb(route, parts.principal),
          query: parts.query ?? validQuerySpec,
          body: (parts.body ?? plainBody)(params),
          protocol: protocolArb,
        })
        .map((p) => ({ generator: name, params, ...p })),
    ),
  });

  const generators: Generator[] = [
    plan('valid', half, {}),
    plan('wrong-caller', half, { principal: 'wrong' }),
    plan('fuzzed-params', half, { fuzzParams: true }),
  ];
  if (body !== undefined) {
    generators.push(
      plan('arbitrary-json', scaled, { body: () => arbitraryJson }),
      plan('one-thing-wrong', scaled, { body: (params) => oneThingWrong(validBody(params)) }),
      plan('hostile-text', scaled, { body: (params) => hostileText(validBody(params), isText) }),
      plan('raw-body', half, { body: (params) => rawBody(validBody(params)) }),
      plan('10-MB', 1, {
        principal: 'right',
        body: (params) => validBody(params).map((v) => tenMegabytes(v, isText)),
      }),
    );
  }
  if (query !== undefined) {
    generators.push(
      plan('query-wrong', scaled, { query: wrongQuery(validPairs) }),
      plan('query-hostile', scaled, { query: hostileQuery(validPairs) }),
      plan('query-raw', half, { query: rawQuery() }),
    );
  }
  return generators;
}

/** The plan's URL: path parameters encoded (raw ones as they are), then the query. */
export function urlOf(route: FuzzRoute, plan: Plan): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const segment = plan.params[name];
    if (segment === undefined) return '';
    return segment.raw ? segment.text : encode(segment.text);
  });
  const query = plan.query;
  if (query === undefined) return path;
  const text =
    'raw' in query ? query.raw : query.pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  return text === '' ? path : `${path}?${text}`;
}

/** encodeURIComponent, with lone surrogates sent as the (invalid) UTF-8 bytes a broken client would. */
function encode(text: string): string {
  return [...text]
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return code >= 0xd800 && code <= 0xdfff
        ? `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`
        : encodeURIComponent(ch);
    })
    .join('');
}
