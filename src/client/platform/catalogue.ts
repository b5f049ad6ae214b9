// Loads the skill catalogue file (public/catalogues/skills.json, precached by the service worker) and
// keeps the last good copy on the device, so the catalogues are there offline even if the cache is not.
import { CATALOGUE_FILE_PATH, catalogueFileSchema, type CatalogueFile } from '../../shared';
import type { KeyValue } from '../db';

const KEY = 'catalogues';

export async function loadCatalogueFile(
  kv: KeyValue,
  fetchFn: typeof fetch = (...args) => fetch(...args),
): Promise<CatalogueFile | null> {
  const stored = catalogueFileSchema.safeParse(await kv.get<unknown>(KEY).catch(() => undefined));
  const held = stored.success ? stored.data : null;
  try {
    const response = await fetchFn(CATALOGUE_FILE_PATH, { cache: 'no-cache' });
    if (!response.ok) return held;
    const parsed = catalogueFileSchema.safeParse(await response.json());
    if (!parsed.success) return held;
    if (held === null || parsed.data.revision >= held.revision) {
      await kv.set(KEY, parsed.data).catch(() => undefined);
      return parsed.data;
    }
    return held;
  } catch {
    return held;
  }
}
