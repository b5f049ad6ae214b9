// GET /v1/sync/ward-settings (docs/sync.md): the ward's coverage settings for any principal of the
// ward, the defaults when none are stored, and the same refusals as the other sync routes.
import { expect, test } from 'vitest';
import {
  DEFAULT_WARD_SETTINGS,
  PROTOCOL_HEADER,
  wardSettingsResponseSchema,
  type WardSettings,
} from '../../../src/shared';
import {
  PROTOCOL_HEADERS,
  authHeaders,
  createAdmin,
  enrollDevice,
  expectErrorResponse,
  seedTestWard,
} from '../../helpers/server';
import type { ContractEnv } from './sync-contract';

const SETTINGS: WardSettings = {
  adultAge: 18,
  targets: [
    { year: 2026, indicator: 'K', kind: 'percent', value: 90 },
    { year: 2026, indicator: 'V', kind: 'count', value: 1200 },
  ],
};

export function wardSettingsTests({ store, server }: ContractEnv): void {
  const get = (wardCode: string, headers: Record<string, string>) =>
    server().app.inject({ url: '/v1/sync/ward-settings', query: { wardCode }, headers });
  const asOfficer = async (wardCode: string) => authHeaders(await server().officerToken(wardCode));

  test('a ward without stored settings answers the defaults', async () => {
    const ward = await seedTestWard(store());
    const res = await get(ward, await asOfficer(ward));
    expect(res.statusCode).toBe(200);
    expect(wardSettingsResponseSchema.parse(res.json())).toEqual({
      wardCode: ward,
      settings: DEFAULT_WARD_SETTINGS,
    });
  });

  test("stored settings are answered as stored, to the ward's officers and to its phones", async () => {
    const ward = await seedTestWard(store());
    expect(await store().setWardSettings(ward, SETTINGS)).toBe(true);
    const officer = await server().officerToken(ward);
    const phone = await enrollDevice(server(), officer, ward, { role: 'leader', groupIds: ['g2'] });
    for (const token of [officer, phone.deviceToken]) {
      const res = await get(ward, authHeaders(token));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ wardCode: ward, settings: SETTINGS });
    }
  });

  test('settings stored in a shape the schema refuses are answered as the defaults', async () => {
    const ward = await seedTestWard(store());
    await store().db.query('update wards set settings = $2::jsonb where code = $1', [
      ward,
      JSON.stringify({ adultAge: 3, targets: 'all' }),
    ]);
    expect(await store().getWardSettings(ward)).toEqual(DEFAULT_WARD_SETTINGS);
    expect((await get(ward, await asOfficer(ward))).json()).toEqual({
      wardCode: ward,
      settings: DEFAULT_WARD_SETTINGS,
    });
  });

  test('the store refuses invalid settings, and with ifUnset never overwrites stored ones', async () => {
    const ward = await seedTestWard(store());
    await expect(store().setWardSettings(ward, { adultAge: 99, targets: [] })).rejects.toThrow();
    expect(await store().setWardSettings(ward, SETTINGS, { ifUnset: true })).toBe(true);
    const other = { ...SETTINGS, adultAge: 20 };
    expect(await store().setWardSettings(ward, other, { ifUnset: true })).toBe(false);
    expect(await store().getWardSettings(ward)).toEqual(SETTINGS);
    expect(await store().setWardSettings(ward, other)).toBe(true);
    expect(await store().getWardSettings(ward)).toEqual(other);
    expect(await store().setWardSettings('00001', SETTINGS)).toBe(false);
    expect(await store().getWardSettings('00001')).toBeUndefined();
  });

  test('another ward answers 403, no token 401, an administrator 403, a malformed ward code 400', async () => {
    const ward = await seedTestWard(store());
    const other = await seedTestWard(store());
    const officer = await asOfficer(ward);
    expectErrorResponse(await get(other, officer), 403, 'forbidden');
    expectErrorResponse(await get('00002', officer), 403, 'forbidden');
    expectErrorResponse(await get(ward, PROTOCOL_HEADERS), 401, 'unauthenticated');
    expectErrorResponse(await get(ward, authHeaders((await createAdmin(store())).token)), 403, 'forbidden');
    expectErrorResponse(await get('abc', officer), 400, 'bad_request');
  });

  test('an app on protocol version 1 gets 426 client_too_old', async () => {
    const ward = await seedTestWard(store());
    const headers = { ...(await asOfficer(ward)), [PROTOCOL_HEADER]: '1' };
    expectErrorResponse(await get(ward, headers), 426, 'client_too_old');
  });
}
