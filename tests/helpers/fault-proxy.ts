// Fault proxy for sync tests and the soak: a real HTTP proxy (node:http) between devices and the ward
// server that injects network and server faults per request — request lost, reply lost after the server
// committed, the same request delivered twice, requests reordered (held, or delivered late after the
// device gave up), 503s, rewritten headers (a too-old app) and the server killed between commit and
// reply, then restarted. Responses no fault applies to are streamed through unbuffered (server-sent
// events on /v1/sync/events included). Counts every fault it injected.
import http from 'node:http';
import { receivedBodyText } from './bodies';

export type FaultKind =
  /** The request never reaches the server: the device's connection is cut before forwarding. */
  | 'drop_request'
  /** The server answers (and has committed); the device's connection is cut before the reply. */
  | 'drop_reply'
  /** The request reaches the server twice; the device gets one of the two replies. */
  | 'duplicate'
  /** The request is held back until a later one has gone through (see ReorderMode). */
  | 'reorder'
  /** The proxy answers 503 (`unavailable`) without forwarding. */
  | 'status_503'
  /** A request header is replaced or removed before forwarding (e.g. an old protocol version). */
  | 'rewrite_header'
  /** The server answers, then is closed before the reply is sent, and restarted on the same store. */
  | 'kill_server'
  /**
   * The proxy answers with a given reply without forwarding: a lying or broken server (the soak's own
   * tests use it to show the checker catches a record the server never got).
   */
  | 'fake_reply';

export const FAULT_KINDS: readonly FaultKind[] = [
  'drop_request',
  'drop_reply',
  'duplicate',
  'reorder',
  'status_503',
  'rewrite_header',
  'kill_server',
  'fake_reply',
];

/**
 * `hold`: the device waits; its request is forwarded once a later request has been answered, and it
 * gets that reply. `late`: the device's connection is cut at once (it retries as after any network
 * failure), and the request is delivered to the server later, after a later request has been answered —
 * a straggler; its reply goes nowhere (kept in `lateReplies`).
 */
export type ReorderMode = 'hold' | 'late';

/** What a rule's predicates see of a request. */
export interface RequestInfo {
  /** Order of arrival at the proxy, from 1. */
  n: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The request body as text ('' when none). */
  body: string;
}

export interface FaultRule {
  kind: FaultKind;
  /** Matches this method only (e.g. 'POST'). */
  method?: string;
  /** Matches paths equal to a string, or matching a RegExp. */
  path?: string | RegExp;
  /** Further condition (e.g. the body holds a given record id). */
  when?: (req: RequestInfo) => boolean;
  /** How many times the rule may fire; default unlimited (1 = once). */
  times?: number;
  /** Chance that a matching request is hit, drawn from the proxy's seeded PRNG; default 1. */
  probability?: number;
  /** rewrite_header: the header to set (value null removes it). */
  header?: { name: string; value: string | null };
  /** duplicate: send both copies at once rather than one after the other. */
  concurrent?: boolean;
  /** duplicate: which reply the device gets; default drawn from the PRNG. */
  answer?: 'first' | 'second';
  /** reorder: see ReorderMode; default 'hold'. */
  mode?: ReorderMode;
  /** reorder: the later request that releases the held one (default: any other request). */
  releaseWhen?: (req: RequestInfo) => boolean;
  /** reorder: the longest hold before it is released anyway; default 2 s. */
  maxHoldMs?: number;
  /** fake_reply: what the proxy answers (JSON body). */
  reply?: { status: number; body: unknown };
}

export interface RuleHandle {
  /** Times this rule fired. */
  readonly fired: number;
  remove(): void;
}

export interface LateReply {
  request: RequestInfo;
  status: number;
  body: string;
}

export interface FaultProxyOptions {
  /** The server's URL (origin). */
  target: string;
  /** Seed of the PRNG behind `probability` and duplicate answers. */
  seed?: number;
  /**
   * Closes the current server app and starts a new one over the same store; resolves to its URL. Needed
   * for kill_server.
   */
  restart?: () => Promise<string>;
  /**
   * Told of each fault once it took effect (a lost reply: after the server answered; a restart: once the
   * new server listens; a held request: when released; a late one: when the device's connection is cut,
   * and again, with the reply, when it was delivered). Runs synchronously, so a test can act before the
   * device's next request.
   */
  onFault?: (event: FaultEvent) => void;
}

