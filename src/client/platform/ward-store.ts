// Which ward this device works for: remembered on the device after the first choice, so the app
// starts offline; the first time it comes from the server's list (one ward → chosen automatically).
import { SETTING_KEYS, type KeyValue } from '../db';
import type { WardInfo, WardsResult } from './ward-api';

/** Not in SETTING_KEYS (owned by client/db): the ward's display name, so the header works offline. */
export const WARD_NAME_KEY = 'wardName';

export type WardResolution =
  | { kind: 'ready'; ward: WardInfo }
  | { kind: 'choose'; wards: WardInfo[] }
  | { kind: 'needs-network' }
  | { kind: 'no-wards' };

export async function loadStoredWard(kv: KeyValue): Promise<WardInfo | null> {
  const code = await kv.get<string>(SETTING_KEYS.wardCode);
  if (typeof code !== 'string' || code === '') return null;
  const name = await kv.get<string>(WARD_NAME_KEY);
  return { code, name: typeof name === 'string' ? name : '' };
}

export async function storeWard(kv: KeyValue, ward: WardInfo): Promise<void> {
  await kv.set(SETTING_KEYS.wardCode, ward.code);
  await kv.set(WARD_NAME_KEY, ward.name);
}

/** The stored ward if any; otherwise ask the server, and remember the ward when there is only one. */
export async function resolveWard(
  kv: KeyValue,
  fetchWards: () => Promise<WardsResult>,
): Promise<WardResolution> {
  const stored = await loadStoredWard(kv);
  if (stored) return { kind: 'ready', ward: stored };
  const answer = await fetchWards();
  if (!answer.ok) return { kind: 'needs-network' };
  const [only, ...rest] = answer.wards;
  if (!only) return { kind: 'no-wards' };
  if (rest.length > 0) return { kind: 'choose', wards: answer.wards };
  await storeWard(kv, only);
  return { kind: 'ready', ward: only };
}
