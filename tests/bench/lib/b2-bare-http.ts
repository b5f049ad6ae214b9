// B2's bare-HTTP limit: a plain node:http server that replays the ward's pull pages byte for byte (no
// database, no auth, no framework) and serves an empty page on its own origin, where the baselines run
// (no CSP of the app's server, and its own IndexedDB).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PulledCollection } from './b2-data';

export interface BareServer {
  url: string;
  /** Page paths per collection, in pull order. */
  paths: Record<string, string[]>;
  stop(): Promise<void>;
}

const EMPTY_PAGE = '<!doctype html><html><head><title>B2 baselines</title></head><body>B2</body></html>';

export async function startBareServer(ward: PulledCollection[]): Promise<BareServer> {
  const bodies = new Map<string, Buffer>();
  const paths: Record<string, string[]> = {};
  for (const c of ward) {
    paths[c.collection] = c.pages.map((page, i) => {
      const path = `/pages/${c.collection}/${i}`;
      bodies.set(path, page);
      return path;
    });
  }
  const server: Server = createServer((req, res) => {
    const body = bodies.get(req.url ?? '');
    if (body) {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(body);
    } else {
      res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(EMPTY_PAGE);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    paths,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
