// Sessions, completions and ward settings between real devices and the real server: both-way
// replication, waiting counts, per-record marks, quarantine and its fix, cached ward settings.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { emptyCompletionDraft, memoryKeyValue, SETTING_KEYS, type SessionDraft } from '../../src/client/db';
import { loadWardSettings } from '../../src/client/sync';
import { DEFAULT_WARD_SETTINGS, type WardSettings } from '../../src/shared';
import { serverDocs } from '../helpers/e2e';
import { draft, startDevice, startTestServer, WARD, type TestDevice, type TestServer } from './harness';

let server: TestServer;
let devices: TestDevice[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await Promise.all(devices.map((d) => d.close()));
  devices = [];
});

async function device(name: string): Promise<TestDevice> {
  const d = await startDevice(server, name);
  devices.push(d);
  return d;
}

const SKILL = { catalogue: '5-ky-nang', version: '2024', code: '1' };

const session = (attendeeIds: string[], overrides: Partial<SessionDraft> = {}): SessionDraft => ({
  date: '21/11/2026',
  place: 'Nhà văn hoá tổ 1',
  format: 'class',
  groupId: 'tdp-01',
  skills: [SKILL],
  trainers: ['Trần Văn Tư'],
  attendeeIds,
  notes: '',
  ...overrides,
});

async function ok<T>(result: Promise<{ ok: true; record: T } | { ok: false; errors: object }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.record;
}

const onServer = async (collection: string, id: string) =>
  (await serverDocs(server.url, collection, WARD.code, server.officerToken)).find((d) => d['id'] === id);

function settingsMatch(d: TestDevice, predicate: (s: WardSettings) => boolean): Promise<WardSettings> {
  return new Promise((resolve) => {
    const stop = d.sync.wardSettings.subscribe((s) => {
      if (!predicate(s)) return;
      queueMicrotask(() => stop());
      resolve(s);
    });
  });
}

async function exchange(d: TestDevice): Promise<void> {
  d.sync.syncNow();
  await d.sync.awaitInSync();
}

describe('sessions and completions between devices', () => {
  test('replicate both ways, and every waiting count goes back to 0', async () => {
    const a = await device('field-a');
    const b = await device('field-b');
    const resident = await ok(a.db.residents.add(draft('Phan Thị Lụa')));
    const s = await ok(a.db.sessions.add(session([resident.id])));
    const trained = await ok(
      a.db.completions.add({
        ...emptyCompletionDraft(resident.id),
        kind: 'trained',
        date: '21/11/2026',
        skills: [SKILL],
      }),
    );
    await a.until((st) => st.waiting === 0);
    expect(await onServer('sessions', s.id)).toMatchObject({ attendeeIds: [resident.id], _deleted: false });
    expect(await onServer('completions', trained.id)).toMatchObject({
      residentId: resident.id,
      groupId: 'tdp-01',
    });

    await exchange(b);
    expect(await b.db.sessions.get(s.id)).toEqual(s);
    const confirmed = await ok(
      b.db.completions.add({
        ...emptyCompletionDraft(resident.id),
        kind: 'vneid',
        date: '22/11/2026',
        vneid: { channel: 'resident_word', courseName: '', issuer: '', recordNumber: '' },
      }),
    );
    const edited = await ok(b.db.sessions.update(s.id, { ...b.db.sessions.draftOf(s), place: 'Nhà ông Tư' }));
    await b.until((st) => st.waiting === 0);

    await exchange(a);
    expect(await a.db.sessions.get(s.id)).toEqual(edited);
    const onA = await new Promise<string[]>((resolve) => {
      const stop = a.db.completions.watchAll((list) => {
        if (list.length < 2) return;
        queueMicrotask(() => stop());
        resolve(list.map((c) => c.id));
      });
    });
    expect(onA).toEqual(expect.arrayContaining([trained.id, confirmed.id]));
    await a.until((st) => st.waiting === 0 && st.needsAttention === 0);
  });

  test('a removed completion reaches the other device as a deletion', async () => {
    const a = await device('remove-a');
    const b = await device('remove-b');
    const resident = await ok(a.db.residents.add(draft('Đỗ Văn Khải')));
    const c = await ok(
      a.db.completions.add({
        ...emptyCompletionDraft(resident.id),
        kind: 'passed',
        date: '20/11/2026',
        skills: [SKILL],
      }),
    );
    await a.until((st) => st.waiting === 0);
    await exchange(b);
    a.net.mode = 'down';
    await a.db.completions.remove(c.id);
    // A deletion the server has not heard of is waiting like any other change.
    await a.untilMarks((m) => m.waiting.has(c.id));
    a.net.mode = 'up';
    a.sync.syncNow();
    await a.until((st) => st.waiting === 0 && st.problem === null);
    expect(await onServer('completions', c.id)).toMatchObject({ _deleted: true });
    await exchange(b);
    expect(await b.db.rx.completions.findOne(c.id).exec()).toBeNull();
  });
});

