// Request bodies as text in tests that look inside what a device sends: the app gzips bodies over 1 KB
// (src/client/api/gzip.ts), so a body may be a string or gzip bytes.
import type { IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';

/** The JSON text of a fetch body (string, or gzip bytes as the app sends them); undefined for none. */
export function fetchBodyText(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return gunzipSync(body).toString('utf8');
  return undefined;
}

/** A received body as text, inflated when its headers say gzip. */
export function receivedBodyText(headers: IncomingHttpHeaders, body: Buffer): string {
  const encoding = String(headers['content-encoding'] ?? '').toLowerCase();
  if (body.length > 0 && (encoding === 'gzip' || encoding === 'x-gzip')) {
    try {
      return gunzipSync(body).toString('utf8');
    } catch {
      return body.toString('utf8'); // a corrupt body: shown as it came (the server refuses it)
    }
  }
  return body.toString('utf8');
}
