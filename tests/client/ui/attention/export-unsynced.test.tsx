// @vitest-environment happy-dom
// The attention screen's "Xuất các bản ghi chưa gửi": offline, it downloads a file of the records the
// server has not acknowledged (named for the ward and the day) and says how many it holds; with nothing
// waiting it says so and downloads nothing.
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { memoryKeyValue, SETTING_KEYS, type AppDatabase } from '../../../../src/client/db';
import { AttentionScreen } from '../../../../src/client/ui/attention/attention-screen';
import { todayIso } from '../../../../src/client/ui/i18n';
import { route } from '../../../../src/client/ui/router';
import {
  fingerprint,
  syncState,
  unsyncedExportSchema,
  type PlainDoc,
  type UnsyncedExport,
} from '../../../../src/shared';
import { addGroup, addResident, fakeSync, openDb, renderField } from '../sessions/field-harness';

let db: AppDatabase;
let downloads: { name: string; blob: Blob }[];

beforeEach(async () => {
  route.value = { name: 'attention' };
  db = await openDb();
  await addGroup(db, 'to-1', 'Tổ 1');
  downloads = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${n++}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  // Offline: any call to the network fails the test.
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.reject(new Error('no network in this test'))),
  );
});

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await db.close();
});

async function localState(id: string): Promise<PlainDoc> {
  const doc = await db.rx.residents.findOne(id).exec();
  return syncState({ ...(doc!.toJSON() as PlainDoc), _deleted: false });
}

describe('exporting the records not yet sent', () => {
  test('offline, it downloads a file with every waiting record and says how many', async () => {
    const hoa = await addResident(db, { fullName: 'Nguyễn Thị Hoa', birthYear: '1958', groupId: 'to-1' });
    const lan = await addResident(db, { fullName: 'Trần Thị Lan', birthYear: '1962', groupId: 'to-1' });
    const kv = memoryKeyValue();
    // The server acknowledged Lan's record; Hoa's waits.
    await kv.set(`${SETTING_KEYS.receipts}residents`, { [lan]: fingerprint(await localState(lan)) });
    const sync = fakeSync({
      status: { online: false, waiting: 1 },
      marks: { waiting: new Set([hoa]), quarantined: new Map() },
    });
    renderField(<AttentionScreen />, { db, kv, sync: sync.controller });

    fireEvent.click(await screen.findByRole('button', { name: 'Xuất các bản ghi chưa gửi' }));
    const name = `bdhvs-chua-dong-bo-99999-${todayIso()}.json`;
    expect(
      await screen.findByText(`Đã lưu 1 bản ghi vào tệp ${name}. Hãy gửi tệp này cho cán bộ phường.`),
    ).toBeTruthy();
    expect(downloads.map((d) => d.name)).toEqual([name]);
    const file: UnsyncedExport = unsyncedExportSchema.parse(JSON.parse(await downloads[0]!.blob.text()));
    expect(file.wardCode).toBe('99999');
    expect(file.deviceId).toBe('3d1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5f');
    expect(file.account).toEqual({
      id: '2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      fullName: 'Nguyễn Thị Lan',
      role: 'volunteer',
    });
    expect(file.records).toEqual([{ collection: 'residents', doc: await localState(hoa) }]);
    expect(fetch).not.toHaveBeenCalled();
  });

  test('a record the server put aside is exported with its reason', async () => {
    const hoa = await addResident(db, { fullName: 'Nguyễn Thị Hoa', birthYear: '1958', groupId: 'to-1' });
    const sync = fakeSync({
      marks: {
        waiting: new Set([hoa]),
        quarantined: new Map([
          [hoa, { collection: 'residents', code: 'out_of_scope', message: 'group to-1' }],
        ]),
      },
    });
    renderField(<AttentionScreen />, { db, sync: sync.controller });
    fireEvent.click(await screen.findByRole('button', { name: 'Xuất các bản ghi chưa gửi' }));
    await screen.findByText(/Đã lưu 1 bản ghi/);
    const file = unsyncedExportSchema.parse(JSON.parse(await downloads[0]!.blob.text()));
    expect(file.records[0]!.putAside).toEqual({ code: 'out_of_scope', message: 'group to-1' });
  });

  test('with nothing waiting, it says so and downloads nothing', async () => {
    const lan = await addResident(db, { fullName: 'Trần Thị Lan', birthYear: '1962', groupId: 'to-1' });
    const kv = memoryKeyValue();
    await kv.set(`${SETTING_KEYS.receipts}residents`, { [lan]: fingerprint(await localState(lan)) });
    renderField(<AttentionScreen />, { db, kv, sync: fakeSync().controller });
    fireEvent.click(await screen.findByRole('button', { name: 'Xuất các bản ghi chưa gửi' }));
    expect(await screen.findByText('Không có bản ghi nào đang chờ gửi, nên không cần tạo tệp.')).toBeTruthy();
    expect(downloads).toEqual([]);
  });

  test('before sync has started, the receipts alone decide what is exported', async () => {
    const hoa = await addResident(db, { fullName: 'Nguyễn Thị Hoa', birthYear: '1958', groupId: 'to-1' });
    renderField(<AttentionScreen />, { db, sync: null });
    fireEvent.click(await screen.findByRole('button', { name: 'Xuất các bản ghi chưa gửi' }));
    await screen.findByText(/Đã lưu 1 bản ghi/);
    const file = unsyncedExportSchema.parse(JSON.parse(await downloads[0]!.blob.text()));
    expect(file.records.map((r) => r.doc['id'])).toEqual([hoa]);
  });
});
