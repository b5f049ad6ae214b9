// Typed reads of result columns. pg returns int8 as a string and PGlite as a number, so integers go
// through Number(); anything of an unexpected type is a bug in our SQL and throws.
import type { PlainDoc } from '../../shared';
import type { Row } from './db';

export function str(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`column ${column}: expected text, got ${typeof value}`);
  return value;
}

export function int(row: Row, column: string): number {
  const value = row[column];
  const n =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? Number(value) : NaN;
  if (!Number.isSafeInteger(n))
    throw new Error(`column ${column}: expected a safe integer, got ${String(value)}`);
  return n;
}

export function bool(row: Row, column: string): boolean {
  const value = row[column];
  if (typeof value !== 'boolean') throw new Error(`column ${column}: expected boolean, got ${typeof value}`);
  return value;
}

export function doc(row: Row, column: string): PlainDoc {
  const value = row[column];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`column ${column}: expected a JSON object`);
  }
  return { ...value };
}

export function timestamp(row: Row, column: string): string {
  const value = row[column];
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new Error(`column ${column}: expected a timestamp`);
}

export function strOrNull(row: Row, column: string): string | null {
  return row[column] === null ? null : str(row, column);
}

export function intOrNull(row: Row, column: string): number | null {
  return row[column] === null ? null : int(row, column);
}

export function timestampOrNull(row: Row, column: string): string | null {
  return row[column] === null ? null : timestamp(row, column);
}

export function dateOrNull(row: Row, column: string): Date | null {
  return row[column] === null ? null : new Date(timestamp(row, column));
}

export function strArray(row: Row, column: string): string[] {
  const value = row[column];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new Error(`column ${column}: expected text[]`);
  }
  return [...(value as string[])];
}