export interface FaultEvent {
  kind: FaultKind;
  request: RequestInfo;
  /** The server's reply, when the fault happened after the server answered. */
  reply?: { status: number; body: string };
}

export interface FaultProxy {
  /** The proxy's origin: give it to devices as their base URL. */
  readonly url: string;
  /** Where requests are forwarded; set it when the server moved (restarted on a new port). */
  target: string;
  /** See FaultProxyOptions.onFault; tests may set it per test. */
  onFault: ((event: FaultEvent) => void) | undefined;
  inject(rule: FaultRule): RuleHandle;
  /** Removes every rule (held and late requests stay queued until released or healed). */
  clearRules(): void;
  /** Removes every rule and releases every held or late request; resolves once they were delivered. */
  heal(): Promise<void>;
  /** Faults injected so far, per kind. */
  readonly counts: Readonly<Record<FaultKind, number>>;
  /** Requests received so far. */
  readonly requests: number;
  /** Replies of late deliveries (reorder mode 'late'), which no device received. */
  readonly lateReplies: readonly LateReply[];
  /**
   * Resolves when no request is being handled (held and late ones included); open event streams do not
   * count.
   */
  idle(): Promise<void>;
  /** Resolves when no server restart is under way. */
  restarted(): Promise<void>;
  close(): Promise<void>;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface Held {
  info: RequestInfo;
  release: () => void;
  matches: (req: RequestInfo) => boolean;
}

/** Hop-by-hop headers are the proxy's own business on each side. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

const EXCLUSIVE = new Set<FaultKind>([
  'fake_reply',
  'drop_request',
  'drop_reply',
  'duplicate',
  'reorder',
  'status_503',
  'kill_server',
]);

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = prng(options.seed ?? 1);
  // No keep-alive towards the server: a killed server must not leave pooled sockets behind.
  const agent = new http.Agent({ keepAlive: false });
  let target = options.target.replace(/\/$/, '');
  let requestCount = 0;
  const counts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  const rules: { rule: FaultRule; fired: number }[] = [];
  const held: Held[] = [];
  const lateReplies: LateReply[] = [];
  /** Deliveries under way that heal() must wait for (late stragglers). */
  const pendingLate = new Set<Promise<void>>();
  /** Every open exchange, so a killed server takes its in-flight connections with it. */
  const open = new Set<{ upstream: http.ClientRequest | null; res: http.ServerResponse }>();
  let restarting: Promise<void> | null = null;
  let onFault = options.onFault;

  const matches = (rule: FaultRule, info: RequestInfo) =>
    (rule.method === undefined || rule.method === info.method) &&
    (rule.path === undefined ||
      (typeof rule.path === 'string' ? rule.path === info.path : rule.path.test(info.path))) &&
    (rule.when === undefined || rule.when(info));

  /** The rules that fire for this request: every header rewrite, and at most one exclusive fault. */
  const firing = (info: RequestInfo): FaultRule[] => {
    const out: FaultRule[] = [];
    let exclusive = false;
    for (const entry of rules) {
      const { rule } = entry;
      if (EXCLUSIVE.has(rule.kind) && exclusive) continue;
      if (entry.fired >= (rule.times ?? Infinity) || !matches(rule, info)) continue;
      if (rule.kind === 'kill_server' && (options.restart === undefined || restarting !== null)) continue;
      if (rule.probability !== undefined && random() >= rule.probability) continue;
      entry.fired++;
      counts[rule.kind]++;
      out.push(rule);
      if (EXCLUSIVE.has(rule.kind)) exclusive = true;
    }
    return out;
  };

  /** A request was answered by the server: release what was held for a later one. */
  const answered = (info: RequestInfo) => {
    for (const h of [...held]) {
      if (h.info.n < info.n && h.matches(info)) {
        held.splice(held.indexOf(h), 1);
        h.release();
      }
    }
  };

