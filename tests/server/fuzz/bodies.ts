// The request bodies of the fuzzing suite: (a) arbitrary JSON — any value, wrong top-level types, deep
// nesting, huge arrays; (b) a valid body with one thing wrong — a field missing, null, of the wrong
// type, out of range, or an extra key; (c) a valid body whose text carries hostile strings; and raw
// bodies: broken JSON, invalid UTF-8, prototype keys, wrong content types. Deep nesting is spliced into
// the serialised text (a JS value that deep could not be serialised here either).
import fc from 'fast-check';
import { hostileString, tenMbText } from './hostile';

/** What is sent: nothing, a JSON value (serialised here), or raw bytes with a content type. */
export type SentBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; payload: string | Buffer; contentType: string | undefined };

type Path = (string | number)[];

const DEEP = '\u0001deep:';

/** A placeholder serialised as `depth` nested arrays or objects. */
function deep(depth: number, shape: 'array' | 'object'): string {
  return `${DEEP}${shape}:${depth}\u0001`;
}

/** JSON text of a value, with deep-nesting placeholders expanded. */
export function serialise(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replace(/"\\u0001deep:(array|object):(\d+)\\u0001"/g, (_m, shape: string, n: string) => {
    const depth = Number(n);
    return shape === 'array'
      ? `${'['.repeat(depth)}${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  });
}

const deepValue = fc
  .tuple(fc.constantFrom(100, 5_000, 60_000), fc.constantFrom('array' as const, 'object' as const))
  .map(([depth, shape]) => deep(depth, shape));

// --- (a) arbitrary JSON ----------------------------------------------------------------------------

const json = (value: unknown): SentBody => ({ kind: 'json', value });

export const arbitraryJson: fc.Arbitrary<SentBody> = fc.oneof(
  fc.jsonValue().map(json),
  fc.anything({ maxDepth: 3 }).map((value): SentBody => {
    const text = JSON.stringify(value);
    return text === undefined
      ? { kind: 'none' }
      : { kind: 'raw', payload: text, contentType: 'application/json' };
  }),
  fc.constantFrom<unknown>('a string', 42, -1, true, false, null, [], {}, [{}], [[]], '').map(json),
  deepValue.map(json),
  fc
    .tuple(fc.constantFrom(1_000, 100_000), fc.constantFrom<unknown>(0, 'x', null, {}))
    .map(([n, item]) => json(Array.from({ length: n }, () => item))),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 200 }).map(json),
);

// --- (b) one thing wrong ----------------------------------------------------------------------------

/** Every node of a JSON value, by path (the root is []). */
function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  }
  return out;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
}

/** Sets (or with `remove`, deletes) the node at path; the root is replaced by the returned value. */
function setAt(root: unknown, path: Path, next: unknown, remove = false): unknown {
  if (path.length === 0) return remove ? undefined : next;
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  if (!remove) parent[key] = next;
  else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return root;
}

const MUTATIONS = ['missing', 'null', 'wrongType', 'outOfRange', 'extraKey', 'junk', 'deep'] as const;
type Mutation = (typeof MUTATIONS)[number];

function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return value === '' ? 0 : [value];
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 0;
  if (Array.isArray(value)) return { 0: value[0] ?? null };
  if (value === null) return {};
  return [value];
}

const OUT_OF_RANGE_NUMBERS = [-1, -2147483649, 2 ** 53 + 2, 1e308, 0.5, 1e21, -0.000001, 99999999999];

function outOfRange(value: unknown, pick: number): unknown {
  if (typeof value === 'number') return OUT_OF_RANGE_NUMBERS[pick % OUT_OF_RANGE_NUMBERS.length];
  if (typeof value === 'string') return pick % 2 === 0 ? '' : `${value}${'ỗ'.repeat(70_000)}`;
  if (Array.isArray(value)) return pick % 2 === 0 ? [] : Array.from({ length: 6_000 }, () => value[0] ?? 0);
  return value;
}

const EXTRA_KEYS = ['extra', '__proto__', 'constructor', 'prototype', '', '\u0000', '$where', 'id'];

function mutate(value: unknown, pick: number, mutation: Mutation, junk: unknown): unknown {
  const paths = pathsOf(value);
  const path = paths[pick % paths.length] ?? [];
  const root = clone(value);
  const node = getAt(root, path);
  switch (mutation) {
    case 'missing':
      return setAt(root, path, undefined, true);
    case 'null':
      return setAt(root, path, null);
    case 'wrongType':
      return setAt(root, path, wrongType(node));
    case 'outOfRange':
      return setAt(root, path, outOfRange(node, pick));
    case 'extraKey': {
      const target = node !== null && typeof node === 'object' && !Array.isArray(node) ? path : [];
      const object = getAt(root, target);
      if (object === null || typeof object !== 'object' || Array.isArray(object)) return root;
      Object.defineProperty(object, EXTRA_KEYS[pick % EXTRA_KEYS.length] ?? 'extra', {
        value: junk,
        enumerable: true,
        configurable: true,
        writable: true,
      });
      return root;
    }
    case 'junk':
      return setAt(root, path, junk);
    case 'deep':
      return setAt(root, path, deep(pick % 2 === 0 ? 5_000 : 60_000, pick % 3 === 0 ? 'object' : 'array'));
  }
}

/** A valid body with one thing wrong. */
export function oneThingWrong(valid: fc.Arbitrary<unknown>): fc.Arbitrary<SentBody> {
  return fc
    .tuple(valid, fc.nat(), fc.constantFrom(...MUTATIONS), fc.jsonValue({ maxDepth: 2 }))
    .map(([value, pick, mutation, junk]): SentBody => {
      const next = mutate(value, pick, mutation, junk);
      return next === undefined ? { kind: 'none' } : { kind: 'json', value: next };
    });
}

// --- (c) hostile text -------------------------------------------------------------------------------

/** Paths of the string leaves of a value. */
function stringPaths(value: unknown): Path[] {
  return pathsOf(value).filter((p) => typeof getAt(value, p) === 'string');
}

/** Says whether the string at a path of the valid body is free text (and not an id, date or enum). */
export type TextTest = (path: readonly (string | number)[], value: string) => boolean;

/** A valid body whose text fields (one to all of them) carry hostile strings. */
export function hostileText(valid: fc.Arbitrary<unknown>, isText: TextTest): fc.Arbitrary<SentBody> {
  return fc
    .tuple(valid, fc.array(fc.tuple(fc.nat(), hostileString), { minLength: 1, maxLength: 6 }), fc.boolean())
    .map(([value, picks, all]): SentBody => {
      const root = clone(value);
      const paths = textPaths(root, isText);
      const chosen = all
        ? paths.map((p, i) => [p, picks[i % picks.length]?.[1] ?? ''] as const)
        : picks.map(([n, s]) => [paths[n % paths.length], s] as const);
      let out: unknown = root;
      for (const [path, text] of chosen) if (path !== undefined) out = setAt(out, path, text);
      return { kind: 'json', value: out };
    });
}

function textPaths(value: unknown, isText: TextTest): Path[] {
  return stringPaths(value).filter((p) => isText(p, getAt(value, p) as string));
}

/** The valid body with its first text field 10 MB long (one request per route). */
export function tenMegabytes(value: unknown, isText: TextTest): SentBody {
  const root = clone(value);
  const path = textPaths(root, isText)[0];
  return {
    kind: 'json',
    value: path === undefined ? { padding: tenMbText(), body: root } : setAt(root, path, tenMbText()),
  };
}

// --- raw bodies and content types ------------------------------------------------------------------

const BROKEN_JSON = [
  '{',
  '{"a":1',
  '{"a":1}garbage',
  "{'a':1}",
  'NaN',
  'undefined',
  '\ufeff{}',
  '',
  ' ',
  '1e99999',
  '{"a":1,"a":2}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '[1,2,',
  '"\\ud800"',
  '{"a":"\\u0000"}',
  '\u0000',
];

const OTHER_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/jsonx',
  'application/vnd.api+json',
  'text/html',
  '',
];

/** Broken JSON, invalid UTF-8, or a good body under another (or no) content type. */
export function rawBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<SentBody> {
  return fc.oneof(
    fc
      .constantFrom(...BROKEN_JSON)
      .map((payload) => ({ kind: 'raw' as const, payload, contentType: 'application/json' })),
    fc
      .constantFrom(
        Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
        Buffer.from('{"a":"\xc3\x28"}', 'latin1'),
        Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
      )
      .map((payload) => ({ kind: 'raw' as const, payload, contentType: 'application/json' })),
    fc
      .tuple(valid, fc.constantFrom<string | undefined>(...OTHER_TYPES, undefined))
      .map(([value, contentType]) => ({ kind: 'raw' as const, payload: serialise(value), contentType })),
    fc
      .constantFrom(
        '<a>1</a>',
        'a=1&b=2',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
      )
      .map((payload) => ({ kind: 'raw' as const, payload, contentType: 'text/plain' })),
  );
}
