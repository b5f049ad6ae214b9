// The simulated devices' HTTP: real fetch to the loopback server with the headers the app sends
// (src/client/api/http.ts), every request timed (high resolution, answer body included) and every failure
// counted by reason — HTTP status and error code, network error, timeout, or the run's --duration ending.
import type { z } from 'zod/mini';
import { APP_VERSION_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/shared';

/** What the simulated devices tell the server they are (the app sends its build's version). */
export const LOAD_APP_VERSION = 'load-1.0.0';

/** The kinds of request reported separately. */
export type RequestKind = 'push' | 'pull' | 'settings';

/** Latencies (ms) per kind of request and failures by reason, for one run of many devices. */
export class Stats {
  readonly latencies: Record<RequestKind, number[]> = { push: [], pull: [], settings: [] };
  readonly failures = new Map<string, number>();
  /** The first few failures in full, to print. */
  readonly examples: string[] = [];
  /** Requests sent and not yet answered. */
  inFlight = 0;

  fail(reason: string, detail: string): void {
    this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
    if (this.examples.length < 5) this.examples.push(`${reason}: ${detail}`);
  }
}

/** A request that failed (already counted): the device stops, as it would back off. */
export class RequestFailed extends Error {
  override name = 'RequestFailed';
}

export interface DeviceHttp {
  get<T>(kind: RequestKind, path: string, schema: z.ZodMiniType<T>): Promise<T>;
  post<T>(kind: RequestKind, path: string, body: unknown, schema: z.ZodMiniType<T>): Promise<T>;
}

export interface HttpOptions {
  baseUrl: string;
  token: string;
  stats: Stats;
  /** Aborted when the run's --duration is over. */
  stop: AbortSignal;
  timeoutMs: number;
}

export function deviceHttp(o: HttpOptions): DeviceHttp {
  const headers: Record<string, string> = {
    [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    [APP_VERSION_HEADER]: LOAD_APP_VERSION,
    authorization: `Bearer ${o.token}`,
  };
  async function request<T>(kind: RequestKind, path: string, init: RequestInit, schema: z.ZodMiniType<T>) {
    if (o.stop.aborted) {
      o.stats.fail('stopped by --duration', path);
      throw new RequestFailed(path);
    }
    // One controller per request, its timer held here: a composite AbortSignal.any() of a timeout
    // signal can lose that signal to the garbage collector on Node 20, and then never time out.
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('timed out', 'TimeoutError')),
      o.timeoutMs,
    );
    const onStop = () => controller.abort(o.stop.reason);
    o.stop.addEventListener('abort', onStop, { once: true });
    const started = performance.now();
    let status: number;
    let text: string;
    o.stats.inFlight++;
    try {
      const res = await fetch(o.baseUrl + path, { ...init, signal: controller.signal });
      status = res.status;
      text = await res.text();
    } catch (err) {
      const reason = o.stop.aborted
        ? 'stopped by --duration'
        : err instanceof Error && err.name === 'TimeoutError'
          ? `timeout (${o.timeoutMs} ms)`
          : 'network error';
      o.stats.fail(reason, `${init.method} ${path}: ${String(err)}`);
      throw new RequestFailed(path);
    } finally {
      o.stats.inFlight--;
      clearTimeout(timer);
      o.stop.removeEventListener('abort', onStop);
    }
    o.stats.latencies[kind].push(performance.now() - started);
    if (status < 200 || status >= 300) {
      const code = /"code":"([a-z_]+)"/.exec(text)?.[1] ?? '';
      o.stats.fail(`HTTP ${status} ${code}`.trim(), `${init.method} ${path}: ${text.slice(0, 200)}`);
      throw new RequestFailed(path);
    }
    const parsed = schema.safeParse(parseJson(text));
    if (!parsed.success) {
      o.stats.fail('unexpected answer', `${init.method} ${path}: ${text.slice(0, 200)}`);
      throw new RequestFailed(path);
    }
    return parsed.data;
  }
  return {
    get: (kind, path, schema) => request(kind, path, { method: 'GET', headers }, schema),
    post: (kind, path, body, schema) =>
      request(
        kind,
        path,
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
        schema,
      ),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
