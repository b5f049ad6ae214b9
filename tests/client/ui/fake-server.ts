// A stand-in for the ward server's HTTP API: a fetch function answering from a route table, recording
// what the app sent. It replaces the network only; the app's own API client runs for real.
import { gunzipSync } from 'node:zlib';
import { vi } from 'vitest';
import type { Account, Ward } from '../../../src/shared';

export interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

export type Reply = { status?: number; body?: unknown; headers?: Record<string, string> } | 'offline';
export type Route = Reply | ((call: Call) => Reply | Promise<Reply>);

export function fakeServer(routes: Record<string, Route>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://app.test');
    const method = init?.method ?? 'GET';
    const call: Call = {
      method,
      path: url.pathname + url.search,
      body: jsonBody(init),
      headers: (init?.headers ?? {}) as Record<string, string>,
    };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`];
    const reply = typeof route === 'function' ? await route(call) : (route ?? failure(404, 'not_found'));
    if (reply === 'offline') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(reply.body ?? {}), {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

/** The JSON the app sent: plain text, or gzip bytes (bodies over 1 KB, src/client/api/gzip.ts). */
function jsonBody(init: RequestInit | undefined): unknown {
  const body = init?.body;
  if (typeof body === 'string') return JSON.parse(body);
  if (body instanceof Uint8Array) return JSON.parse(gunzipSync(body).toString('utf8'));
  return undefined;
}

export function failure(status: number, code: string, headers?: Record<string, string>): Reply {
  return { status, body: { error: { code, message: code } }, ...(headers ? { headers } : {}) };
}

export const WARD: Ward = { code: '99999', name: 'Phường Hồng An', provinceCode: '31' };

export const VOLUNTEER: Account = {
  id: '2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  fullName: 'Nguyễn Thị Lan',
  role: 'volunteer',
  wardCode: WARD.code,
  groupIds: ['to-1'],
};

export const OFFICER: Account = {
  id: '7c1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e',
  fullName: 'Trần Văn Minh',
  role: 'officer',
  wardCode: WARD.code,
  groupIds: [],
  username: 'canbo.hongan',
};

export const DEVICE_ID = '3d1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5f';
export const DEVICE_TOKEN = 'device-token-abc';
