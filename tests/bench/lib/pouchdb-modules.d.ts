// Minimal types for the PouchDB packages B6 runs as its peer (they ship none): what lib/b6-pouch.ts uses.
declare module 'pouchdb-core' {
  interface ReplicationResult {
    ok: boolean;
    docs_written: number;
    doc_write_failures: number;
  }
  interface Database {
    bulkDocs(docs: readonly object[]): Promise<{ ok?: boolean; error?: string }[]>;
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<unknown>;
    close(): Promise<unknown>;
    replicate: {
      to(target: Database, options?: object): Promise<ReplicationResult>;
      from(source: Database, options?: object): Promise<ReplicationResult>;
    };
  }
  interface PouchStatic {
    new (name: string, options?: object): Database;
    plugin(plugin: unknown): PouchStatic;
    defaults(options: { adapter: string }): PouchStatic;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}

declare module 'express-pouchdb' {
  import type { RequestListener } from 'node:http';
  export default function expressPouchDB(
    pouch: unknown,
    options?: { mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom'; inMemoryConfig?: boolean },
  ): RequestListener;
}
