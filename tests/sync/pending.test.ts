// The waiting count's bookkeeping on its own (no server): every stored state is counted once at start,
// deletions included, and afterwards a change or receipt re-checks only the records it touches.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxCollection } from 'rxdb';
import { createDatabase, memoryKeyValue, type AppDatabase } from '../../src/client/db';
import { trackPending } from '../../src/client/sync/pending';
import { loadQuarantineLog } from '../../src/client/sync/quarantine';
import { loadReceipts } from '../../src/client/sync/receipts';
import { newId, type PlainDoc, type Resident } from '../../src/shared';
import { fingerprint } from '../../src/shared/canonical';
import type * as Canonical from '../../src/shared/canonical';
import { aResident } from '../shared/fixtures';

vi.mock('../../src/shared/canonical', async (importOriginal) => {
  const real = await importOriginal<typeof Canonical>();
  return { ...real, fingerprint: vi.fn(real.fingerprint) };
});

let db: AppDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

async function setUp(count: number) {
  db = await createDatabase({
    storage: getRxStorageMemory(),
    multiInstance: false,
    name: `p${Math.random().toString(36).slice(2)}`,
    wardCode: '99999',
    actor: { id: 'a', name: 'Người thử' },
  });
  const docs = Array.from({ length: count }, () => aResident({ id: newId() }));
  await db.rx.residents.bulkInsert(docs);
  const kv = memoryKeyValue();
  const receipts = await loadReceipts(kv, 'residents');
  const quarantine = await loadQuarantineLog(kv, 'residents');
  const onChange = vi.fn();
  const collection = db.rx.residents as unknown as RxCollection<PlainDoc>;
  return { docs, receipts, quarantine, onChange, collection };
}

const withDeleted = (doc: object, deleted = false): PlainDoc => ({ ...doc, _deleted: deleted });

describe('waiting bookkeeping', () => {
  test('counts stored states at start, deletions included, and follows receipts and changes', async () => {
    const { docs, receipts, quarantine, onChange, collection } = await setUp(3);
    const [a, b, c] = docs as [Resident, Resident, Resident];
    await (await db!.rx.residents.findOne(c.id).exec())!.remove();
    const tracker = trackPending({ name: 'residents', collection, receipts, quarantine, onChange });
    await tracker.ready;
    expect([...tracker.waiting].sort()).toEqual([a.id, b.id, c.id].sort());

    await receipts.ack([withDeleted(a), withDeleted(b), withDeleted(c, true)]);
    expect(tracker.waiting.size).toBe(0);
    expect(onChange).toHaveBeenCalled();

    await (await db!.rx.residents.findOne(a.id).exec())!.incrementalPatch({
      fullName: 'Nguyễn Thị Hoà',
    });
    expect([...tracker.waiting]).toEqual([a.id]);
    tracker.stop();
  });

  test('with thousands of records, one change fingerprints only that record', async () => {
    const { docs, receipts, quarantine, onChange, collection } = await setUp(3000);
    const tracker = trackPending({ name: 'residents', collection, receipts, quarantine, onChange });
    await tracker.ready;
    await receipts.ack(docs.map((d) => withDeleted(d)));
    expect(tracker.waiting.size).toBe(0);
    vi.mocked(fingerprint).mockClear();
    const one = await db!.rx.residents.findOne(docs[42]!.id).exec();
    await one!.incrementalPatch({ fullName: 'Trần Thị Mới' });
    expect(tracker.waiting.size).toBe(1);
    expect(vi.mocked(fingerprint)).toHaveBeenCalledTimes(1);
    tracker.stop();
  });
});
