// The in-process change feed behind live updates (docs/sync.md "Live updates"): store.syncWrite
// publishes which ward, collection and residential groups a committed write touched; the events route
// subscribes per ward. One server process only: with several processes on one PostgreSQL this would
// become NOTIFY after commit + LISTEN in each process (not built).
import type { SyncCollection } from '../../shared';

/** A committed sync write: never the records themselves, only where they are. */
export interface ChangeNotice {
  wardCode: string;
  collection: SyncCollection;
  /** The residential groups of the written rows (for groups: their own ids). */
  groupIds: readonly string[];
}

export type ChangeListener = (change: ChangeNotice) => void;

export interface ChangeFeed {
  /** Call only after the write's transaction has committed. Listeners' errors are contained. */
  publish(change: ChangeNotice): void;
  /** Listens to one ward's changes. Returns the unsubscribe. */
  subscribe(wardCode: string, listener: ChangeListener): () => void;
  /**
   * An account's access changed (its groups, a device revoked): its open streams end at once so they
   * reconnect and authenticate again. To be called by the routes that change access, after commit.
   */
  accessChanged(accountId: string): void;
  /** Listens for accessChanged of one account. Returns the unsubscribe. */
  onAccessChanged(accountId: string, listener: () => void): () => void;
  /** Listeners currently subscribed (wards and accounts), for tests and leak checks. */
  listenerCount(): number;
}

export function createChangeFeed(): ChangeFeed {
  const byWard = new Map<string, Set<ChangeListener>>();
  const byAccount = new Map<string, Set<() => void>>();

  function add<K, L>(map: Map<K, Set<L>>, key: K, listener: L): () => void {
    let set = map.get(key);
    if (set === undefined) {
      set = new Set();
      map.set(key, set);
    }
    set.add(listener);
    return () => {
      const current = map.get(key);
      if (current === undefined) return;
      current.delete(listener);
      if (current.size === 0) map.delete(key);
    };
  }

  function notify<A extends unknown[]>(listeners: Set<(...args: A) => void> | undefined, ...args: A) {
    // A copy: a listener may unsubscribe (or subscribe another) while we iterate.
    for (const listener of [...(listeners ?? [])]) {
      try {
        listener(...args);
      } catch {
        // One broken stream must not keep the others (or the writer) from going on.
      }
    }
  }

  return {
    publish(change) {
      if (change.groupIds.length === 0) return;
      notify(byWard.get(change.wardCode), change);
    },
    subscribe: (wardCode, listener) => add(byWard, wardCode, listener),
    accessChanged(accountId) {
      notify(byAccount.get(accountId));
    },
    onAccessChanged: (accountId, listener) => add(byAccount, accountId, listener),
    listenerCount() {
      let n = 0;
      for (const set of byWard.values()) n += set.size;
      for (const set of byAccount.values()) n += set.size;
      return n;
    },
  };
}
