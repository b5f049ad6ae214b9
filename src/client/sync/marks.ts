// Per-record sync marks for lists: which records wait for the server, and which the server put aside
// (with its reason). Built lazily from the per-collection trackers and handed out as fresh snapshots.
import type { PushableCollection } from '../../shared';
import type { PendingTracker } from './pending';

/** Per-record marks for lists: ids waiting for the server, and records the server put aside with why. */
export interface RecordMarks {
  /** Ids (unique across collections) the server has not acknowledged; quarantined ones are here too. */
  waiting: ReadonlySet<string>;
  quarantined: ReadonlyMap<string, { collection: PushableCollection; code: string; message: string }>;
}

export interface MarksStore {
  get(): RecordMarks;
  /** Calls back now and after changes (at most once per tick). Returns an unsubscribe. */
  subscribe(onChange: (marks: RecordMarks) => void): () => void;
  /** Something changed in a tracker: rebuild on the next read, tell subscribers soon. */
  invalidate(): void;
}

export function computeMarks(trackers: readonly PendingTracker[]): RecordMarks {
  const waiting = new Set<string>();
  const quarantined = new Map<string, { collection: PushableCollection; code: string; message: string }>();
  for (const t of trackers) {
    for (const id of t.waiting) waiting.add(id);
    for (const e of t.quarantined())
      quarantined.set(e.id, { collection: t.name, code: e.code, message: e.message });
  }
  return { waiting, quarantined };
}

export function sameMarks(a: RecordMarks, b: RecordMarks): boolean {
  if (a.waiting.size !== b.waiting.size || a.quarantined.size !== b.quarantined.size) return false;
  for (const id of a.waiting) if (!b.waiting.has(id)) return false;
  for (const [id, q] of a.quarantined) {
    const other = b.quarantined.get(id);
    if (!other || other.code !== q.code || other.message !== q.message) return false;
  }
  return true;
}

export function createMarksStore(trackers: readonly PendingTracker[]): MarksStore {
  let cached: RecordMarks | null = null;
  let emitted: RecordMarks | null = null;
  let scheduled = false;
  const listeners = new Set<(marks: RecordMarks) => void>();
  const get = () => (cached ??= computeMarks(trackers));
  const flush = () => {
    scheduled = false;
    const next = get();
    if (emitted !== null && (emitted === next || sameMarks(emitted, next))) return;
    emitted = next;
    for (const listener of listeners) listener(next);
  };
  return {
    get,
    subscribe(onChange) {
      listeners.add(onChange);
      // With no flush pending, every listener has seen the latest marks: this one is now up to date too.
      if (!scheduled) emitted = get();
      onChange(get());
      return () => listeners.delete(onChange);
    },
    invalidate() {
      cached = null;
      if (listeners.size === 0 || scheduled) return;
      scheduled = true;
      queueMicrotask(flush);
    },
  };
}
