// Live updates on the device (docs/sync.md "Live updates"): keeps GET /v1/sync/events open while online
// (read with fetch + ReadableStream, since EventSource cannot send the bearer token), pulls the named
// collections again on each change notice and every collection on each (re)connection, and reconnects
// with exponential backoff and jitter when the stream drops. It never touches the sync status: without the
// stream, updates only come later (the poll remains).
import { SYNC_CHANGE_EVENT, SYNC_EVENTS_PATH, syncChangeSchema, type SyncCollection } from '../../shared';
import { ApiError, type ApiStream } from '../api';
import { createBackoff, type BackoffOptions } from './backoff';
import type { NetworkSource } from './replication';

export interface LiveOptions {
  /** Opens the stream with the API client's headers (createApiStream). */
  stream: ApiStream;
  wardCode: string;
  network: NetworkSource;
  /** A change notice: pull these collections again. */
  onChange(collections: readonly SyncCollection[]): void;
  /** The stream (re)opened: changes may have been missed while it was closed, so pull everything. */
  onOpen(): void;
  /** Waits between reconnections; defaults 1 s doubling to 2 min, with full jitter. */
  backoff?: BackoffOptions;
  /** Connect only once this resolves (this tab leads the sync). */
  ready?: Promise<unknown>;
  /** A stream that ends sooner than this after opening counts as a failure for the backoff. */
  minHealthyMs?: number;
}

export interface LiveUpdates {
  /** Whether the stream is open now. */
  connected(): boolean;
  /** Reconnect now if the stream is down and waiting ("sync now"). */
  kick(): void;
  stop(): void;
}

/** One server-sent event (comments and fields other than event/data are ignored). */
interface ServerEvent {
  event: string;
  data: string;
}

/** Splits a text/event-stream body into events, calling onEvent for each complete one. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (e: ServerEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: ServerEvent = { event: 'message', data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') event.event = value;
          else if (field === 'data') data.push(value);
        }
        if (data.length > 0) onEvent({ ...event, data: data.join('\n') });
        end = buffer.indexOf('\n\n');
      }
    }
  } finally {
    reader.releaseLock();
  }
}

function changedCollections(e: ServerEvent): SyncCollection[] {
  if (e.event !== SYNC_CHANGE_EVENT) return [];
  try {
    const parsed = syncChangeSchema.safeParse(JSON.parse(e.data));
    return parsed.success ? parsed.data.collections : [];
  } catch {
    return [];
  }
}

export function startLive(o: LiveOptions): LiveUpdates {
  const backoff = createBackoff(o.backoff);
  const minHealthyMs = o.minHealthyMs ?? 5_000;
  const path = `${SYNC_EVENTS_PATH}?wardCode=${encodeURIComponent(o.wardCode)}`;
  let stopped = false;
  let ready = o.ready === undefined;
  /** The server has no such route (an older server): do not ask again until the next start. */
  let unsupported = false;
  let running = false;
  let open = false;
  let current: AbortController | null = null;

  const wanted = () => !stopped && ready && !unsupported && o.network.isOnline();

  async function connectOnce(): Promise<void> {
    const controller = new AbortController();
    current = controller;
    const startedAt = Date.now();
    try {
      const body = await o.stream(path, controller.signal);
      open = true;
      o.onOpen();
      await readEvents(body, (e) => {
        const collections = changedCollections(e);
        if (collections.length > 0) o.onChange(collections);
      });
      // The server ended it (restart, its maximum age, a newer stream of this device).
      if (Date.now() - startedAt >= minHealthyMs) backoff.succeeded();
      else backoff.failed();
    } catch (err) {
      if (controller.signal.aborted) return; // stopped, or offline
      if (err instanceof ApiError && err.code === 'not_found') unsupported = true;
      else backoff.failed();
    } finally {
      open = false;
      if (current === controller) current = null;
    }
  }

  async function run(): Promise<void> {
    if (running) return;
    running = true;
    try {
      while (wanted()) {
        await backoff.wait();
        if (!wanted()) break;
        await connectOnce();
      }
    } finally {
      running = false;
    }
  }

  const unNetwork = o.network.subscribe((online) => {
    if (!online) {
      current?.abort();
      return;
    }
    backoff.reset();
    void run();
  });
  o.ready?.then(
    () => {
      ready = true;
      void run();
    },
    () => undefined, // the database closed before this tab led: nothing to do
  );
  void run();

  return {
    connected: () => open,
    kick() {
      if (open) return;
      backoff.reset();
      void run();
    },
    stop() {
      stopped = true;
      unNetwork();
      current?.abort();
      backoff.reset();
    },
  };
}
