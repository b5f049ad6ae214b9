// Finding the device's ward: remembered choice first, else the server's list (once, online).
import { describe, expect, test, vi } from 'vitest';
import { memoryKeyValue, SETTING_KEYS } from '../../../src/client/db';
import { fetchWards, type WardsResult } from '../../../src/client/platform/ward-api';
import { resolveWard, storeWard, WARD_NAME_KEY } from '../../../src/client/platform/ward-store';

const HONG_AN = { code: '11111', name: 'Phường Hồng An' };
const OTHER = { code: '22222', name: 'Phường Lê Chân' };
const answer = (r: WardsResult) => vi.fn(async () => r);

describe('resolveWard', () => {
  test('a stored ward is used without asking the server', async () => {
    const kv = memoryKeyValue();
    await storeWard(kv, HONG_AN);
    const fetch = answer({ ok: false });
    expect(await resolveWard(kv, fetch)).toEqual({ kind: 'ready', ward: HONG_AN });
    expect(fetch).not.toHaveBeenCalled();
  });

  test('a server with exactly one ward picks it and remembers code and name', async () => {
    const kv = memoryKeyValue();
    expect(await resolveWard(kv, answer({ ok: true, wards: [HONG_AN] }))).toEqual({
      kind: 'ready',
      ward: HONG_AN,
    });
    expect(await kv.get(SETTING_KEYS.wardCode)).toBe('11111');
    expect(await kv.get(WARD_NAME_KEY)).toBe('Phường Hồng An');
  });

  test('several wards are offered for a choice and nothing is stored yet', async () => {
    const kv = memoryKeyValue();
    const found = await resolveWard(kv, answer({ ok: true, wards: [HONG_AN, OTHER] }));
    expect(found).toEqual({ kind: 'choose', wards: [HONG_AN, OTHER] });
    expect(await kv.get(SETTING_KEYS.wardCode)).toBeUndefined();
  });

  test('no stored ward and no network asks for the network', async () => {
    expect(await resolveWard(memoryKeyValue(), answer({ ok: false }))).toEqual({ kind: 'needs-network' });
  });
});

describe('fetchWards', () => {
  test('reads the ward list and drops the province code', async () => {
    const body = { wards: [{ ...HONG_AN, provinceCode: '31' }] };
    const fetchFn = vi.fn(async () => new Response(JSON.stringify(body), { status: 200 }));
    expect(await fetchWards(fetchFn)).toEqual({ ok: true, wards: [HONG_AN] });
    expect(fetchFn).toHaveBeenCalledWith('/v1/wards', expect.anything());
  });

  test('a network failure, an error status or an unexpected body is a failure, not an exception', async () => {
    expect(await fetchWards(vi.fn(async () => Promise.reject(new TypeError('offline'))))).toEqual({
      ok: false,
    });
    expect(await fetchWards(vi.fn(async () => new Response('{}', { status: 503 })))).toEqual({ ok: false });
    expect(await fetchWards(vi.fn(async () => new Response('{"wards":[{"code":"1"}]}')))).toEqual({
      ok: false,
    });
  });
});
