// "Nothing stored that fails the schema": every stored row read back under the store. Live records pass
// their collection's shared schema; deleted ones are a valid document or an erasure tombstone (keys among
// id, wardCode, groupId, residentId, erasedAt); wards pass wardSchema and their settings
// wardSettingsSchema; accounts' names follow the text rules and usernames the username rule.
import type { z } from 'zod/mini';
import {
  completionSchema,
  groupSchema,
  residentSchema,
  text,
  trainingSessionSchema,
  wardSchema,
  wardSettingsSchema,
} from '../../../src/shared';
import type { SqlStore } from '../../../src/server/store';

const TOMBSTONE_KEYS = new Set(['id', 'wardCode', 'groupId', 'residentId', 'erasedAt']);

const COLLECTIONS: readonly (readonly [string, z.ZodMiniType])[] = [
  ['residents', residentSchema],
  ['training_sessions', trainingSessionSchema],
  ['completions', completionSchema],
  ['groups', groupSchema],
];

const accountNameSchema = text(2, 100, 'fullName');
const USERNAME = /^[a-z0-9._-]{3,40}$/;

function isTombstone(doc: Record<string, unknown>, id: string): boolean {
  return doc['id'] === id && Object.keys(doc).every((k) => TOMBSTONE_KEYS.has(k));
}

/** One line per stored value that breaks its rule. */
export async function storedInvalid(store: SqlStore): Promise<string[]> {
  const invalid: string[] = [];
  for (const [table, schema] of COLLECTIONS) {
    const rows = await store.db.query(`select id, doc, deleted from ${table}`);
    for (const row of rows) {
      const id = String(row['id']);
      const doc = row['doc'] as Record<string, unknown>;
      const valid = schema.safeParse(doc).success && doc['id'] === id;
      if (valid || (row['deleted'] === true && isTombstone(doc, id))) continue;
      invalid.push(
        `${table}/${id}${row['deleted'] === true ? ' (deleted)' : ''}: ${JSON.stringify(doc).slice(0, 300)}`,
      );
    }
  }
  for (const row of await store.db.query('select code, name, province_code, settings from wards')) {
    const ward = { code: row['code'], name: row['name'], provinceCode: row['province_code'] };
    if (!wardSchema.safeParse(ward).success)
      invalid.push(`wards/${String(row['code'])}: ${JSON.stringify(ward)}`);
    if (row['settings'] != null && !wardSettingsSchema.safeParse(row['settings']).success) {
      invalid.push(`wards/${String(row['code'])} settings: ${JSON.stringify(row['settings']).slice(0, 300)}`);
    }
  }
  for (const row of await store.db.query('select id, full_name, username from accounts')) {
    const name = row['full_name'];
    const username = row['username'];
    if (!accountNameSchema.safeParse(name).success)
      invalid.push(`accounts/${String(row['id'])} name: ${JSON.stringify(name)}`);
    if (username != null && !(typeof username === 'string' && USERNAME.test(username))) {
      invalid.push(`accounts/${String(row['id'])} username: ${JSON.stringify(username)}`);
    }
  }
  return invalid;
}
