// @vitest-environment happy-dom
// What the person sees of device durability, through the whole app (controller and screens): the notice
// of lost data on the device (what may be gone, "sync now", "I understand" — and not again after), the
// same on the start screen when the enrollment went too, persistent storage on the account screen, the
// request for it right after enrollment, and the ledger forgotten on sign-out and erase.
import { signal } from '@preact/signals';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createApiHttp } from '../../../../src/client/api';
import type { AppDatabase } from '../../../../src/client/db';
import { watchIdle } from '../../../../src/client/platform/idle';
import { LEDGER_KEY, type DeviceLedger } from '../../../../src/client/platform/device-ledger';
import { createPinLock, createSessionStore, saveNewPin } from '../../../../src/client/session';
import { App, createApp, type AppDeps } from '../../../../src/client/ui';
import { createDeviceDurability } from '../../../../src/client/ui/device/durability-controller';
import { formatDateTime } from '../../../../src/client/ui/i18n';
import { navigate } from '../../../../src/client/ui/router';
import { fakeSync, inspectableKeyValue, SESSION } from '../app-harness';
import { fakeServer } from '../fake-server';
import { openTestDatabase } from '../helpers';
import { memoryStorage } from './memory-storage';

const PIN = '482913';
const databases: AppDatabase[] = [];

afterEach(async () => {
  cleanup();
  await Promise.all(databases.splice(0).map((db) => db.close().catch(() => undefined)));
});

/** What the ledger held on a phone that had 3 residents, 2 of them waiting, before the browser lost them. */
function ledgerBefore(): DeviceLedger {
  return {
    v: 1,
    database: 'bdhvs',
    wardCode: SESSION.ward.code,
    since: '2026-11-01T02:00:00.000Z',
    collections: ['residents', 'groups', 'sessions', 'completions'],
    counts: { residents: 3, groups: 0, sessions: 0, completions: 0 },
    lastDataAt: '2026-11-23T02:05:00.000Z',
    waiting: 2,
    waitingAt: '2026-11-23T02:05:00.000Z',
    lastSyncedAt: '2026-11-22T10:00:00.000Z',
    loss: null,
    history: [],
  };
}

interface Options {
  enrolled: boolean;
  ledger?: DeviceLedger;
  storage?: { persisted: boolean; grant: boolean } | null;
}

async function startApp(o: Options) {
  navigate({ name: 'roster' }, { replace: true });
  const local = memoryStorage();
  if (o.ledger) local.setItem(LEDGER_KEY, JSON.stringify(o.ledger));
  const settings = inspectableKeyValue();
  const sessions = createSessionStore(inspectableKeyValue());
  if (o.enrolled) {
    await sessions.saveDevice(SESSION);
    await saveNewPin(sessions, PIN, { iterations: 1000 });
  }
  const state = o.storage === undefined ? { persisted: true, grant: true } : o.storage;
  const persist = vi.fn(async () => {
    if (state?.grant) state.persisted = true;
    return state?.grant ?? false;
  });
  const navigator = (state
    ? { storage: { persisted: async () => state.persisted, persist } }
    : {}) as unknown as Navigator;
  const durability = createDeviceDurability({
    places: { local, kv: settings },
    indexedDB: null,
    navigator,
    database: 'bdhvs',
  });
  const sync = fakeSync({ waiting: 0 });
  const server = fakeServer({});
  const deps: AppDeps = {
    settings,
    sessions,
    pinLock: createPinLock(sessions),
    api: (getToken) =>
      createApiHttp({ fetch: server.fetch, appVersion: 'test', ...(getToken ? { getToken } : {}) }),
    appVersion: 'test',
    pinIterations: 1000,
    update: { needRefresh: signal(false), apply: vi.fn() },
    network: { isOnline: () => true, subscribe: () => () => undefined },
    openDatabase: async () => {
      const db = await openTestDatabase();
      databases.push(db);
      return db;
    },
    loadSync: async () => ({
      startSync: vi.fn(async () => sync.controller),
      finishAccess: vi.fn(async () => ({ ok: true as const, unsyncedCount: 0 })),
    }),
    watchIdle: (onIdle) => watchIdle({ onIdle }),
    enrollCode: null,
    forgetEnrollCode: vi.fn(),
    durability,
  };
  const app = createApp(deps);
  render(<App model={app} />);
  await app.start();
  return { app, local, sync, persist, durability };
}

function unlock(label = 'Mã PIN') {
  fireEvent.input(screen.getByLabelText(label, { exact: true }), { target: { value: PIN } });
  fireEvent.submit(screen.getByLabelText(label, { exact: true }).closest('form')!);
}

const stored = (local: Storage) => JSON.parse(local.getItem(LEDGER_KEY) ?? 'null') as DeviceLedger | null;

