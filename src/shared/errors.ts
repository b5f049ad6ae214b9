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
  /** The request body's Content-Encoding is not one the server decodes (gzip, or none): HTTP 415. */
  | 'unsupported_encoding'
  /** The app speaks an older sync protocol than this server accepts: it must update (HTTP 426). */
  | 'client_too_old'
  /** No credentials, or a token the server does not know. */
  | 'unauthenticated'
  /** Username or password wrong (never says which). */
  | 'invalid_credentials'
  /** The officer's session has expired: sign in again. */
  | 'session_expired'
  /** The token was revoked (signed out, device lost, device retired and erased): erase and re-enrol. */
  | 'token_revoked'
  /** The device was retired: it may still upload what it holds, then must report and erase itself. */
  | 'device_retired'
  /** Authenticated, but this role or scope may not do this (other ward, other group, wrong role). */
  | 'forbidden'
  /** The enrollment code is unknown, expired or already used. */
  | 'invitation_invalid'
  /** Too many attempts: wait for the Retry-After header's seconds. */
  | 'rate_limited'
  /** The thing being created already exists (username, ward code). */
  | 'conflict'
  /** The database is unreachable or shutting down; retry later. */
  | 'unavailable'
  /** A bug on the server. Logged with the request id; never carries internal details. */
  | 'internal';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_body: 400,
  not_found: 404,
  ward_not_found: 404,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  token_revoked: 401,
  device_retired: 403,
  forbidden: 403,
  invitation_invalid: 400,
  rate_limited: 429,
  conflict: 409,
  payload_too_large: 413,
  unsupported_encoding: 415,
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
