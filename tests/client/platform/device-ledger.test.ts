// The device ledger's storage: two copies (localStorage, idb-keyval), read from whichever survived, garbage
// ignored, a browser that refuses localStorage tolerated; and persistent storage's plain answers.
import { describe, expect, test } from 'vitest';
import { memoryKeyValue } from '../../../src/client/db';
import {
  ledgerRecord,
  LEDGER_KEY,
  parseLedger,
  type DeviceLedger,
} from '../../../src/client/platform/device-ledger';
import {
  persistentStorageNow,
  requestPersistentStorage,
  storageUse,
} from '../../../src/client/platform/storage';
import { memoryStorage } from '../ui/device/memory-storage';

const LEDGER: DeviceLedger = {
  v: 1,
  database: 'bdhvs',
  wardCode: '99999',
  since: '2026-11-01T00:00:00.000Z',
  collections: ['residents'],
  counts: { residents: 2 },
  lastDataAt: '2026-11-23T00:00:00.000Z',
  waiting: 1,
  waitingAt: '2026-11-23T00:00:00.000Z',
  lastSyncedAt: null,
  loss: null,
  history: [],
};

describe('the ledger’s two copies', () => {
  test('written to both; read from localStorage, else from idb-keyval', async () => {
    const local = memoryStorage();
    const kv = memoryKeyValue();
    const record = ledgerRecord({ local, kv });
    await record.write(LEDGER);
    expect(JSON.parse(local.getItem(LEDGER_KEY)!)).toEqual(LEDGER);
    expect(await kv.get(LEDGER_KEY)).toEqual(LEDGER);
    local.clear();
    expect(await record.read()).toEqual(LEDGER);
    await kv.clear();
    expect(await record.read()).toBeNull();
  });

  test('cleared from both', async () => {
    const local = memoryStorage();
    const kv = memoryKeyValue();
    const record = ledgerRecord({ local, kv });
    await record.write(LEDGER);
    await record.clear();
    expect(await record.read()).toBeNull();
    expect(local.getItem(LEDGER_KEY)).toBeNull();
  });

  test('a localStorage that throws (private mode, full) leaves the other copy working', async () => {
    const broken = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as Storage;
    const kv = memoryKeyValue();
    const record = ledgerRecord({ local: broken, kv });
    await record.write(LEDGER);
    expect(await record.read()).toEqual(LEDGER);
    await record.clear();
    expect(await record.read()).toBeNull();
  });

  test('unreadable or foreign content is no ledger; a bad localStorage copy falls back to the good one', async () => {
    expect(parseLedger(null)).toBeNull();
    expect(parseLedger({ ...LEDGER, v: 2 })).toBeNull();
    expect(parseLedger({ ...LEDGER, counts: { residents: -1 } })).toBeNull();
    expect(parseLedger({ ...LEDGER, loss: { kind: 'eaten' } })).toBeNull();
    expect(parseLedger(LEDGER)).toEqual(LEDGER);
    const local = memoryStorage();
    local.setItem(LEDGER_KEY, '{not json');
    const kv = memoryKeyValue();
    await kv.set(LEDGER_KEY, LEDGER);
    expect(await ledgerRecord({ local, kv }).read()).toEqual(LEDGER);
  });
});

describe('persistent storage answers', () => {
  const nav = (storage: unknown) => ({ storage }) as unknown as Navigator;

  test('granted, denied, unsupported, and a throwing browser', async () => {
    expect(
      await requestPersistentStorage(nav({ persisted: async () => false, persist: async () => true })),
    ).toBe('granted');
    expect(
      await requestPersistentStorage(nav({ persisted: async () => false, persist: async () => false })),
    ).toBe('denied');
    expect(await requestPersistentStorage(nav(undefined))).toBe('unsupported');
    const throwing = {
      persisted: async () => {
        throw new Error('x');
      },
      persist: async () => true,
    };
    expect(await requestPersistentStorage(nav(throwing))).toBe('denied');
    expect(await persistentStorageNow(nav({ persisted: async () => true }))).toBe('granted');
    expect(await persistentStorageNow(nav({}))).toBe('unsupported');
  });

  test('storage use from the browser’s estimate, or nothing', async () => {
    expect(await storageUse(nav({ estimate: async () => ({ usage: 10, quota: 100 }) }))).toEqual({
      usage: 10,
      quota: 100,
    });
    expect(await storageUse(nav({ estimate: async () => ({}) }))).toBeNull();
    expect(await storageUse(nav(undefined))).toBeNull();
  });
});
