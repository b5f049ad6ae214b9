// Valid-looking values from a route's JSON Schema (as GET /openapi.json documents it): the generator of
// schema-shaped bodies and queries for any route, also one added later. Covers the subset zod emits
// (types, properties, required, additionalProperties, enum, const, anyOf, pattern, lengths, bounds,
// $ref); anything else throws UnsupportedSchema, so an uncovered route fails the suite instead of
// being fuzzed with nonsense. Refinements are not in the JSON Schema: such values may still be refused.
import fc from 'fast-check';

export type JsonSchema = Record<string, unknown>;

export class UnsupportedSchema extends Error {
  override readonly name = 'UnsupportedSchema';
}

/** Keywords understood here; annotations are ignored. */
const KNOWN = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  '$ref',
  'description',
  'title',
  'default',
  'examples',
  'format',
]);

/** The pattern of a calendar date: real dates are generated for it (the schema refines on top). */
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** Readable text of any length the field allows: Vietnamese words, no control characters, trimmed. */
function plainText(min: number, max: number): fc.Arbitrary<string> {
  const words = ['Nguyễn', 'Thị', 'Hoà', 'Trần', 'Văn', 'Tư', 'tổ', 'dân', 'phố', 'số', '12', 'Lê', 'Ánh'];
  return fc
    .array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 })
    .map((parts) => {
      let s = parts.join(' ');
      while (s.length < min) s = `${s} ${s}`;
      return s.slice(0, max).trim();
    })
    .filter((s) => s.length >= min && s.length <= max);
}

