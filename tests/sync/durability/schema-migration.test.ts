// An app update that changes a local schema while unsynced records exist (QUALITY.md B9), on the app's
// Dexie storage over fake-indexeddb and the real server. A test-only change stands in for a real one:
// version 1 of `residents` adds an optional local field, with a strategy. Invariants (migrations.ts):
// - every stored document, unsynced ones included, is carried to the new version unchanged in content;
// - unsynced records (new, and offline edits of synced ones) are pushed after the update exactly once,
//   and their receipts then say "on the server" (waiting 0);
// - records already synced that the migration left unchanged are not sent again;
// - the schema cannot change at the same version (RxDB refuses to open: DB6), which is why the registry
//   needs a version bump and a strategy for every schema change.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RxJsonSchema } from 'rxdb';
import type { CollectionMigration, MigrationRegistry } from '../../../src/client/db';
import { LOCAL_MIGRATIONS } from '../../../src/client/db/migrations';
import { fakeBrowser } from '../../client/db/device-faults';
import { draft, startTestServer, type TestServer } from '../harness';
import { enrolPhone, onServer, settled, stored } from './device';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** The test-only schema change: an optional local field. */
function addLocalField(schema: RxJsonSchema<unknown>): RxJsonSchema<unknown> {
  const properties = { ...(schema.properties as Record<string, unknown>), localNote: { type: 'string' } };
  return { ...schema, properties } as RxJsonSchema<unknown>;
}

/** The residents' version this build writes; the test's change is the next one. */
const CURRENT = LOCAL_MIGRATIONS.residents.version;

function residentsV1(seen: string[]): Partial<MigrationRegistry> {
  const residents: CollectionMigration = {
    version: CURRENT + 1,
    migrationStrategies: {
      ...LOCAL_MIGRATIONS.residents.migrationStrategies,
      [CURRENT + 1]: (doc: Record<string, unknown>) => {
        seen.push(String(doc['id']));
        return doc;
      },
    },
    adjustSchema: addLocalField,
  };
  return { residents };
}

async function ok<T>(result: Promise<{ ok: true; record: T } | { ok: false; errors: object }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.record;
}

describe('local schema migration with unsynced records', () => {
  test('unsynced records migrate and push exactly once; synced ones are not re-sent', async () => {
    const browser = fakeBrowser();
    const phone = await enrolPhone(server, 'migrate');

    // Version 0: two residents synced, then offline: two new ones and an edit of a synced one.
    const v0 = await phone.open(browser.storage());
    const sync0 = await phone.sync(v0);
    const syncedA = await ok(v0.residents.add(draft('Đã Gửi Một')));
    const syncedB = await ok(v0.residents.add(draft('Đã Gửi Hai')));
    await settled(sync0);
    await sync0.stop();
    const newC = await ok(v0.residents.add(draft('Chưa Gửi Ba')));
    const newD = await ok(v0.residents.add(draft('Chưa Gửi Bốn')));
    const editedB = await ok(v0.residents.update(syncedB.id, { ...draft('Đã Gửi Hai Sửa') }));
    const before = await stored(v0, 'residents');
    await v0.close();
    expect(phone.pushes.get(syncedA.id)).toBe(1);
    expect(phone.pushes.get(syncedB.id)).toBe(1);

    // The update: residents at version 1.
    const seen: string[] = [];
    const v1 = await phone.open(browser.storage(), residentsV1(seen));
    expect(v1.rx.residents.schema.version).toBe(CURRENT + 1);
    for (const id of [syncedA.id, syncedB.id, newC.id, newD.id]) expect(seen).toContain(id);
    expect(sortById(await stored(v1, 'residents'))).toEqual(sortById(before));

    const sync1 = await phone.sync(v1);
    await settled(sync1);
    const mine = new Set([syncedA.id, syncedB.id, newC.id, newD.id]);
    const server1 = sortById((await onServer(server, 'residents')).filter((d) => mine.has(String(d['id']))));
    expect(server1).toEqual(sortById([syncedA, editedB, newC, newD]));
    expect(phone.pushes.get(newC.id)).toBe(1);
    expect(phone.pushes.get(newD.id)).toBe(1);
    expect(phone.pushes.get(syncedB.id)).toBe(2); // first sync, then the offline edit once
    expect(phone.pushes.get(syncedA.id)).toBe(1); // never re-sent
    const marks = sync1.records.get();
    expect(marks.waiting.size).toBe(0);

    // Restarting at version 1 migrates nothing more and sends nothing more.
    await sync1.stop();
    await v1.close();
    const seenAgain: string[] = [];
    const again = await phone.open(browser.storage(), residentsV1(seenAgain));
    const sync2 = await phone.sync(again);
    await settled(sync2);
    expect(seenAgain).toEqual([]);
    expect(phone.pushes.get(newC.id)).toBe(1);
    expect(phone.pushes.get(syncedA.id)).toBe(1);
    // New work after the update syncs as usual, with the new local field allowed by the schema.
    const newE = await ok(again.residents.add(draft('Sau Cập Nhật')));
    await settled(sync2);
    expect((await onServer(server, 'residents')).map((d) => d['id'])).toContain(newE.id);
    await sync2.stop();
    await again.close();
  });

  test('a changed schema at the same version is refused (why every change needs a new version)', async () => {
    const browser = fakeBrowser();
    const phone = await enrolPhone(server, 'same-version');
    const v0 = await phone.open(browser.storage());
    await ok(v0.residents.add(draft('Bà Cũ')));
    await v0.close();
    const sameVersion: Partial<MigrationRegistry> = {
      residents: { ...LOCAL_MIGRATIONS.residents, adjustSchema: addLocalField },
    };
    await expect(phone.open(browser.storage(), sameVersion)).rejects.toMatchObject({ code: 'DB6' });
    // The registry with the bump opens it and keeps the record.
    const v1 = await phone.open(browser.storage(), residentsV1([]));
    expect((await stored(v1, 'residents')).map((r) => r['fullName'])).toEqual(['Bà Cũ']);
    await v1.close();
  });
});

function sortById<T>(docs: T[]): T[] {
  return [...docs].sort((a, b) =>
    String((a as Record<string, unknown>)['id']).localeCompare(String((b as Record<string, unknown>)['id'])),
  );
}
