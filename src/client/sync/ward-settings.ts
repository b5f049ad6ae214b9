// The ward's coverage settings (adult age, yearly targets) on the device: the last copy the server sent,
// kept in idb-keyval so the group tally works offline, refreshed from GET /v1/sync/ward-settings. A failed
// refresh changes nothing: the settings are a convenience, never a reason to call sync broken.
import {
  canonicalJson,
  DEFAULT_WARD_SETTINGS,
  wardSettingsResponseSchema,
  type WardSettings,
} from '../../shared';
import { SETTING_KEYS, type KeyValue } from '../db';
import type { ApiHttp } from '../api';

/** The cached settings, or the defaults when none (or an unreadable copy) are stored. */
export async function loadWardSettings(kv: KeyValue): Promise<WardSettings> {
  const stored = await kv.get<unknown>(SETTING_KEYS.wardSettings).catch(() => undefined);
  const parsed = wardSettingsResponseSchema.safeParse(stored);
  return parsed.success ? parsed.data.settings : DEFAULT_WARD_SETTINGS;
}

export interface WardSettingsStore {
  get(): WardSettings;
  /** Calls back now and whenever the settings change. Returns an unsubscribe. */
  subscribe(onChange: (settings: WardSettings) => void): () => void;
  /** Fetches the settings; one request at a time (a call during one shares it). Never rejects. */
  refresh(): Promise<void>;
  /** No more refreshes; waits for a cache write under way (so it cannot land after an erase), not a fetch. */
  stop(): Promise<void>;
}

export async function createWardSettingsStore(o: {
  kv: KeyValue;
  http: ApiHttp;
  wardCode: string;
}): Promise<WardSettingsStore> {
  let current = await loadWardSettings(o.kv);
  const listeners = new Set<(s: WardSettings) => void>();
  let inFlight: Promise<void> | null = null;
  let writing: Promise<void> | null = null;
  let stopped = false;

  async function fetchOnce(): Promise<void> {
    try {
      const answer = await o.http.get(
        `/v1/sync/ward-settings?wardCode=${o.wardCode}`,
        wardSettingsResponseSchema,
      );
      if (stopped || answer.wardCode !== o.wardCode) return;
      writing = o.kv.set(SETTING_KEYS.wardSettings, answer);
      await writing.finally(() => (writing = null));
      if (canonicalJson(answer.settings) === canonicalJson(current)) return;
      current = answer.settings;
      for (const listener of listeners) listener(current);
    } catch {
      // Offline, revoked, or an older server: keep what is cached.
    }
  }

  return {
    get: () => current,
    subscribe(onChange) {
      listeners.add(onChange);
      onChange(current);
      return () => listeners.delete(onChange);
    },
    refresh() {
      if (stopped) return Promise.resolve();
      inFlight ??= fetchOnce().finally(() => (inFlight = null));
      return inFlight;
    },
    async stop() {
      stopped = true;
      listeners.clear();
      await writing?.catch(() => undefined);
    },
  };
}
