// Asks the browser to keep this app's data when the phone runs low on space (persistent storage),
// so registered residents are not evicted before they sync. Never throws.

export type PersistResult = 'granted' | 'denied' | 'unsupported';

export async function requestPersistentStorage(nav: Navigator = navigator): Promise<PersistResult> {
  const storage = nav.storage as StorageManager | undefined;
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}
