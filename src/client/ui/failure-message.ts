// What to tell a person when a call to the server failed: a message per error code or failure kind,
// with the screen's own wording taking precedence (e.g. enrollment's "needs the network the first time").
import type { ErrorCode } from '../../shared';
import { ApiError, type FailureKind } from '../api';
import { t, type MessageKey } from './i18n';

export type FailureMessages = Partial<Record<ErrorCode | FailureKind, MessageKey>>;

const BY_KIND: Record<FailureKind, MessageKey> = {
  unreachable: 'error.unreachable',
  client_too_old: 'sync.problem.client_too_old',
  server_error: 'error.server',
  rejected: 'error.rejected',
  unauthenticated: 'officer.sessionExpired',
  revoked: 'officer.signedOut',
  retiring: 'sync.problem.retiring',
};

/** Seconds to wait when the server gave no Retry-After. */
const DEFAULT_WAIT_SECONDS = 60;

export function failureMessage(err: unknown, specific: FailureMessages = {}): string {
  if (!(err instanceof ApiError)) return t('error.unexpected');
  const byCode = err.code ? specific[err.code] : undefined;
  if (byCode) return t(byCode);
  if (err.code === 'rate_limited') {
    return t('error.rateLimited', { seconds: err.retryAfterSeconds ?? DEFAULT_WAIT_SECONDS });
  }
  if (err.code === 'forbidden') return t('error.forbidden');
  return t(specific[err.kind] ?? BY_KIND[err.kind]);
}

/** The officer's token no longer works: back to the sign-in screen. */
export function isSessionOver(err: unknown): err is ApiError {
  return err instanceof ApiError && (err.kind === 'unauthenticated' || err.kind === 'revoked');
}
