// Loss detection on fake-indexeddb: the probe finds what exists without creating anything, reads the
// browser's `dataLoss` report, uses RxDB's real storage names; and the judgement against the ledger.
import { afterEach, describe, expect, test } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { collectionVersions, createDatabase, type AppDatabase } from '../../../src/client/db';
import {
  dexieDatabaseName,
  judgeLoss,
  probeDatabase,
  probeDeviceStorage,
  RXDB_INTERNAL_STORE,
  type StorageProbe,
} from '../../../src/client/db/loss-detection';
import { fakeBrowser, withDataLoss } from './device-faults';
import { ACTOR, residentDraft } from './helpers';

const open: AppDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

async function openOn(browser: ReturnType<typeof fakeBrowser>, name: string): Promise<AppDatabase> {
  const db = await createDatabase({
    storage: browser.storage(),
    multiInstance: false,
    name,
    wardCode: '99999',
    actor: ACTOR,
  });
  open.push(db);
  return db;
}

const names = async (idb: IDBFactory) => (await idb.databases()).map((d) => d.name).sort();

describe('the probe', () => {
  test('names exactly the IndexedDB databases RxDB’s Dexie storage creates for each collection', async () => {
    const browser = fakeBrowser();
    const db = await openOn(browser, 'namecheck');
    expect((await db.residents.add(residentDraft())).ok).toBe(true);
    const expected = [
      ...Object.entries(collectionVersions()).map(([c, v]) => dexieDatabaseName('namecheck', c, v)),
      dexieDatabaseName('namecheck', RXDB_INTERNAL_STORE, 0),
    ].sort();
    expect(await names(browser.indexedDB)).toEqual(expected);
    const probe = await probeDeviceStorage(browser.indexedDB, 'namecheck', collectionVersions());
    expect(probe).toEqual({
      collections: {
        // version 0 was never created on this fresh device; the current version was
        residents: [...Array<string>(collectionVersions().residents).fill('absent'), 'present'],
        groups: ['present'],
        sessions: ['present'],
        completions: ['present'],
      },
      internal: 'present',
    });
  });

  test('an absent database is reported absent and is not created', async () => {
    const idb = new IDBFactory();
    expect(await probeDatabase(idb, 'nothing-here')).toBe('absent');
    expect(await names(idb)).toEqual([]);
  });

  test('probing an existing database leaves its data alone', async () => {
    const browser = fakeBrowser();
    const db = await openOn(browser, 'untouched');
    expect((await db.residents.add(residentDraft())).ok).toBe(true);
    await probeDeviceStorage(browser.indexedDB, 'untouched', collectionVersions());
    expect(await db.residents.count()).toBe(1);
    expect((await db.residents.add(residentDraft({ fullName: 'Sau Khi Dò' }))).ok).toBe(true);
  });

  test('the browser’s dataLoss "total" on open is reported as lost, and nothing is created', async () => {
    const idb = new IDBFactory();
    expect(
      await probeDatabase(
        withDataLoss(idb, () => true),
        'rxdb-dexie-x--0--residents',
      ),
    ).toBe('lost');
    expect(await names(idb)).toEqual([]);
  });

  test('a probe that gets no answer in time concludes nothing', async () => {
    const silent = { open: () => ({}) as IDBOpenDBRequest } as unknown as IDBFactory;
    expect(await probeDatabase(silent, 'x', 20)).toBe('unknown');
    const throwing = {
      open: () => {
        throw new DOMException('no', 'SecurityError');
      },
    } as unknown as IDBFactory;
    expect(await probeDatabase(throwing, 'x', 20)).toBe('unknown');
  });
});

describe('judging a loss', () => {
  const present: StorageProbe = {
    collections: {
      residents: ['present'],
      groups: ['present'],
      sessions: ['present'],
      completions: ['present'],
    },
    internal: 'present',
  };
  const ledger = {
    collections: ['residents', 'groups', 'sessions', 'completions'],
    counts: { residents: 4, groups: 3, sessions: 0, completions: 0 },
  };
  const allHeld = { residents: true, groups: true, sessions: false, completions: false };

  test('no ledger, no finding, whatever is missing', () => {
    const gone: StorageProbe = { collections: { residents: ['absent'] }, internal: 'absent' };
    expect(judgeLoss(null, gone, { residents: false })).toBeNull();
  });

  test('everything where the ledger left it: no finding', () => {
    expect(judgeLoss(ledger, present, allHeld)).toBeNull();
    expect(judgeLoss(ledger, null, allHeld)).toBeNull();
    expect(judgeLoss(ledger, present, null)).toBeNull();
  });

  test('a collection whose storage no longer exists in any version is missing', () => {
    const probe: StorageProbe = {
      ...present,
      collections: { ...present.collections, residents: ['absent', 'absent'] },
    };
    expect(judgeLoss(ledger, probe, allHeld)).toEqual({ kind: 'missing', collections: ['residents'] });
    // Still there in an older version (migration not run yet): not missing.
    const older: StorageProbe = {
      ...present,
      collections: { ...present.collections, residents: ['present', 'absent'] },
    };
    expect(judgeLoss(ledger, older, allHeld)).toBeNull();
  });

  test('a collection the ledger never saw (new in this version) is not missing', () => {
    const probe: StorageProbe = {
      ...present,
      collections: { ...present.collections, completions: ['absent'] },
    };
    const older = { ...ledger, collections: ['residents', 'groups', 'sessions'] };
    expect(judgeLoss(older, probe, allHeld)).toBeNull();
  });

  test('the browser’s dataLoss report wins, for a collection or the internal store', () => {
    const probe: StorageProbe = { ...present, collections: { ...present.collections, sessions: ['lost'] } };
    expect(judgeLoss(ledger, probe, allHeld)).toEqual({ kind: 'dataLoss', collections: ['sessions'] });
    expect(judgeLoss(ledger, { ...present, internal: 'lost' }, allHeld)).toEqual({
      kind: 'dataLoss',
      collections: [],
    });
  });

  test('records counted before and no document at all now (not even a deletion) is empty', () => {
    expect(judgeLoss(ledger, present, { ...allHeld, residents: false })).toEqual({
      kind: 'empty',
      collections: ['residents'],
    });
    // Counted zero: nothing to miss.
    expect(judgeLoss(ledger, present, { ...allHeld, sessions: false })).toBeNull();
  });

  test('an unanswered probe is not a loss', () => {
    const probe: StorageProbe = {
      collections: {
        residents: ['unknown'],
        groups: ['unknown'],
        sessions: ['unknown'],
        completions: ['unknown'],
      },
      internal: 'unknown',
    };
    expect(judgeLoss(ledger, probe, allHeld)).toBeNull();
  });
});
