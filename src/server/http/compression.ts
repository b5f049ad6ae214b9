// Compressed bodies both ways: answers (JSON, CSV, the built app's JS/CSS) leave brotli- or gzip-encoded
// when the client accepts it, and a request body sent with `Content-Encoding: gzip` is decompressed
// before the JSON parser, counted against the route's body limit as it inflates (a gzip bomb stops at
// the limit: 413). Any other request encoding is refused 415, a corrupt gzip body 400.
import { Readable } from 'node:stream';
import { constants, createGunzip } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors';

/** Answers smaller than this go out as they are: compression would save a few bytes at best. */
export const COMPRESS_MIN_BYTES = 1024;

/** Brotli's default quality (11) costs tens of ms per answer; 4 compresses JSON about as well as gzip 9. */
const BROTLI_QUALITY = 4;
const GZIP_LEVEL = 6;

/**
 * Registers both directions. Must run before static files and routes register: the plugin adds its
 * reply hook to each route as it is declared (a route declared on the root instance before the plugin
 * has loaded, GET /openapi.json, goes out uncompressed; so do the not-found answers). The live stream
 * (text/event-stream) is never compressed: the plugin's compressible types exclude it, so its events are
 * not held back in a compression buffer. XLSX files are zip already and not compressible for it either.
 */
export function registerCompression(app: FastifyInstance): void {
  void app.register(compress, {
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_MIN_BYTES,
    brotliOptions: {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    },
    zlibOptions: { level: GZIP_LEVEL },
  });
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = requestEncoding(request);
    if (encoding === 'identity') return payload;
    return gunzipBody(payload, request.routeOptions.bodyLimit ?? Number.POSITIVE_INFINITY);
  });
}

/** The body's encoding: 'identity' when there is no body or no encoding; unknown ones are refused. */
function requestEncoding(request: FastifyRequest): 'identity' | 'gzip' {
  const header = request.headers['content-encoding'];
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length']) > 0;
  if (header === undefined || !hasBody) return 'identity';
  const encoding = header.trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return 'identity';
  if (encoding === 'gzip' || encoding === 'x-gzip') return 'gzip';
  throw new ApiError(
    'unsupported_encoding',
    `Unsupported Content-Encoding "${header.slice(0, 40)}": send gzip or none.`,
  );
}

/** What Fastify's body reader needs from a decoding stream: the encoded bytes read so far (Content-Length). */
type DecodedBody = Readable & { receivedEncodedLength: number };

/**
 * The inflated body, read lazily (nothing happens unless the route reads a body). Past `limit` inflated
 * bytes it ends with 413 and stops inflating. On either refusal the rest of the upload is left unread,
 * so the answer closes the connection.
 */
function gunzipBody(raw: Readable, limit: number): DecodedBody {
  const body = Readable.from(inflate(raw, limit, () => body)) as DecodedBody;
  body.receivedEncodedLength = 0;
  return body;
}

const CLOSE = { connection: 'close' };

async function* inflate(raw: Readable, limit: number, body: () => DecodedBody) {
  const gunzip = createGunzip();
  const count = (chunk: Buffer) => {
    body().receivedEncodedLength += chunk.length;
  };
  const abort = (error: Error) => gunzip.destroy(error);
  raw.on('data', count);
  raw.once('error', abort);
  raw.pipe(gunzip);
  let inflated = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > limit) {
        throw new ApiError('payload_too_large', 'The request body is too large once decompressed.', CLOSE);
      }
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('bad_request', 'The request body is not valid gzip.', CLOSE);
  } finally {
    raw.unpipe(gunzip);
    raw.off('data', count);
    raw.off('error', abort);
    gunzip.destroy();
  }
}