function dateArb(): fc.Arbitrary<string> {
  return fc
    .date({
      min: new Date('2024-01-01T00:00:00Z'),
      max: new Date('2026-06-30T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
}

function stringArb(schema: JsonSchema): fc.Arbitrary<string> {
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : 200;
  const pattern = schema['pattern'];
  if (typeof pattern === 'string') {
    if (pattern === DATE_PATTERN) return dateArb();
    return fc.stringMatching(new RegExp(pattern)).filter((s) => s.length >= min && s.length <= max);
  }
  return plainText(min, Math.min(max, Math.max(min, 60)));
}

function numberBound(schema: JsonSchema, key: string): number | undefined {
  const value = schema[key];
  return typeof value === 'number' ? value : undefined;
}

function integerArb(schema: JsonSchema): fc.Arbitrary<number> {
  const exMin = numberBound(schema, 'exclusiveMinimum');
  const exMax = numberBound(schema, 'exclusiveMaximum');
  const min = Math.max(
    numberBound(schema, 'minimum') ?? (exMin === undefined ? -1000 : exMin + 1),
    -(2 ** 31),
  );
  const max = Math.min(
    numberBound(schema, 'maximum') ?? (exMax === undefined ? 100_000 : exMax - 1),
    2 ** 31 - 1,
  );
  return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
}

function numberArb(schema: JsonSchema): fc.Arbitrary<number> {
  const min = numberBound(schema, 'minimum') ?? numberBound(schema, 'exclusiveMinimum') ?? -1e6;
  const max = numberBound(schema, 'maximum') ?? numberBound(schema, 'exclusiveMaximum') ?? 1e6;
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
}

export class SchemaArbitraries {
  constructor(private readonly components: Record<string, JsonSchema>) {}

  /** Throws UnsupportedSchema for what it does not understand. */
  valid(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    if (depth > 12) throw new UnsupportedSchema('schema nested deeper than 12 (recursive?)');
    const unknownKeys = Object.keys(schema).filter((k) => !KNOWN.has(k));
    if (unknownKeys.length > 0) throw new UnsupportedSchema(`keywords ${unknownKeys.join(', ')}`);
    const ref = schema['$ref'];
    if (typeof ref === 'string') return this.valid(this.resolve(ref), depth + 1);
    if ('const' in schema) return fc.constant(schema['const']);
    const enumValues = schema['enum'];
    if (Array.isArray(enumValues)) return fc.constantFrom(...(enumValues as unknown[]));
    const options = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
    if (Array.isArray(options)) return fc.oneof(...options.map((o) => this.valid(o, depth + 1)));
    const type = schema['type'];
    if (Array.isArray(type)) {
      return fc.oneof(...(type as string[]).map((t) => this.valid({ ...schema, type: t }, depth + 1)));
    }
    switch (type) {
      case undefined:
        if (typeof schema['description'] === 'string' && /No JSON Schema form/.test(schema['description']))
          throw new UnsupportedSchema(schema['description']);
        return fc.jsonValue({ maxDepth: 2 });
      case 'string':
        return stringArb(schema);
      case 'integer':
        return integerArb(schema);
      case 'number':
        return numberArb(schema);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return this.array(schema, depth);
      case 'object':
        return this.object(schema, depth);
      default:
        throw new UnsupportedSchema(`type ${String(type)}`);
    }
  }

  resolve(ref: string): JsonSchema {
    const prefix = '#/components/schemas/';
    const target = ref.startsWith(prefix) ? this.components[ref.slice(prefix.length)] : undefined;
    if (target === undefined) throw new UnsupportedSchema(`reference ${ref}`);
    return target;
  }

  /**
   * Whether the string at `path` of a body is free text: its schema is a string without enum, const or
   * pattern; where the schema says nothing (a document inside a push), text that has a space or a
   * non-ASCII letter in its valid form (names, places), not ids, codes, dates or enum values.
   */
  isText(schema: JsonSchema | undefined, path: readonly (string | number)[], value: string): boolean {
    const leaf = this.stringSchema(this.schemaAt(schema, path));
    if (leaf === undefined) return /[\s\u0080-\uffff]/.test(value);
    return leaf['type'] === 'string' && !('enum' in leaf) && !('const' in leaf) && !('pattern' in leaf);
  }

  private schemaAt(
    schema: JsonSchema | undefined,
    path: readonly (string | number)[],
  ): JsonSchema | undefined {
    let here = schema;
    for (const key of path) {
      here = this.step(here, key);
      if (here === undefined) return undefined;
    }
    return here;
  }

  private step(schema: JsonSchema | undefined, key: string | number): JsonSchema | undefined {
    if (schema === undefined) return undefined;
    const ref = schema['$ref'];
    if (typeof ref === 'string') return this.step(this.resolve(ref), key);
    const options = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
    if (Array.isArray(options)) {
      for (const option of options) {
        const found = this.step(option, key);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (typeof key === 'number')
      return schema['type'] === 'array' ? (schema['items'] as JsonSchema) : undefined;
    const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
    const extra = schema['additionalProperties'];
    const found = properties?.[key] ?? (typeof extra === 'object' ? (extra as JsonSchema) : undefined);
    // `{}` (any value) says nothing about the string inside.
    return found === undefined || Object.keys(found).length === 0 ? undefined : found;
  }

  /** The string branch of a schema (itself, or an anyOf's string option). */
  private stringSchema(schema: JsonSchema | undefined): JsonSchema | undefined {
    if (schema === undefined) return undefined;
    const ref = schema['$ref'];
    if (typeof ref === 'string') return this.stringSchema(this.resolve(ref));
    const options = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
    if (Array.isArray(options)) return options.map((o) => this.stringSchema(o)).find((o) => o !== undefined);
    return schema['type'] === 'string' || 'enum' in schema || 'const' in schema ? schema : undefined;
  }

  private array(schema: JsonSchema, depth: number): fc.Arbitrary<unknown[]> {
    const items = schema['items'];
    if (items === undefined || Array.isArray(items))
      throw new UnsupportedSchema('array without one items schema');
    const minLength = numberBound(schema, 'minItems') ?? 0;
    const maxLength = Math.min(numberBound(schema, 'maxItems') ?? 4, minLength + 4);
    return fc.array(this.valid(items as JsonSchema, depth + 1), { minLength, maxLength });
  }

  private object(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
    const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
    const required = (schema['required'] ?? []) as string[];
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [key, property] of Object.entries(properties)) model[key] = this.valid(property, depth + 1);
    const fixed = fc.record(model, { requiredKeys: required.filter((k) => k in model) });
    const extra = schema['additionalProperties'];
    if (Object.keys(properties).length > 0 || extra === false || extra === undefined) return fixed;
    const names = (schema['propertyNames'] ?? { type: 'string' }) as JsonSchema;
    const keys = this.valid(names, depth + 1).filter((k): k is string => typeof k === 'string');
    const values = this.valid(extra as JsonSchema, depth + 1);
    return fc.dictionary(keys, values, { maxKeys: 4 });
  }
}
