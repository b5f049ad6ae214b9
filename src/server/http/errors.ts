// The one error mapper: every failure leaves the server as { "error": { "code", "message" } } with the
// status HTTP_STATUS gives its code. Unexpected errors become `internal` and are logged, never echoed.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { HTTP_STATUS, type ErrorBody, type ErrorCode } from '../../shared';
import type { NotFoundFallback } from './static';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function sendError(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  const body: ErrorBody = { error: { code, message } };
  return reply.code(HTTP_STATUS[code]).type('application/json; charset=utf-8').send(body);
}

/** Fastify's own request errors (body parsing, limits) that are the client's fault. */
function fromFastify(error: FastifyError): ApiError | undefined {
  if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new ApiError('payload_too_large', 'The request body is too large.');
  }
  if (error.statusCode === 415) {
    return new ApiError('bad_request', 'Unsupported content type: send application/json.');
  }
  if (error.statusCode === 400) {
    return new ApiError(
      'bad_request',
      error.code?.startsWith('FST_ERR_CTP') ? 'The request body is not valid JSON.' : 'Malformed request.',
    );
  }
  return undefined;
}

/**
 * Fastify's router refuses some paths before any route or hook runs (a malformed %-escape, a parameter
 * over maxParamLength); its default answer is not our shape. Passed as the `frameworkErrors` option.
 */
export function frameworkError(error: FastifyError, _request: unknown, reply: FastifyReply): FastifyReply {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path segment is too long.' : 'Malformed URL.';
  return sendError(reply, 'bad_request', message);
}

export function registerErrorHandlers(app: FastifyInstance, notFoundFallback?: NotFoundFallback): void {
  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const known = error instanceof ApiError ? error : fromFastify(error);
    if (known !== undefined) {
      request.log.info({ errorCode: known.code, reason: error.message }, 'request refused');
      if (known instanceof ApiError) reply.headers(known.headers);
      return sendError(reply, known.code, known.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 'internal', `Internal server error (request ${request.id}).`);
  });

  app.setNotFoundHandler(
    (request, reply) =>
      notFoundFallback?.(request, reply) ??
      sendError(
        reply,
        'not_found',
        `No route for ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)}.`,
      ),
  );
}
