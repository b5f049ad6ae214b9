// B5 (QUALITY.md): a small authenticated request — GET /v1/sync/ward-settings, which an enrolled device
// sends on every sync: protocol gate, bearer token looked up in the database (authenticate hook), the
// ward's settings read from the database, a ~100-byte JSON answer — on the real server (its own config:
// helmet, compression, per-request info logging written to /dev/null; rate limits raised), against a bare
// node:http "hello" server in the same process. Both loaded by autocannon (a child process) with the
// same connections and duration; target ≥ 0.4× the bare server's requests/s. Quick: 3 s each; full: 10 s.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loggerOptions } from '../../../src/server/log';
import { authHeaders } from '../../helpers/server';
import { startBenchServer } from '../lib/b4-server';
import { loadTest } from '../lib/b5-load';
import { formatCount, type BenchContext, type BenchLine, type Scenario } from '../lib/line';

const CONNECTIONS = 10;
const TARGET = 0.4;

async function startHello(): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

async function run(ctx: BenchContext): Promise<BenchLine[]> {
  const seconds = ctx.quick ? 3 : 10;
  const logStream = pino.destination({ dest: '/dev/null', sync: false });
  const app = await startBenchServer(ctx.pgUrl, { ...(loggerOptions('info') as object), stream: logStream });
  const hello = await startHello();
  try {
    const url = `${app.url}/v1/sync/ward-settings?wardCode=${app.wardCode}`;
    const headers = authHeaders(app.deviceToken);
    // Warm-up (JIT, connection pool, plans), then the measured runs.
    await loadTest(url, { connections: CONNECTIONS, seconds: 1, headers });
    await loadTest(hello.url, { connections: CONNECTIONS, seconds: 1 });
    const bare = await loadTest(hello.url, { connections: CONNECTIONS, seconds });
    const served = await loadTest(url, { connections: CONNECTIONS, seconds, headers });
    ctx.log(`  B5 bare node:http ${formatCount(bare)} req/s; ward-settings ${formatCount(served)} req/s`);
    const ratio = served / bare;
    return [
      {
        key: 'B5.request',
        id: 'B5',
        label: 'small authenticated request',
        figure: `${formatCount(served)} req/s`,
        ratio,
        baseline: 'bare node:http',
        target: `≥ ${TARGET}×`,
        ok: ratio >= TARGET,
        better: 'higher',
        note:
          `GET /v1/sync/ward-settings as a device, ${app.engine}; bare ${formatCount(bare)} req/s; ` +
          `autocannon ${CONNECTIONS} connections × ${seconds} s`,
      },
    ];
  } finally {
    await new Promise((resolve) => hello.server.close(resolve));
    await app.close();
    logStream.end();
  }
}

export const scenario: Scenario = { id: 'B5', title: 'small authenticated request', run };