describe('data the browser lost on an enrolled device', () => {
  test('the notice says what may be gone and what to do; "I understand" puts it away for good', async () => {
    const h = await startApp({ enrolled: true, ledger: ledgerBefore() });
    unlock();
    const notice = await screen.findByRole('alert', { name: 'Dữ liệu trên máy đã bị xoá' });
    expect(notice.textContent).toContain(
      `2 bản ghi chưa gửi lên máy chủ lần cuối lúc ${formatDateTime('2026-11-23T02:05:00.000Z')} có thể đã mất.`,
    );
    expect(notice.textContent).toContain('dù trước đó máy giữ 3 bản ghi');
    expect(notice.textContent).toContain(
      `Lần đồng bộ thành công cuối: ${formatDateTime('2026-11-22T10:00:00.000Z')}.`,
    );
    expect(notice.textContent).toContain('Báo cho cán bộ phường biết');
    // The app is not blocked: the field screens are there under the notice.
    expect(await screen.findByRole('navigation', { name: 'Các mục chính' })).toBeTruthy();

    const inNotice = within(notice);
    await waitFor(() => expect(inNotice.getByRole('button', { name: 'Đồng bộ ngay' })).toBeTruthy());
    fireEvent.click(inNotice.getByRole('button', { name: 'Đồng bộ ngay' }));
    expect(h.sync.controller.syncNow).toHaveBeenCalledTimes(1);

    fireEvent.click(inNotice.getByRole('button', { name: 'Tôi đã hiểu' }));
    await waitFor(() =>
      expect(screen.queryByRole('alert', { name: 'Dữ liệu trên máy đã bị xoá' })).toBeNull(),
    );
    await waitFor(() => expect(stored(h.local)?.loss).toBeNull());
    expect(stored(h.local)?.history).toHaveLength(1);
  });

  test('in English too', async () => {
    const { setLocale } = await import('../../../../src/client/ui/i18n');
    await setLocale('en');
    try {
      await startApp({ enrolled: true, ledger: ledgerBefore() });
      unlock('PIN');
      const notice = await screen.findByRole('alert', { name: 'The data on this phone was deleted' });
      expect(notice.textContent).toContain('2 records not yet sent to the server as of');
    } finally {
      await setLocale('vi');
    }
  });
});

test('enrollment lost too: the start screen says so, asks to enrol again, and forgets it after "I understand"', async () => {
  const h = await startApp({ enrolled: false, ledger: ledgerBefore() });
  const notice = await screen.findByRole('alert', { name: 'Dữ liệu trên máy đã bị xoá' });
  expect(notice.textContent).toContain('2 bản ghi chưa gửi lên máy chủ');
  expect(notice.textContent).toContain('xin cán bộ phường một mã mời mới');
  expect(screen.queryByRole('button', { name: 'Đồng bộ ngay' })).toBeNull();
  expect(screen.getByRole('button', { name: /nhập mã mời/ })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Tôi đã hiểu' }));
  await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  await waitFor(() => expect(h.local.getItem(LEDGER_KEY)).toBeNull());
});

describe('persistent storage', () => {
  test('the account screen says the data is kept when granted', async () => {
    await startApp({ enrolled: true });
    unlock();
    navigate({ name: 'account' });
    expect(
      await screen.findByText(
        'Trình duyệt đã đồng ý giữ dữ liệu của ứng dụng, kể cả khi máy sắp hết bộ nhớ.',
      ),
    ).toBeTruthy();
  });

  test('denied: what it means, what to do, and a button to ask again; asked at start too', async () => {
    const h = await startApp({ enrolled: true, storage: { persisted: false, grant: false } });
    await waitFor(() => expect(h.persist).toHaveBeenCalledTimes(1)); // at start, while not granted
    unlock();
    navigate({ name: 'account' });
    expect(await screen.findByText(/có thể xoá những bản ghi chưa gửi/)).toBeTruthy();
    expect(screen.getByText(/thêm ứng dụng vào màn hình chính/i)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Xin giữ dữ liệu lại' }));
    await waitFor(() => expect(h.persist).toHaveBeenCalledTimes(2));
  });

  test('a browser without it: said plainly, with advice', async () => {
    await startApp({ enrolled: true, storage: null });
    unlock();
    navigate({ name: 'account' });
    expect(
      await screen.findByText('Trình duyệt này không cho ứng dụng xin giữ dữ liệu khi máy sắp hết bộ nhớ.'),
    ).toBeTruthy();
    expect(screen.getByText(/Hãy đồng bộ thường xuyên/)).toBeTruthy();
  });

  test('asked right after a successful enrollment', async () => {
    const h = await startApp({ enrolled: false, storage: { persisted: false, grant: true } });
    expect(h.persist).not.toHaveBeenCalled();
    h.app.actions.enrolled(SESSION);
    await waitFor(() => expect(h.persist).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(h.durability.persistence.value?.result).toBe('granted'));
  });
});

test('sign out and erase forgets the ledger: a later start has nothing to miss', async () => {
  const h = await startApp({ enrolled: true });
  unlock();
  await waitFor(() => expect(stored(h.local)).not.toBeNull());
  await h.app.actions.eraseDevice();
  expect(h.local.getItem(LEDGER_KEY)).toBeNull();
  expect(h.app.screen.value.kind).toBe('start');
  expect(screen.queryByRole('alert')).toBeNull();
});
