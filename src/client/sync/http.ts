// HTTP for sync: adds the protocol header, parses the one error shape, validates answers with zod.
import { PROTOCOL_HEADER, PROTOCOL_VERSION, isErrorCode, type ErrorCode } from '../../shared';
import type { z } from 'zod/mini';

/** A failed sync exchange, classified for the status indicator. */
export class SyncHttpError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'client_too_old' | 'server_error' | 'rejected',
    readonly code: ErrorCode | null,
    message: string,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

export interface SyncHttp {
  get<T>(path: string, schema: z.ZodMiniType<T>): Promise<T>;
  post<T>(path: string, body: unknown, schema: z.ZodMiniType<T>): Promise<T>;
}

export function createSyncHttp(
  baseUrl: string,
  fetchFn: typeof fetch = globalThis.fetch.bind(globalThis),
): SyncHttp {
  async function request<T>(path: string, init: RequestInit, schema: z.ZodMiniType<T>): Promise<T> {
    let res: Response;
    try {
      res = await fetchFn(baseUrl + path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
        cache: 'no-store',
      });
    } catch (err) {
      throw new SyncHttpError('unreachable', null, err instanceof Error ? err.message : String(err));
    }
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) throw errorFrom(res.status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SyncHttpError('server_error', null, `unexpected answer from ${path}`);
    return parsed.data;
  }
  return {
    get: (path, schema) => request(path, { method: 'GET' }, schema),
    post: (path, body, schema) =>
      request(
        path,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        schema,
      ),
  };
}

function errorFrom(status: number, json: unknown): SyncHttpError {
  const err = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = isErrorCode(err?.code) ? err.code : null;
  const message = typeof err?.message === 'string' ? err.message : `HTTP ${status}`;
  if (status === 426) return new SyncHttpError('client_too_old', code, message);
  if (status >= 500 || status === 0)
    return new SyncHttpError(status === 503 ? 'unreachable' : 'server_error', code, message);
  return new SyncHttpError('rejected', code, message);
}
