// Small device settings kept outside RxDB in idb-keyval: chosen ward, language, last successful sync,
// sync receipts and the ward's cached coverage settings.
import { clear, createStore, get, set, type UseStore } from 'idb-keyval';

export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Forget everything (sign-out and erase, revocation). */
  clear(): Promise<void>;
}

export function idbKeyValue(dbName = 'bdhvs-settings'): KeyValue {
  const store: UseStore = createStore(dbName, 'kv');
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    clear: () => clear(store),
  };
}

export function memoryKeyValue(): KeyValue {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => map.get(key) as T | undefined,
    set: async (key, value) => {
      map.set(key, structuredClone(value));
    },
    clear: async () => map.clear(),
  };
}

export const SETTING_KEYS = {
  wardCode: 'wardCode',
  wardName: 'wardName',
  locale: 'locale',
  lastSyncedAt: 'lastSyncedAt',
  receipts: 'receipts:',
  quarantine: 'quarantine:',
  sent: 'sent:',
  wardSettings: 'wardSettings',
} as const;
