// The closed set of error codes every API failure uses, with the HTTP status each maps to.
// Body shape on the wire, always: { "error": { "code": ErrorCode, "message": string } }.

export type ErrorCode =
  /** Malformed request: bad JSON, bad query string, wrong content type. */
  | 'bad_request'
  /** The body parsed as JSON but does not match the endpoint's schema. */
  | 'invalid_body'
  /** No such route or resource. */
  | 'not_found'
  /** The ward code is well-formed but no such ward is registered on this server. */
  | 'ward_not_found'
  /** The body is larger than the endpoint accepts. */
  | 'payload_too_large'
  /** The app speaks an older sync protocol than this server accepts: it must update (HTTP 426). */
  | 'client_too_old'
  /** The database is unreachable or shutting down; retry later. */
  | 'unavailable'
  /** A bug on the server. Logged with the request id; never carries internal details. */
  | 'internal';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_body: 400,
  not_found: 404,
  ward_not_found: 404,
  payload_too_large: 413,
  client_too_old: 426,
  unavailable: 503,
  internal: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export const ERROR_CODES = Object.keys(HTTP_STATUS) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in HTTP_STATUS;
}

/**
 * Why a pushed document was put aside (quarantined) instead of stored. The push still succeeds so
 * replication moves on; the device and the ward officer are shown the reason.
 */
export type QuarantineCode =
  /** The document fails the shared schema (written by a buggy or tampered client). */
  | 'invalid_document'
  /** The document belongs to a ward or group the pushing device may not write. */
  | 'out_of_scope';
