// B6's peer: PouchDB ↔ express-pouchdb, both on PouchDB's memory adapter, over HTTP on loopback in this
// process. The round trip: a local database holding the documents replicates to the server, then a fresh
// local database replicates everything from it. express-pouchdb is an Express 4 app of its own, served
// by node:http directly (mounted in an Express 5 app its _changes route breaks: req.query is read-only).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import memoryAdapter from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';

const Pouch = PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication);
const MemoryPouch = Pouch.defaults({ adapter: 'memory' });

export interface PeerServer {
  /** Times one round trip of `docs` through a new remote database; returns its wall time in ms. */
  roundTrip(docs: readonly object[], name: string): Promise<number>;
  close(): Promise<void>;
}

export async function startPeer(): Promise<PeerServer> {
  const server: Server = createServer(
    expressPouchDB(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async roundTrip(docs, name) {
      const source = new MemoryPouch(`${name}-a`);
      const target = new MemoryPouch(`${name}-b`);
      const remote = new Pouch(`${base}/${name}`);
      try {
        const written = await source.bulkDocs(docs);
        if (written.some((r) => r.error !== undefined)) throw new Error('PouchDB refused a document');
        const t0 = performance.now();
        const up = await source.replicate.to(remote);
        const down = await target.replicate.from(remote);
        const ms = performance.now() - t0;
        const held = (await target.info()).doc_count;
        if (!up.ok || !down.ok || held !== docs.length) {
          throw new Error(`PouchDB round trip ended with ${held} of ${docs.length} documents`);
        }
        return ms;
      } finally {
        await Promise.all([source.destroy(), target.destroy(), remote.destroy()]);
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
