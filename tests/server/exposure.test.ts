// Breach sizing (docs/breach.md): `exposureReport` says what an account or a device could have seen — the
// scope and the records in it match what the device can actually pull; `npm run admin -- exposure` prints it.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exposureReport, exposureText } from '../../src/server/breach/exposure';
import { openPgliteStore, type SqlStore } from '../../src/server/store';
import {
  createAdmin,
  enrollDevice,
  makeCompletion,
  makeResident,
  makeSession,
  openTestStore,
  seedTestWard,
  startTestServer,
  type TestServer,
} from '../helpers/server';

const run = promisify(execFile);

describe('exposure report', () => {
  let store: SqlStore;
  let server: TestServer;
  let ward: string;
  let volunteer: Awaited<ReturnType<typeof enrollDevice>>;

  beforeAll(async () => {
    store = await openTestStore();
    server = await startTestServer({ store });
    ward = await seedTestWard(store, ['g1', 'g2']);
    const officer = await server.officerToken(ward);
    volunteer = await enrollDevice(server, officer, ward, { role: 'volunteer', groupIds: ['g1'] });
    const push = (collection: 'residents' | 'sessions' | 'completions', docs: Record<string, unknown>[]) =>
      server.push(
        ward,
        docs.map((d) => ({ newDocumentState: d })),
        collection,
      );
    const withPhone = makeResident(ward, 'g1', {
      phone: '0912345678',
      consents: [
        ...(makeResident(ward).consents as unknown[]),
        {
          purpose: 'contact',
          askedBy: 'Trần Văn Tư',
          date: '2026-01-02',
          method: 'verbal',
          wordingVersion: 'v1',
        },
      ],
    });
    const plain = makeResident(ward, 'g1', { citizenIdLast4: '1234', birthDate: '1980-05-06' });
    const other = makeResident(ward, 'g2');
    await push('residents', [withPhone, plain, other, { ...makeResident(ward, 'g1'), _deleted: true }]);
    await push('sessions', [makeSession(ward, 'g1'), makeSession(ward, 'g2')]);
    await push('completions', [makeCompletion(ward, 'g1', { residentId: plain['id'] })]);
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  test("a volunteer's device: its groups only, and the counts are what the device can pull", async () => {
    const report = await exposureReport(store, { deviceId: volunteer.deviceId });
    expect(report?.device?.id).toBe(volunteer.deviceId);
    expect(report?.scope).toEqual({ wardCode: ward, groupIds: ['g1'] });
    const { documents: pulled } = await server.pull('residents', ward, 0, 1000, volunteer.deviceToken);
    const live = pulled.filter((d) => d['_deleted'] !== true);
    expect(report?.counts).toMatchObject({
      residents: live.length,
      withPhone: live.filter((d) => 'phone' in d).length,
      withBirthDate: 1,
      withCitizenIdLast4: 1,
      deletedResidents: pulled.length - live.length,
      sessions: 1,
      completions: 1,
    });
    expect(live).toHaveLength(2);
    const text = exposureText(report!);
    expect(text).toContain('groups g1');
    expect(text).toContain('with phone number 1');
  });

  test('an officer by username: the whole ward; an administrator: no resident; unknown: nothing', async () => {
    const officer = await store.listPeople(ward, new Date());
    const account = officer.find((p) => p.account.role === 'officer')!.account;
    const report = await exposureReport(store, { account: account.username! });
    expect(report?.scope.groupIds).toBe('whole ward');
    expect(report?.counts?.residents).toBe(3);
    const admin = await createAdmin(store);
    const adminReport = await exposureReport(store, { account: admin.accountId });
    expect(adminReport?.counts).toBeNull();
    expect(await exposureReport(store, { deviceId: 'no-such-device' })).toBeUndefined();
  });
});

describe('npm run admin -- exposure', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bdhvs-exposure-'));
    const store = await openPgliteStore({ dataDir: dir });
    await store.migrate();
    const ward = await seedTestWard(store, ['g1']);
    const server = await startTestServer({ store });
    const officer = await server.officerToken(ward);
    const device = await enrollDevice(server, officer, ward, { role: 'leader', groupIds: ['g1'] });
    await server.push(ward, [{ newDocumentState: makeResident(ward, 'g1') }]);
    await server.close();
    await store.close();
    process.env['EXPOSURE_TEST_DEVICE'] = device.deviceId;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('prints the report of a device, as text and as JSON; refuses bad arguments', async () => {
    const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
    const deviceId = process.env['EXPOSURE_TEST_DEVICE']!;
    const text = await run('npx', ['tsx', 'scripts/admin.ts', 'exposure', '--device', deviceId], { env });
    expect(text.stdout).toContain('residents 1 ');
    expect(text.stdout).toContain(deviceId);
    const json = await run('npx', ['tsx', 'scripts/admin.ts', 'exposure', '--device', deviceId, '--json'], {
      env,
    });
    expect(JSON.parse(json.stdout).counts.residents).toBe(1);
    await expect(
      run('npx', ['tsx', 'scripts/admin.ts', 'exposure', '--nope'], { env }),
    ).rejects.toMatchObject({
      code: 2,
    });
  }, 60_000);
});