describe('per-record marks', () => {
  test('list the records waiting for the server until it has them', async () => {
    const a = await device('marks');
    await a.sync.awaitInSync();
    a.net.mode = 'down';
    const resident = await ok(a.db.residents.add(draft('Vũ Thị Thu')));
    const s = await ok(a.db.sessions.add(session([resident.id])));
    const marks = await a.untilMarks((m) => m.waiting.size === 2);
    expect([...marks.waiting].sort()).toEqual([resident.id, s.id].sort());
    expect(marks.quarantined.size).toBe(0);
    expect(a.status().waiting).toBe(2);
    a.net.mode = 'up';
    a.sync.syncNow();
    const after = await a.untilMarks((m) => m.waiting.size === 0);
    expect(after.quarantined.size).toBe(0);
  });

  test('a session the server puts aside is marked with why, and the mark clears once it is fixed', async () => {
    const a = await device('quarantine-session');
    await a.sync.awaitInSync();
    const s = await ok(a.db.sessions.add(session([], { groupId: 'tdp-99' })));
    const marks = await a.untilMarks((m) => m.quarantined.has(s.id));
    expect(marks.quarantined.get(s.id)).toEqual({
      collection: 'sessions',
      code: 'out_of_scope',
      message: expect.any(String),
    });
    expect(marks.waiting.has(s.id)).toBe(true);
    expect(a.status()).toMatchObject({ needsAttention: 1, waiting: 1 });
    expect(await onServer('sessions', s.id)).toBeUndefined();

    await ok(a.db.sessions.update(s.id, { ...a.db.sessions.draftOf(s), groupId: 'tdp-02' }));
    const fixed = await a.untilMarks((m) => m.quarantined.size === 0 && m.waiting.size === 0);
    expect(fixed.waiting.size).toBe(0);
    await a.until((st) => st.needsAttention === 0 && st.waiting === 0);
    expect(await onServer('sessions', s.id)).toMatchObject({ groupId: 'tdp-02' });
  });
});

describe('ward settings', () => {
  const settings: WardSettings = {
    adultAge: 18,
    targets: [{ year: 2026, indicator: 'V', kind: 'percent', value: 60 }],
  };

  test('are fetched at start, cached on the device, and refreshed on the next exchange', async () => {
    await server.store.setWardSettings(WARD.code, settings);
    const a = await device('settings');
    expect(await settingsMatch(a, (s) => s.targets.length > 0)).toEqual(settings);
    expect(await loadWardSettings(a.kv)).toEqual(settings);

    const changed = { ...settings, adultAge: 20 };
    await server.store.setWardSettings(WARD.code, changed);
    const next = settingsMatch(a, (s) => s.adultAge === 20);
    a.sync.syncNow();
    expect(await next).toEqual(changed);
    expect(await loadWardSettings(a.kv)).toEqual(changed);
  });

  test('a failed settings fetch keeps the cached copy and does not mark sync as failed', async () => {
    await server.store.setWardSettings(WARD.code, settings);
    const a = await device('settings-down');
    await a.sync.awaitInSync();
    await settingsMatch(a, (s) => s.adultAge === 18 && s.targets.length === 1);
    a.net.before = (url, init) => {
      if (url.includes('/ward-settings')) throw new TypeError('Failed to fetch');
      return init;
    };
    const resident = await ok(a.db.residents.add(draft('Lương Văn Nam')));
    const calls = a.net.calls.length;
    a.sync.syncNow();
    await a.until((st) => st.waiting === 0);
    expect(a.net.calls.slice(calls).some((u) => u.includes('/ward-settings'))).toBe(true);
    expect(a.status().problem).toBeNull();
    expect(await onServer('residents', resident.id)).toBeDefined();
    expect(a.sync.wardSettings.get()).toEqual(settings);
    expect(await loadWardSettings(a.kv)).toEqual(settings);
  });

  test('are the defaults when nothing (or nothing readable) is cached', async () => {
    const kv = memoryKeyValue();
    expect(await loadWardSettings(kv)).toEqual(DEFAULT_WARD_SETTINGS);
    await kv.set(SETTING_KEYS.wardSettings, { wardCode: WARD.code, settings: { adultAge: 'x' } });
    expect(await loadWardSettings(kv)).toEqual(DEFAULT_WARD_SETTINGS);
  });
});
