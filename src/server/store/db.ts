// The small seam between repository code and the two drivers (PGlite, pg): run a statement, run a
// script, run a transaction. Repository code is written once against this.

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with $1… parameters. */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn inside BEGIN … COMMIT on one connection; rolls back if fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
