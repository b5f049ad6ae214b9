// Request bodies over 1 KB leave the app gzip-encoded (src/client/api/gzip.ts): a sync push as the
// replication sends it is gzip on the wire and inflates to exactly the JSON it stands for; short bodies,
// and every body on a platform without CompressionStream, go out plain.
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { z } from 'zod/mini';
import { createApiHttp } from '../../src/client/api';
import { GZIP_MIN_CHARS } from '../../src/client/api/gzip';

interface Sent {
  headers: Record<string, string>;
  body: BodyInit | null | undefined;
}

/** A server that inflates what it is sent, as the real one does, and answers with the parsed JSON. */
function echoServer() {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
    const headers = init?.headers as Record<string, string>;
    sent.push({ headers, body: init?.body });
    const body = init?.body;
    const text =
      headers['content-encoding'] === 'gzip' && body instanceof Uint8Array
        ? gunzipSync(body).toString('utf8')
        : String(body);
    return new Response(JSON.stringify({ echo: JSON.parse(text) as unknown }), {
      headers: { 'content-type': 'application/json' },
    });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

const echoSchema = z.object({ echo: z.unknown() });

/** A push of `n` residents, as exchange.ts's pushHandler builds it. */
const pushBody = (n: number) => ({
  rows: Array.from({ length: n }, (_, i) => ({
    assumedMasterState: null,
    newDocumentState: {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      wardCode: '99999',
      groupId: 'tdp-01',
      fullName: `Nguyễn Thị Hoa ${i}`,
      birthYear: 1960,
      sex: 'female',
      _deleted: false,
    },
  })),
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('request bodies', () => {
  test('a large push is sent gzip-encoded, several times smaller, and inflates to the same JSON', async () => {
    const server = echoServer();
    const http = createApiHttp({ fetch: server.fetch, getToken: () => 'token' });
    const body = pushBody(100);
    const answer = await http.post('/v1/sync/residents/push?wardCode=99999', body, echoSchema);
    expect(answer.echo).toEqual(body);
    const [sent] = server.sent;
    expect(sent!.headers['content-encoding']).toBe('gzip');
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(sent!.headers['authorization']).toBe('Bearer token');
    expect(sent!.body).toBeInstanceOf(Uint8Array);
    const wire = (sent!.body as Uint8Array).byteLength;
    expect(gunzipSync(sent!.body as Uint8Array).toString('utf8')).toBe(JSON.stringify(body));
    expect(wire).toBeLessThan(Buffer.byteLength(JSON.stringify(body)) / 4);
  });

  test('PUT and PATCH bodies are compressed the same way', async () => {
    const server = echoServer();
    const http = createApiHttp({ fetch: server.fetch });
    await http.put('/v1/x', pushBody(20), echoSchema);
    await http.patch('/v1/x', pushBody(20), echoSchema);
    expect(server.sent.map((s) => s.headers['content-encoding'])).toEqual(['gzip', 'gzip']);
  });

  test('a body under the threshold is sent as plain JSON text', async () => {
    const server = echoServer();
    const http = createApiHttp({ fetch: server.fetch });
    const body = pushBody(1);
    expect(JSON.stringify(body).length).toBeLessThan(GZIP_MIN_CHARS);
    expect((await http.post('/v1/x', body, echoSchema)).echo).toEqual(body);
    expect(server.sent[0]!.headers['content-encoding']).toBeUndefined();
    expect(server.sent[0]!.body).toBe(JSON.stringify(body));
  });

  test('without CompressionStream every body is sent plain', async () => {
    vi.stubGlobal('CompressionStream', undefined);
    const server = echoServer();
    const http = createApiHttp({ fetch: server.fetch });
    const body = pushBody(100);
    expect((await http.post('/v1/x', body, echoSchema)).echo).toEqual(body);
    expect(server.sent[0]!.headers['content-encoding']).toBeUndefined();
    expect(server.sent[0]!.body).toBe(JSON.stringify(body));
  });
});
