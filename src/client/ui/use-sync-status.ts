// Hook: the latest sync status from a controller that may not have started yet (null → null).
import { useEffect, useState } from 'preact/hooks';
import type { SyncController, SyncStatus } from '../sync';

export type StatusSource = Pick<SyncController, 'status'>;

export function useSyncStatus(source: StatusSource | null): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(() => source?.status.get() ?? null);
  useEffect(() => {
    if (!source) {
      setStatus(null);
      return undefined;
    }
    return source.status.subscribe(setStatus);
  }, [source]);
  return status;
}
