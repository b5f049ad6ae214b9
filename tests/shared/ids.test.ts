import { expect, test } from 'vitest';
import { newId, UUID_PATTERN } from '../../src/shared';

test('client-made ids are distinct UUID v4 values', () => {
  const ids = Array.from({ length: 2000 }, newId);
  for (const id of ids) expect(id).toMatch(UUID_PATTERN);
  expect(new Set(ids).size).toBe(ids.length);
});
