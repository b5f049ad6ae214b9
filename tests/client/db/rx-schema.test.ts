// Runs in Node (no window), so RxDB's dev-mode checks can be used without its browser side effects.
import { describe, expect, test } from 'vitest';
import { checkSchema } from 'rxdb/plugins/dev-mode';
import {
  completionRxSchema,
  groupRxSchema,
  residentRxSchema,
  sessionRxSchema,
} from '../../../src/client/db/collections';

describe('RxDB schemas derived from the shared zod schemas', () => {
  test.each([
    ['residents', residentRxSchema],
    ['groups', groupRxSchema],
    ['sessions', sessionRxSchema],
    ['completions', completionRxSchema],
  ])('%s passes RxDB dev-mode schema validation', (_name, schema) => {
    expect(() => checkSchema(schema as Parameters<typeof checkSchema>[0])).not.toThrow();
  });

  test('the resident schema carries the shared constraints and indexes the group', () => {
    const props = residentRxSchema.properties as unknown as Record<string, Record<string, unknown>>;
    expect(props['fullName']).toMatchObject({ type: 'string', minLength: 2, maxLength: 100 });
    expect(props['groupId']).toMatchObject({ maxLength: 40 });
    expect(props['consents']).toMatchObject({ type: 'array', minItems: 1 });
    expect(residentRxSchema.required).toEqual(
      expect.arrayContaining(['id', 'groupId', 'fullName', 'birthYear', 'consents']),
    );
    expect(residentRxSchema.indexes).toEqual(['groupId']);
  });

  test('sessions and completions index what lists and tallies look up, all required and bounded', () => {
    expect(sessionRxSchema.indexes).toEqual(['groupId']);
    expect(completionRxSchema.indexes).toEqual(['groupId', 'residentId']);
    expect(completionRxSchema.required).toEqual(expect.arrayContaining(['groupId', 'residentId']));
    const props = completionRxSchema.properties as unknown as Record<string, Record<string, unknown>>;
    expect(props['residentId']).toMatchObject({ type: 'string', maxLength: 36 });
    expect(props['vneid']).toMatchObject({ type: 'object', required: ['channel'] });
  });
});
