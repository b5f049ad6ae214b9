// Revocation as a phone lives it: a retired phone uploads what it still holds, reports, erases; a lost
// phone's uploads are refused, it reports what it held unsynced, erases — the officer sees the count.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { finishAccess } from '../../src/client/sync';
import { authHeaders } from '../helpers/server';
import { serverDocs } from '../helpers/e2e';
import { draft, startDevice, startTestServer, WARD, type TestDevice, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function revoke(device: TestDevice, mode: 'retire' | 'lost'): Promise<void> {
  const res = await fetch(`${server.url}/v1/wards/${WARD.code}/devices/${device.deviceId}/revoke`, {
    method: 'POST',
    headers: { ...authHeaders(server.officerToken), 'content-type': 'application/json' },
    body: JSON.stringify({ mode }),
  });
  expect(res.status).toBe(200);
}

async function deviceOnServer(device: TestDevice): Promise<Record<string, unknown> | undefined> {
  const res = await fetch(`${server.url}/v1/wards/${WARD.code}/people`, {
    headers: authHeaders(server.officerToken),
  });
  const body = (await res.json()) as { people: { devices: Record<string, unknown>[] }[] };
  return body.people.flatMap((p) => p.devices).find((d) => d['id'] === device.deviceId);
}

async function addOffline(device: TestDevice, name: string): Promise<string> {
  device.net.mode = 'down';
  const result = await device.db.residents.add(draft(name));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  await device.until((s) => s.waiting === 1);
  return result.record.id;
}

test('a retired phone uploads what it still holds, reports nothing left unsynced, then erases itself', async () => {
  const phone = await startDevice(server, 'retire');
  await phone.sync.awaitInSync();
  const id = await addOffline(phone, 'Lý Thị Mười');
  await revoke(phone, 'retire');
  phone.net.mode = 'up';
  phone.sync.syncNow();
  await phone.until((s) => s.problem === 'retiring');
  let erased = false;
  const result = await finishAccess({
    sync: phone.sync,
    erase: async () => void (erased = true),
    uploadGraceMs: 10_000,
  });
  expect(result).toEqual({ ok: true, unsyncedCount: 0 });
  expect(erased).toBe(true);
  const stored = await serverDocs(server.url, 'residents', WARD.code, server.officerToken);
  expect(stored.map((d) => d['id'])).toContain(id);
  expect(await deviceOnServer(phone)).toMatchObject({ status: 'retired', unsyncedAtErase: 0 });
  await phone.db.close();
});

test('a lost phone cannot upload, reports how many records it held unsynced, then erases itself', async () => {
  const phone = await startDevice(server, 'lost');
  await phone.sync.awaitInSync();
  const id = await addOffline(phone, 'Tạ Văn Mười Một');
  await revoke(phone, 'lost');
  phone.net.mode = 'up';
  phone.sync.syncNow();
  await phone.until((s) => s.problem === 'revoked');
  let erased = false;
  const result = await finishAccess({ sync: phone.sync, erase: async () => void (erased = true) });
  expect(result).toEqual({ ok: true, unsyncedCount: 1 });
  expect(erased).toBe(true);
  const stored = await serverDocs(server.url, 'residents', WARD.code, server.officerToken);
  expect(stored.map((d) => d['id'])).not.toContain(id);
  expect(await deviceOnServer(phone)).toMatchObject({ status: 'lost', unsyncedAtErase: 1 });
  await phone.db.close();
});

test('without a network the report fails and nothing is erased', async () => {
  const phone = await startDevice(server, 'no-network');
  await phone.sync.awaitInSync();
  await revoke(phone, 'lost');
  phone.sync.syncNow();
  await phone.until((s) => s.problem === 'revoked');
  phone.net.mode = 'down';
  let erased = false;
  const result = await finishAccess({ sync: phone.sync, erase: async () => void (erased = true) });
  expect(result).toEqual({ ok: false, reason: 'unreachable' });
  expect(erased).toBe(false);
  await phone.close();
});
