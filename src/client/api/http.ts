// HTTP for every call the app makes to the ward server: adds the protocol, app-version and bearer-token headers, parses the
// one error shape, and validates answers with zod. JSON bodies over 1 KB are sent gzip-encoded (gzip.ts).
import {
  APP_VERSION_HEADER,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  isErrorCode,
  type ErrorCode,
} from '../../shared';
import type { z } from 'zod/mini';
import { gzipText } from './gzip';

export type FailureKind =
  /** Network down, DNS, server stopped or 503: try again later. */
  | 'unreachable'
  /** HTTP 426: the app must be updated. */
  | 'client_too_old'
  /** The token no longer works (device lost, retired and erased, signed out): report, erase, re-enrol. */
  | 'revoked'
  /** The device was retired: upload what is left, report, erase. */
  | 'retiring'
  /** Session expired or never signed in. */
  | 'unauthenticated'
  /** 5xx or an answer that does not match the contract. */
  | 'server_error'
  /** Any other 4xx: the request itself was refused. */
  | 'rejected';

/** A failed exchange with the server, classified for the status indicator and the screens. */
export class ApiError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly code: ErrorCode | null,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Kept for the sync code's readability: the same class. */
export const SyncHttpError = ApiError;

export interface ApiHttp {
  get<T>(path: string, schema: z.ZodMiniType<T>): Promise<T>;
  post<T>(path: string, body: unknown, schema: z.ZodMiniType<T>): Promise<T>;
  put<T>(path: string, body: unknown, schema: z.ZodMiniType<T>): Promise<T>;
  patch<T>(path: string, body: unknown, schema: z.ZodMiniType<T>): Promise<T>;
  /** A file download (XLSX, CSV): the body and the file name the server suggests. Errors as get's. */
  getFile(path: string): Promise<{ blob: Blob; filename: string }>;
}
export type SyncHttp = ApiHttp;

export interface ApiHttpOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The bearer token to send, read at each call (it changes on sign-in and erase). */
  getToken?: () => string | null;
  appVersion?: string;
}

/** The headers of every call: protocol, app version and, when there is one, the bearer token. */
function apiHeaders(o: ApiHttpOptions, extra?: HeadersInit): Record<string, string> {
  const headers: Record<string, string> = {
    ...(extra as Record<string, string> | undefined),
    [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
  };
  if (o.appVersion) headers[APP_VERSION_HEADER] = o.appVersion;
  const token = o.getToken?.();
  if (token) headers['authorization'] = `Bearer ${token}`;
  return headers;
}

async function send(
  o: ApiHttpOptions,
  fetchFn: typeof fetch,
  path: string,
  init: RequestInit,
): Promise<Response> {
  const headers = apiHeaders(o, init.headers);
  try {
    return await fetchFn((o.baseUrl ?? '') + path, { ...init, headers, cache: 'no-store' });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new ApiError('unreachable', null, err instanceof Error ? err.message : String(err));
  }
}

/**
 * Opens a streaming answer (the live update stream, text/event-stream) with the same headers as every
 * call — EventSource cannot send them. Resolves to the body once the server accepted; a refusal is the
 * same ApiError as any call's. Aborting the signal ends the stream.
 */
export type ApiStream = (path: string, signal: AbortSignal) => Promise<ReadableStream<Uint8Array>>;

export function createApiStream(o: ApiHttpOptions = {}): ApiStream {
  const fetchFn = o.fetch ?? globalThis.fetch.bind(globalThis);
  return async (path, signal) => {
    const res = await send(o, fetchFn, path, {
      method: 'GET',
      headers: { accept: 'text/event-stream' },
      signal,
    });
    if (!res.ok) {
      const json: unknown = await res.json().catch(() => undefined);
      throw errorFrom(res, json);
    }
    if (res.body === null) throw new ApiError('server_error', null, `no stream from ${path}`);
    return res.body;
  };
}

export function createApiHttp(o: ApiHttpOptions = {}): ApiHttp {
  const fetchFn = o.fetch ?? globalThis.fetch.bind(globalThis);
  async function request<T>(path: string, init: RequestInit, schema: z.ZodMiniType<T>): Promise<T> {
    const res = await send(o, fetchFn, path, init);
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) throw errorFrom(res, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiError('server_error', null, `unexpected answer from ${path}`);
    return parsed.data;
  }
  /** A JSON body; over GZIP_MIN_CHARS it goes gzip-encoded (the server inflates it before parsing). */
  async function withBody<T>(method: string, path: string, body: unknown, schema: z.ZodMiniType<T>) {
    const text = JSON.stringify(body);
    const gzipped = await gzipText(text);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (gzipped !== null) headers['content-encoding'] = 'gzip';
    return request(path, { method, headers, body: gzipped ?? text }, schema);
  }
  return {
    get: (path, schema) => request(path, { method: 'GET' }, schema),
    post: (path, body, schema) => withBody('POST', path, body, schema),
    put: (path, body, schema) => withBody('PUT', path, body, schema),
    patch: (path, body, schema) => withBody('PATCH', path, body, schema),
    getFile: async (path) => {
      const res = await send(o, fetchFn, path, { method: 'GET' });
      if (!res.ok) throw errorFrom(res, await res.json().catch(() => undefined));
      try {
        const blob = await res.blob();
        return { blob, filename: filenameOf(res.headers.get('content-disposition'), path) };
      } catch (err) {
        throw new ApiError('unreachable', null, err instanceof Error ? err.message : String(err));
      }
    },
  };
}

/** The file name of a Content-Disposition (filename* first, RFC 5987), else the path's last part. */
export function filenameOf(disposition: string | null, path: string): string {
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  let name: string | undefined;
  if (star !== undefined) {
    try {
      name = decodeURIComponent(star.trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /filename\s*=\s*"?([^";]+)"?/i.exec(disposition ?? '')?.[1]?.trim();
  name ??= path.split('?')[0]?.split('/').pop() ?? 'download';
  return name.replace(/[\\/:*?"<>|]/g, '_') || 'download';
}

/** The sync endpoints' client (same as createApiHttp, kept for existing callers). */
export function createSyncHttp(
  baseUrl: string,
  fetchFn?: typeof fetch,
  getToken?: () => string | null,
): ApiHttp {
  return createApiHttp({
    baseUrl,
    ...(fetchFn ? { fetch: fetchFn } : {}),
    ...(getToken ? { getToken } : {}),
  });
}

function errorFrom(res: Response, json: unknown): ApiError {
  const status = res.status;
  const err = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = isErrorCode(err?.code) ? err.code : null;
  const message = typeof err?.message === 'string' ? err.message : `HTTP ${status}`;
  const retryAfter = Number(res.headers.get('retry-after'));
  const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null;
  return new ApiError(kindOf(status, code), code, message, wait);
}

function kindOf(status: number, code: ErrorCode | null): FailureKind {
  if (status === 426) return 'client_too_old';
  if (code === 'token_revoked') return 'revoked';
  if (code === 'device_retired') return 'retiring';
  if (status === 401) return 'unauthenticated';
  if (status === 503) return 'unreachable';
  if (status >= 500) return 'server_error';
  return 'rejected';
}