  const hold = (info: RequestInfo, rule: FaultRule) =>
    new Promise<void>((resolve) => {
      const entry: Held = {
        info,
        matches: (later) => rule.releaseWhen?.(later) ?? true,
        release: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const at = held.indexOf(entry);
        if (at >= 0) held.splice(at, 1);
        resolve();
      }, rule.maxHoldMs ?? 2_000);
      held.push(entry);
    });

  const requestOptions = (info: RequestInfo, headers: http.IncomingHttpHeaders, body: Buffer) => {
    const url = new URL(target);
    return {
      agent,
      hostname: url.hostname,
      port: url.port,
      method: info.method,
      path: info.path + (info.query.size > 0 ? `?${info.query.toString()}` : ''),
      headers: {
        ...endToEnd(headers),
        host: url.host,
        'content-length': String(body.length),
      },
    };
  };

  /** Forwards and reads the whole answer. Rejects when the server cannot be reached. */
  const forwardBuffered = (
    info: RequestInfo,
    headers: http.IncomingHttpHeaders,
    body: Buffer,
    track?: { upstream: http.ClientRequest | null },
  ) =>
    new Promise<Upstream>((resolve, reject) => {
      const upstream = http.request(requestOptions(info, headers, body), (upRes) => {
        const chunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => chunks.push(c));
        upRes.on('end', () =>
          resolve({ status: upRes.statusCode ?? 502, headers: upRes.headers, body: Buffer.concat(chunks) }),
        );
        upRes.on('error', reject);
        upRes.on('aborted', () => reject(new Error('upstream aborted')));
      });
      if (track) track.upstream = upstream;
      upstream.on('error', reject);
      upstream.end(body);
    });

  const tell = (kind: FaultKind, request: RequestInfo, answer?: Upstream) => {
    const event: FaultEvent = { kind, request };
    if (answer) event.reply = { status: answer.status, body: answer.body.toString('utf8') };
    onFault?.(event);
  };

  const cut = (res: http.ServerResponse) => {
    res.socket?.destroy();
    res.destroy();
  };

  const reply = (res: http.ServerResponse, answer: Upstream) => {
    if (res.destroyed) return;
    res.writeHead(answer.status, { ...endToEnd(answer.headers), 'content-length': answer.body.length });
    res.end(answer.body);
  };

  const killServer = async () => {
    const restart = options.restart;
    if (restart === undefined) return;
    let done!: () => void;
    restarting = new Promise<void>((r) => (done = r));
    // A killed process takes every connection with it.
    for (const ex of [...open]) {
      ex.upstream?.destroy();
      cut(ex.res);
    }
    try {
      target = (await restart()).replace(/\/$/, '');
    } finally {
      restarting = null;
      done();
    }
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://proxy');
    const info: RequestInfo = {
      n: ++requestCount,
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: { ...req.headers },
      body: receivedBodyText(req.headers, body),
    };
    // The server is down while it restarts: connections are refused.
    if (restarting !== null) return cut(res);
    const fired = firing(info);
    const headers = { ...req.headers };
    for (const rule of fired) {
      if (rule.kind !== 'rewrite_header' || rule.header === undefined) continue;
      const name = rule.header.name.toLowerCase();
      if (rule.header.value === null) delete headers[name];
      else headers[name] = rule.header.value;
    }
    const fault = fired.find((r) => EXCLUSIVE.has(r.kind));
    const exchange = { upstream: null as http.ClientRequest | null, res };

    switch (fault?.kind) {
      case 'drop_request':
        cut(res);
        return tell('drop_request', info);
      case 'fake_reply': {
        tell('fake_reply', info);
        res.writeHead(fault.reply?.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
        return res.end(JSON.stringify(fault.reply?.body ?? {}));
      }
      case 'status_503': {
        tell('status_503', info);
        const answer = JSON.stringify({
          error: { code: 'unavailable', message: 'Injected by the fault proxy: service unavailable.' },
        });
        res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' });
        return res.end(answer);
      }
      case 'reorder': {
        if ((fault.mode ?? 'hold') === 'late') {
          cut(res);
          tell('reorder', info);
          const delivery = hold(info, fault)
            .then(() => forwardBuffered(info, headers, body))
            .then(
              (answer) => {
                lateReplies.push({ request: info, status: answer.status, body: answer.body.toString() });
                answered(info);
                tell('reorder', info, answer);
              },
              () => undefined, // the server was down: the straggler is lost, like any other request
            )
            .finally(() => pendingLate.delete(delivery));
          pendingLate.add(delivery);
          return;
        }
        await hold(info, fault);
        tell('reorder', info);
        if (res.destroyed) return;
        break;
      }
      default:
        break;
    }

    open.add(exchange);
    res.on('close', () => {
      open.delete(exchange);
      // The device went away (e.g. closed its event stream): close the server side too.
      if (!res.writableFinished) exchange.upstream?.destroy();
    });
    try {
      if (fault?.kind === 'duplicate') {
        const first = forwardBuffered(info, headers, body, exchange);
        const [one, two] = fault.concurrent
          ? await Promise.all([first, forwardBuffered(info, headers, body)])
          : [await first, await forwardBuffered(info, headers, body)];
        answered(info);
        const pick = fault.answer ?? (random() < 0.5 ? 'first' : 'second');
        reply(res, pick === 'first' ? one : two);
        return tell('duplicate', info, pick === 'first' ? two : one);
      }
      if (fault?.kind === 'drop_reply' || fault?.kind === 'kill_server') {
        const answer = await forwardBuffered(info, headers, body, exchange);
        answered(info);
        cut(res);
        if (fault.kind === 'kill_server') await killServer();
        return tell(fault.kind, info, answer);
      }
      await forwardStreaming(info, headers, body, res, exchange);
    } catch {
      // The server could not be reached (stopped, restarting): the device sees a cut connection.
      cut(res);
    } finally {
      open.delete(exchange);
    }
  };

  /** No fault on the reply: stream it through as it comes (server-sent events included). */
  const forwardStreaming = (
    info: RequestInfo,
    headers: http.IncomingHttpHeaders,
    body: Buffer,
    res: http.ServerResponse,
    exchange: { upstream: http.ClientRequest | null },
  ) =>
    new Promise<void>((resolve, reject) => {
      let settled = false;
      const done = (err?: unknown) => {
        if (settled) return;
        settled = true;
        if (err !== undefined && !res.headersSent) reject(err);
        else {
          if (err !== undefined || !res.writableFinished) cut(res);
          resolve();
        }
      };
      const upstream = http.request(requestOptions(info, headers, body), (upRes) => {
        answered(info);
        if (res.destroyed) {
          upRes.resume();
          return done();
        }
        res.writeHead(upRes.statusCode ?? 502, endToEnd(upRes.headers));
        res.flushHeaders();
        if (String(upRes.headers['content-type']).startsWith('text/event-stream')) {
          streaming++;
          res.once('close', () => streaming--);
        }
        upRes.pipe(res);
        res.on('finish', () => done());
        upRes.on('error', (err) => done(err));
        upRes.on('aborted', () => done(new Error('upstream aborted')));
      });
      exchange.upstream = upstream;
      // The device went away, or the stream was cut: stop waiting for it.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
        done();
      });
      upstream.on('error', (err) => done(err));
      let answeredAt = false;
      upstream.on('response', () => (answeredAt = true));
      upstream.on('close', () => {
        if (!answeredAt) done(new Error('no answer from the server'));
      });
      upstream.end(body);
    });

  let active = 0;
  /** Event streams being passed through: long-lived, so idle() does not wait for them. */
  let streaming = 0;
  const server = http.createServer((req, res) => {
    active++;
    handle(req, res)
      .catch(() => cut(res))
      .finally(() => active--);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault proxy: no port');

  const releaseAll = () => {
    for (const h of held.splice(0)) h.release();
  };

  return {
    url: `http://127.0.0.1:${address.port}`,
    get target() {
      return target;
    },
    set target(url: string) {
      target = url.replace(/\/$/, '');
    },
    get onFault() {
      return onFault;
    },
    set onFault(listener) {
      onFault = listener;
    },
    inject(rule) {
      const entry = { rule, fired: 0 };
      rules.push(entry);
      return {
        get fired() {
          return entry.fired;
        },
        remove() {
          const at = rules.indexOf(entry);
          if (at >= 0) rules.splice(at, 1);
        },
      };
    },
    clearRules() {
      rules.length = 0;
    },
    async heal() {
      rules.length = 0;
      releaseAll();
      while (pendingLate.size > 0 || restarting !== null) {
        await Promise.all([...pendingLate, restarting]);
      }
    },
    counts,
    get requests() {
      return requestCount;
    },
    lateReplies,
    async idle() {
      while (active - streaming > 0 || held.length > 0 || pendingLate.size > 0) {
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    restarted: async () => {
      while (restarting !== null) await restarting;
    },
    async close() {
      rules.length = 0;
      releaseAll();
      await Promise.allSettled([...pendingLate]);
      for (const ex of [...open]) {
        ex.upstream?.destroy();
        cut(ex.res);
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
