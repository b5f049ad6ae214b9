// Every failure has one shape, { error: { code, message } }, with the status its code maps to;
// and an app below the minimum sync protocol is told to update (426) before anything else, even
// before its credentials are looked at.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROTOCOL_HEADER } from '../../src/shared';
import { DEMO_WARD, type SqlStore } from '../../src/server/store';
import {
  PROTOCOL_HEADERS,
  authHeaders,
  createAdmin,
  expectErrorResponse,
  makeResident,
  startDemoServer,
  startTestServer,
  type TestServer,
} from '../helpers/server';

let store: SqlStore;
let server: TestServer;
/** Headers of the demo ward's officer. */
let officer: Record<string, string>;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ store, server, officer, close } = await startDemoServer());
});
afterAll(() => close?.());

const pushUrl = (collection = 'residents', ward = DEMO_WARD.code) =>
  `/v1/sync/${collection}/push?wardCode=${ward}`;
const pullUrl = (collection = 'residents', ward = DEMO_WARD.code) =>
  `/v1/sync/${collection}/pull?wardCode=${ward}&seq=0`;

describe('errors all have one shape', () => {
  test('an unknown route answers 404 not_found', async () => {
    expectErrorResponse(await server.app.inject('/v1/nope'), 404, 'not_found');
    expectErrorResponse(await server.app.inject('/healthz/extra'), 404, 'not_found');
    expectErrorResponse(await server.app.inject({ method: 'DELETE', url: '/v1/wards' }), 404, 'not_found');
  });

  test('an unknown collection, or pushing groups, answers 404 not_found', async () => {
    for (const headers of [PROTOCOL_HEADERS, officer]) {
      expectErrorResponse(await server.app.inject({ url: pullUrl('nope'), headers }), 404, 'not_found');
      const push = { method: 'POST' as const, headers, payload: { rows: [] } };
      expectErrorResponse(await server.app.inject({ ...push, url: pushUrl('groups') }), 404, 'not_found');
    }
  });

  test('a sync request without a token answers 401 unauthenticated', async () => {
    expectErrorResponse(
      await server.app.inject({ url: pullUrl(), headers: PROTOCOL_HEADERS }),
      401,
      'unauthenticated',
    );
    const push = {
      method: 'POST' as const,
      url: pushUrl(),
      headers: PROTOCOL_HEADERS,
      payload: { rows: [] },
    };
    expectErrorResponse(await server.app.inject(push), 401, 'unauthenticated');
  });

  test("a sync request naming a ward other than the caller's, registered or not, answers 403 forbidden", async () => {
    for (const ward of ['00000', '12345']) {
      expectErrorResponse(
        await server.app.inject({ url: pullUrl('residents', ward), headers: officer }),
        403,
        'forbidden',
      );
      const push = {
        method: 'POST' as const,
        url: pushUrl('residents', ward),
        headers: officer,
        payload: { rows: [] },
      };
      expectErrorResponse(await server.app.inject(push), 403, 'forbidden');
    }
  });

  test('malformed JSON answers 400 bad_request', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: pushUrl(),
      headers: { ...officer, 'content-type': 'application/json' },
      payload: '{"rows": [',
    });
    expectErrorResponse(res, 400, 'bad_request');
  });

  test('a body that is not JSON answers 400 bad_request', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: pushUrl(),
      headers: { ...officer, 'content-type': 'text/plain' },
      payload: 'rows',
    });
    expectErrorResponse(res, 400, 'bad_request');
  });

  test('a body over 8 MB answers 413 payload_too_large', async () => {
    const huge = JSON.stringify({
      rows: [{ newDocumentState: { id: 'x', pad: 'x'.repeat(9 * 1024 * 1024) } }],
    });
    const res = await server.app.inject({
      method: 'POST',
      url: pushUrl(),
      headers: { ...officer, 'content-type': 'application/json' },
      payload: huge,
    });
    expectErrorResponse(res, 413, 'payload_too_large');
  });

  test('a push body that does not match the schema answers 400 invalid_body', async () => {
    const inject = (payload: unknown) =>
      server.app.inject({
        method: 'POST',
        url: pushUrl(),
        headers: officer,
        payload: payload as object,
      });
    expectErrorResponse(await inject({ rows: 'no' }), 400, 'invalid_body');
    expectErrorResponse(await inject({ rows: [{ assumedMasterState: null }] }), 400, 'invalid_body');
    const tooMany = Array.from({ length: 501 }, () => ({
      newDocumentState: makeResident(DEMO_WARD.code, 'tdp-01'),
    }));
    expectErrorResponse(await inject({ rows: tooMany }), 400, 'invalid_body');
  });

  test('a bad pull query answers 400 bad_request', async () => {
    for (const query of [
      'wardCode=abc&seq=0',
      `wardCode=${DEMO_WARD.code}`,
      `wardCode=${DEMO_WARD.code}&seq=0&limit=5000`,
    ]) {
      expectErrorResponse(
        await server.app.inject({ url: `/v1/sync/residents/pull?${query}`, headers: officer }),
        400,
        'bad_request',
      );
    }
  });

  test('an unexpected failure answers 500 internal without its details', async () => {
    const broken = await startTestServer({
      store: { ...store, listWards: () => Promise.reject(new Error('secret detail')) },
    });
    try {
      const { token } = await createAdmin(store);
      const res = await broken.app.inject({ url: '/v1/wards', headers: authHeaders(token) });
      expectErrorResponse(res, 500, 'internal');
      expect(res.body).not.toContain('secret detail');
    } finally {
      await broken.close();
    }
  });
});

describe('protocol gate', () => {
  test.each([
    ['missing', undefined],
    ['not a number', 'abc'],
    ['below the minimum', '0'],
    ['of version 1 (before consents, sessions and completions)', '1'],
  ])('a sync request with the protocol header %s answers 426 client_too_old', async (_case, version) => {
    // A signed-in officer: the protocol is refused whoever asks.
    const headers = { ...officer, [PROTOCOL_HEADER]: version };
    if (version === undefined) delete headers[PROTOCOL_HEADER];
    for (const collection of ['residents', 'groups', 'sessions', 'completions']) {
      const res = await server.app.inject({ url: pullUrl(collection), headers });
      expectErrorResponse(res, 426, 'client_too_old');
    }
    for (const collection of ['residents', 'sessions', 'completions']) {
      const push = { method: 'POST' as const, headers, payload: { rows: [] } };
      expectErrorResponse(
        await server.app.inject({ ...push, url: pushUrl(collection) }),
        426,
        'client_too_old',
      );
    }
    const settings = `/v1/sync/ward-settings?wardCode=${DEMO_WARD.code}`;
    expectErrorResponse(await server.app.inject({ url: settings, headers }), 426, 'client_too_old');
  });

  test('the current protocol version passes the gate', async () => {
    expect(PROTOCOL_HEADERS[PROTOCOL_HEADER]).toBe('2');
    expect((await server.app.inject({ url: pullUrl('sessions'), headers: officer })).statusCode).toBe(200);
  });

  test('an old app gets 426 before its token is checked', async () => {
    const headers = { authorization: `Bearer ${'x'.repeat(43)}` };
    expectErrorResponse(await server.app.inject({ url: pullUrl(), headers }), 426, 'client_too_old');
  });

  test('an old app gets 426 even when its body is not valid JSON', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: pushUrl(),
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expectErrorResponse(res, 426, 'client_too_old');
  });
});
