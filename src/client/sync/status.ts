// The sync status the indicator shows: connection, records waiting, last successful sync, problems.

export type SyncProblem =
  | 'unreachable'
  | 'client_too_old'
  | 'server_error'
  /** This device's access was revoked (lost, or retired and erased): it must erase and re-enrol. */
  | 'revoked'
  /** This device was retired: it uploads what is left, then erases. */
  | 'retiring'
  /** The session is over: sign in again. */
  | 'unauthenticated'
  | null;

export interface SyncStatus {
  /** What the browser says about the network. */
  online: boolean;
  /** A sync exchange is under way. */
  syncing: boolean;
  /** Local records the server has not acknowledged yet. */
  waiting: number;
  /** Records the server put aside (quarantine) and that need fixing. */
  needsAttention: number;
  /** ISO instant of the last successful exchange with the server, or null if never. */
  lastSyncedAt: string | null;
  problem: SyncProblem;
}

export interface StatusStore {
  get(): SyncStatus;
  update(patch: Partial<SyncStatus>): void;
  subscribe(onChange: (status: SyncStatus) => void): () => void;
}

export function createStatusStore(initial: SyncStatus): StatusStore {
  let current = initial;
  const listeners = new Set<(s: SyncStatus) => void>();
  return {
    get: () => current,
    update(patch) {
      const next = { ...current, ...patch };
      if (Object.entries(patch).every(([k, v]) => current[k as keyof SyncStatus] === v)) return;
      current = next;
      for (const listener of listeners) listener(current);
    },
    subscribe(onChange) {
      listeners.add(onChange);
      onChange(current);
      return () => listeners.delete(onChange);
    },
  };
}
