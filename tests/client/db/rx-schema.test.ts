// Runs in Node (no window), so RxDB's dev-mode checks can be used without its browser side effects.
import { describe, expect, test } from 'vitest';
import { checkSchema } from 'rxdb/plugins/dev-mode';
import { groupRxSchema, residentRxSchema } from '../../../src/client/db/collections';

describe('RxDB schemas derived from the shared zod schemas', () => {
  test.each([
    ['residents', residentRxSchema],
    ['groups', groupRxSchema],
  ])('%s passes RxDB dev-mode schema validation', (_name, schema) => {
    expect(() => checkSchema(schema as Parameters<typeof checkSchema>[0])).not.toThrow();
  });

  test('the resident schema carries the shared constraints and indexes the group', () => {
    const props = residentRxSchema.properties as unknown as Record<string, Record<string, unknown>>;
    expect(props['fullName']).toMatchObject({ type: 'string', minLength: 2, maxLength: 100 });
    expect(props['groupId']).toMatchObject({ maxLength: 40 });
    expect(residentRxSchema.required).toEqual(
      expect.arrayContaining(['id', 'groupId', 'fullName', 'birthYear']),
    );
    expect(residentRxSchema.indexes).toEqual(['groupId']);
  });
});
