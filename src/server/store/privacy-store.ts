// The SQL of data-subject requests (docs/privacy.md "Rights"): finding a resident, reading everything
// held about one person, the request log, and the erasure's scrubbing of replaced states (record_history,
// quarantine) that the sync write path does not touch.
import type { Db } from './db';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the privacy work
export interface PrivacyStore {}

export function createPrivacyStore(_db: Db): PrivacyStore {
  return {};
}
