// Data minimisation by design (DOMAIN.md "Personal data", issue 7): no synced record and no server table
// may hold a full citizen ID number, a photo or scan, a per-person location, ethnicity, religion or
// disability/health data. Walks every property of every synced record's schema (as JSON Schema, so nested
// objects and arrays are included) and every column of the server's migrations. The last 4 digits of the
// citizen ID (a duplicate hint) are the one allowed exception.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod/mini';
import { COLLECTION_SCHEMAS } from '../../src/shared';

const FORBIDDEN: [what: string, pattern: RegExp][] = [
  ['a full citizen ID number', /citizen_?id(?!_?last4)|cccd|cmnd|national_?id|id_?number|identity/i],
  ['a photo or scan', /photo|image|picture|scan|selfie|avatar/i],
  ['a per-person location', /gps|latitude|longitude|\blat\b|\blng\b|coords|geo/i],
  ['ethnicity or religion', /ethnic|dan_?toc|religion|ton_?giao/i],
  ['disability or health', /disab|khuyet_?tat|health|medical/i],
];

/** Every property name in a JSON Schema, at any depth. */
function propertyNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) propertyNames(item, out);
  } else if (schema !== null && typeof schema === 'object') {
    const record = schema as Record<string, unknown>;
    const props = record['properties'];
    if (props !== null && typeof props === 'object') for (const name of Object.keys(props)) out.add(name);
    for (const value of Object.values(record)) propertyNames(value, out);
  }
  return out;
}

const offending = (names: Iterable<string>) =>
  [...names].flatMap((name) =>
    FORBIDDEN.filter(([, p]) => p.test(name)).map(([what]) => `${name} (${what})`),
  );

describe('data minimisation', () => {
  test.each(Object.keys(COLLECTION_SCHEMAS))(
    'the %s record has no field the law asks us not to hold',
    (name) => {
      const schema = COLLECTION_SCHEMAS[name as keyof typeof COLLECTION_SCHEMAS];
      const names = propertyNames(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
      expect(names.size).toBeGreaterThan(3);
      expect(offending(names)).toEqual([]);
    },
  );

  test('no server table has such a column', () => {
    const dir = join(__dirname, '../../src/server/migrations');
    const columns = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
      const sql = readFileSync(join(dir, file), 'utf8').replace(/--.*$/gm, '');
      for (const m of sql.matchAll(
        /(?:^|,|\()\s*(?:add column\s+)?([a-z_][a-z0-9_]*)\s+(?:text|int|integer|bigint|boolean|jsonb|timestamptz|date|bigserial|serial)\b/gim,
      )) {
        columns.add(m[1]!);
      }
    }
    expect(columns.size).toBeGreaterThan(20);
    expect(offending(columns)).toEqual([]);
  });

  test('the check catches what it is for', () => {
    expect(offending(['citizenId', 'photoUrl', 'gpsLat', 'ethnicity', 'disability'])).toHaveLength(5);
    expect(offending(['citizenIdLast4', 'fullName', 'birthYear'])).toEqual([]);
  });
});
