// The fault proxy itself (tests/helpers/fault-proxy.ts), against a plain node:http server that records
// what reaches it: each fault does what the sync fault tests rely on, and a server-sent-events stream
// passes through as it is written, not when it ends.
import http from 'node:http';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';

interface Target {
  url: string;
  seen: { method: string; path: string; headers: http.IncomingHttpHeaders; body: string }[];
  /** Resolves the pending event stream's second event. */
  sendSecondEvent(): void;
  close(): Promise<void>;
}

async function startTarget(): Promise<Target> {
  const seen: Target['seen'] = [];
  let second: () => void = () => undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (req.url === '/v1/sync/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        res.write('data: one\n\n');
        second = () => res.end('data: two\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ n: seen.length, path: req.url }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    seen,
    sendSecondEvent: () => second(),
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

let target: Target;
let proxy: FaultProxy;
beforeEach(async () => {
  target = await startTarget();
  proxy = await startFaultProxy({ target: target.url, seed: 7 });
});
afterEach(async () => {
  await proxy.close();
  await target.close();
});

const post = (path: string, body = '{"rows":[]}') =>
  fetch(proxy.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

test('without faults, requests and replies pass through unchanged', async () => {
  const res = await post('/v1/sync/residents/push?wardCode=12345', '{"rows":[1]}');
  expect(await res.json()).toEqual({ n: 1, path: '/v1/sync/residents/push?wardCode=12345' });
  expect(target.seen[0]).toMatchObject({ method: 'POST', body: '{"rows":[1]}' });
});

test('a server-sent-events stream is passed through as it is written', async () => {
  const res = await fetch(`${proxy.url}/v1/sync/events`);
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  const reader = res.body!.getReader();
  const first = new TextDecoder().decode((await reader.read()).value);
  // The server has not finished the response: the first event arrived on its own.
  expect(first).toBe('data: one\n\n');
  target.sendSecondEvent();
  let rest = '';
  for (let r = await reader.read(); !r.done; r = await reader.read())
    rest += new TextDecoder().decode(r.value);
  expect(rest).toBe('data: two\n\n');
});

test('a dropped request never reaches the server; a dropped reply does', async () => {
  proxy.inject({ kind: 'drop_request', path: '/a', times: 1 });
  await expect(post('/a')).rejects.toThrow();
  expect(target.seen).toHaveLength(0);
  proxy.inject({ kind: 'drop_reply', path: '/b', times: 1 });
  await expect(post('/b')).rejects.toThrow();
  expect(target.seen.map((s) => s.path)).toEqual(['/b']);
  expect((await post('/b')).status).toBe(200);
  expect(proxy.counts).toMatchObject({ drop_request: 1, drop_reply: 1 });
});

test('a duplicated request reaches the server twice and the device gets one reply', async () => {
  proxy.inject({ kind: 'duplicate', method: 'POST', times: 1, answer: 'second' });
  const res = await post('/dup');
  expect(await res.json()).toEqual({ n: 2, path: '/dup' });
  expect(target.seen.map((s) => s.path)).toEqual(['/dup', '/dup']);
});

test('503 is answered by the proxy in the API error shape', async () => {
  proxy.inject({ kind: 'status_503', times: 1 });
  const res = await post('/x');
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
  expect(target.seen).toHaveLength(0);
});

test('a header is rewritten before forwarding', async () => {
  proxy.inject({ kind: 'rewrite_header', header: { name: 'x-bdhvs-protocol', value: '1' } });
  await fetch(`${proxy.url}/h`, { headers: { 'x-bdhvs-protocol': '2' } });
  expect(target.seen[0]!.headers['x-bdhvs-protocol']).toBe('1');
});

test('a held request is forwarded after a later one has gone through', async () => {
  proxy.inject({ kind: 'reorder', path: '/first', times: 1, maxHoldMs: 5_000 });
  const first = post('/first');
  await new Promise((r) => setTimeout(r, 50));
  await post('/second');
  await first;
  expect(target.seen.map((s) => s.path)).toEqual(['/second', '/first']);
});

test('a late request fails for the device and reaches the server after a later one', async () => {
  proxy.inject({ kind: 'reorder', mode: 'late', path: '/old', times: 1, maxHoldMs: 5_000 });
  await expect(post('/old')).rejects.toThrow();
  await post('/new');
  await proxy.heal();
  expect(target.seen.map((s) => s.path)).toEqual(['/new', '/old']);
  expect(proxy.lateReplies.map((r) => r.status)).toEqual([200]);
});

test('kill_server replies to nobody, restarts the server and follows it to its new address', async () => {
  const next = await startTarget();
  const restarted: string[] = [];
  await proxy.close();
  proxy = await startFaultProxy({
    target: target.url,
    restart: async () => {
      restarted.push(next.url);
      return next.url;
    },
  });
  proxy.inject({ kind: 'kill_server', times: 1 });
  await expect(post('/commit')).rejects.toThrow();
  await proxy.restarted();
  expect(restarted).toEqual([next.url]);
  expect(proxy.target).toBe(next.url);
  await post('/after');
  expect(target.seen.map((s) => s.path)).toEqual(['/commit']);
  expect(next.seen.map((s) => s.path)).toEqual(['/after']);
  await next.close();
});

test('probabilities are drawn from the seed: the same seed hits the same requests', async () => {
  const hits = async (seed: number) => {
    const p = await startFaultProxy({ target: target.url, seed });
    p.inject({ kind: 'status_503', probability: 0.5 });
    const out: number[] = [];
    for (let i = 0; i < 20; i++) out.push((await fetch(`${p.url}/p`)).status);
    await p.close();
    return out.join(',');
  };
  const a = await hits(42);
  expect(await hits(42)).toBe(a);
  expect(a).toContain('503');
  expect(a).toContain('200');
});
