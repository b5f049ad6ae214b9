// Per pushable collection: the fingerprint of every local state (deletions included), kept up to date
// from RxDB's change events, and the ids whose state the server has not acknowledged ("waiting"). Each
// change or receipt re-checks only the records it touches, so a phone with 10,000 residents does not
// re-fingerprint all of them whenever one is saved.
import { getChangedDocumentsSince, type RxCollection } from 'rxdb';
import { fingerprint, type PlainDoc, type PushableCollection } from '../../shared';
import { stillQuarantined, type QuarantineEntry, type QuarantineLog } from './quarantine';
import type { Receipts } from './receipts';

export interface PendingTracker {
  readonly name: PushableCollection;
  /** Ids whose local state the server has not acknowledged (quarantined ones included). */
  readonly waiting: ReadonlySet<string>;
  /** Quarantined records still in the state the server refused. */
  quarantined(): QuarantineEntry[];
  /** Resolves once every stored document has been fingerprinted. */
  readonly ready: Promise<void>;
  stop(): void;
}

export interface PendingOptions {
  name: PushableCollection;
  collection: RxCollection<PlainDoc>;
  receipts: Receipts;
  quarantine: QuarantineLog;
  /** Called after the waiting set or a fingerprint changed. */
  onChange(): void;
}

/** Documents read per page at start: each page is one storage query, so fewer is faster; 2,000 is still small. */
const PAGE = 2000;

export function trackPending(o: PendingOptions): PendingTracker {
  const local = new Map<string, string>();
  const waiting = new Set<string>();
  /** Ids changed by an event while the first read runs: the event is newer than what the read saw. */
  let seenDuringLoad: Set<string> | null = new Set();
  let stopped = false;

  const recheck = (id: string) => {
    const fp = local.get(id);
    if (fp !== undefined && fp !== o.receipts.get(id)) waiting.add(id);
    else waiting.delete(id);
  };

  const events = o.collection.eventBulks$.subscribe((bulk) => {
    for (const event of bulk.events) {
      local.set(event.documentId, fingerprint(event.documentData as PlainDoc));
      seenDuringLoad?.add(event.documentId);
      recheck(event.documentId);
    }
    o.onChange();
  });
  const unReceipts = o.receipts.subscribe((ids) => {
    ids.forEach(recheck);
    o.onChange();
  });

  const ready = (async () => {
    let checkpoint: unknown;
    for (;;) {
      if (stopped) return;
      const page = await getChangedDocumentsSince(o.collection.storageInstance, PAGE, checkpoint);
      for (const doc of page.documents as PlainDoc[]) {
        const id = String(doc['id']);
        if (seenDuringLoad?.has(id)) continue;
        local.set(id, fingerprint(doc));
        recheck(id);
      }
      if (page.documents.length < PAGE) break;
      checkpoint = page.checkpoint;
    }
    seenDuringLoad = null;
    o.onChange();
  })().catch(() => {
    // The database was closed while reading (stop during start): nothing left to count.
  });

  return {
    name: o.name,
    waiting,
    quarantined: () => stillQuarantined(o.quarantine, (id) => local.get(id)),
    ready,
    stop() {
      stopped = true;
      events.unsubscribe();
      unReceipts();
    },
  };
}
