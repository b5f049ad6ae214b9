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

// eslint-disable-next-line no-control-regex -- NUL and lone surrogates are what PostgreSQL refuses
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * False when a string or key of the value holds what PostgreSQL cannot store: NUL (text and jsonb) or a
 * lone UTF-16 surrogate (jsonb). Input carrying one is refused or put aside before it reaches SQL.
 */
export function isStorable(value: unknown): boolean {
  if (typeof value === 'string') return value.search(UNSTORABLE) === -1;
  if (Array.isArray(value)) return value.every(isStorable);
  if (value === null || typeof value !== 'object') return true;
  return Object.entries(value).every(([key, inner]) => isStorable(key) && isStorable(inner));
}

/** The text with NUL and lone surrogates as U+FFFD: for what must be kept and cannot be refused (logs). */
export function storableString(value: string): string {
  return value.replace(UNSTORABLE, '\uFFFD');
}
