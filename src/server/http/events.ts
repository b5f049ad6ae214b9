// GET /v1/sync/events — the live update stream (docs/sync.md "Live updates"): text/event-stream with an
// `event: change` naming the collections to pull again, only for committed writes in the principal's
// scope; a heartbeat comment every 25 s; a few streams per principal (a new one closes the oldest); every
// stream ends on disconnect, after STREAM_MAX_MS, when the account's access changes, and on server close.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod/mini';
import {
  PROTOCOL_HEADER,
  SYNC_CHANGE_EVENT,
  SYNC_EVENTS_PATH,
  wardCodeSchema,
  type SyncChange,
} from '../../shared';
import { syncScope } from '../auth/guards';
import type { AuthContext } from '../auth/options';
import { authenticate, principalOf, type Principal } from '../auth/principal';
import type { ChangeNotice } from '../sync/changes';
import { routeDoc } from './openapi-meta';
import { parse } from './parse';
import { checkProtocol } from './sync';

export interface EventStreamOptions {
  /** A comment line this often keeps proxies and phones from dropping an idle stream. */
  heartbeatMs?: number;
  /** A stream ends after this long; the app reconnects and authenticates again. */
  maxStreamMs?: number;
  /** Open streams per principal (device or session); a new one closes the oldest. */
  perPrincipal?: number;
  /** A client that does not read: the stream ends when this much is queued for it. */
  maxQueuedBytes?: number;
}

export const EVENT_STREAM_DEFAULTS: Readonly<Required<EventStreamOptions>> = {
  heartbeatMs: 25_000,
  maxStreamMs: 10 * 60_000,
  perPrincipal: 3,
  maxQueuedBytes: 64 * 1024,
};

const wardQuerySchema = z.object({ wardCode: wardCodeSchema });

interface OpenStream {
  key: string;
  end(): void;
}

/** Streams are counted per token: a device, or an officer's session. */
const principalKey = (p: Principal): string =>
  p.deviceId !== undefined ? `device:${p.deviceId}` : `session:${p.sessionHash ?? p.accountId}`;

/** Whether a committed change concerns this principal: officers see the ward, others their groups. */
function concerns(change: ChangeNotice, groups: ReadonlySet<string> | undefined): boolean {
  return groups === undefined || change.groupIds.some((id) => groups.has(id));
}

export function registerEvents(
  app: FastifyInstance,
  ctx: AuthContext,
  options: EventStreamOptions = {},
): void {
  const o = { ...EVENT_STREAM_DEFAULTS, ...options };
  const open = new Set<OpenStream>();
  const byPrincipal = new Map<string, OpenStream[]>();

  // Connections that never carried a request. Node's fetch (undici), when a client aborts a streaming
  // response, opens a fresh connection it never uses (nodejs/undici#5845); the server would wait for it
  // until its headers timeout (a minute) on close. Such a connection has nothing in flight.
  const unused = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  app.server.on('request', (req: IncomingMessage) => unused.delete(req.socket));

  // Before the server stops accepting and waits for its requests: end every stream, or close() would hang.
  app.addHook('preClose', (done) => {
    for (const stream of [...open]) stream.end();
    for (const socket of unused) socket.destroy();
    done();
  });

  const protocolGate = async (request: FastifyRequest) => checkProtocol(request.headers[PROTOCOL_HEADER]);

  const doc = routeDoc({
    tag: 'sync',
    summary: 'Live update stream: a change event names the collections to pull again (heartbeat every 25 s)',
    access: `officer, leader or volunteer of the ward (their groups' changes only); header ${PROTOCOL_HEADER} required`,
    query: wardQuerySchema,
    produces: 'text/event-stream',
  });
  app.get(
    SYNC_EVENTS_PATH,
    { onRequest: [protocolGate, authenticate(ctx)], config: doc },
    async (request, reply) => {
      const principal = principalOf(request);
      const { wardCode } = parse(wardQuerySchema, request.query, 'bad_request', 'query');
      const scope = syncScope(principal, wardCode);
      const groups = scope === undefined ? undefined : new Set(scope);

      const body = new PassThrough();
      const stopFeed: (() => void)[] = [];
      const timers: ReturnType<typeof setTimeout>[] = [];
      let ended = false;
      const stream: OpenStream = {
        key: principalKey(principal),
        end() {
          if (ended) return;
          ended = true;
          stopFeed.forEach((stop) => stop());
          timers.forEach((timer) => clearTimeout(timer));
          open.delete(stream);
          const siblings = byPrincipal.get(stream.key)?.filter((s) => s !== stream) ?? [];
          if (siblings.length > 0) byPrincipal.set(stream.key, siblings);
          else byPrincipal.delete(stream.key);
          body.end();
        },
      };
      const send = (text: string) => {
        if (ended) return;
        body.write(text);
        // A client that stopped reading: drop it rather than queue without bound; it reconnects and pulls.
        if (body.writableLength > o.maxQueuedBytes) stream.end();
      };

      // The oldest streams of this principal make room (a reopened app, a second tab).
      const siblings = byPrincipal.get(stream.key) ?? [];
      while (siblings.length >= o.perPrincipal) siblings.shift()?.end();
      byPrincipal.set(stream.key, [...(byPrincipal.get(stream.key) ?? []), stream]);
      open.add(stream);

      stopFeed.push(
        ctx.store.changes.subscribe(wardCode, (change) => {
          if (!concerns(change, groups)) return;
          const data: SyncChange = { collections: [change.collection] };
          send(`event: ${SYNC_CHANGE_EVENT}\ndata: ${JSON.stringify(data)}\n\n`);
        }),
        ctx.store.changes.onAccessChanged(principal.accountId, () => stream.end()),
      );
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), o.heartbeatMs);
      stopFeed.push(() => clearInterval(heartbeat));
      timers.push(setTimeout(() => stream.end(), o.maxStreamMs));
      // The client went away (or the response finished): nothing more to do for it.
      reply.raw.on('close', () => stream.end());
      body.on('error', () => stream.end());

      // The first bytes go out at once, so the app knows the stream is open.
      body.write(': connected\n\n');
      request.log.debug({ wardCode, streams: open.size }, 'event stream opened');
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-accel-buffering', 'no')
        .send(body);
    },
  );
}
