// Between the app's tabs on one phone: only the sync leader tab talks to the server (RxDB leader
// election), so it tells the other tabs when it stored receipts, quarantine notices or a successful sync,
// and they re-read them from idb-keyval; a "sync now" tapped in any tab reaches the leader.
export interface CrossTab {
  /** Tell the other tabs that `key` changed (or, for 'syncNow', ask the leader to sync). */
  announce(key: string): void;
  /** Called with each key another tab announced. Returns an unsubscribe. */
  listen(onKey: (key: string) => void): () => void;
  close(): void;
}

/** A BroadcastChannel per device database; a no-op where the browser has none. */
export function crossTab(name: string): CrossTab {
  if (typeof globalThis.BroadcastChannel !== 'function') {
    return { announce: () => undefined, listen: () => () => undefined, close: () => undefined };
  }
  const channel = new BroadcastChannel(name);
  const listeners = new Set<(key: string) => void>();
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (typeof event.data !== 'string') return;
    for (const listener of listeners) listener(event.data);
  };
  let closed = false;
  return {
    announce(key) {
      if (!closed) channel.postMessage(key);
    },
    listen(onKey) {
      listeners.add(onKey);
      return () => listeners.delete(onKey);
    },
    close() {
      closed = true;
      listeners.clear();
      channel.close();
    },
  };
}
