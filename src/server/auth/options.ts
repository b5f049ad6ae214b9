// Tunable limits of accounts and sign-in, with production defaults (docs/auth.md). Tests pass small
// numbers and a movable clock through createServer's options.
import type { Store } from '../store';

export interface AuthOptions {
  /** Requests per IP and window on sign-in, enrollment, password change and the erase report. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Consecutive wrong passwords that lock a username… */
  lockoutThreshold: number;
  /** …for this long. */
  lockoutMs: number;
  /** Officer and administrator sessions expire after this. */
  sessionTtlMs: number;
  /** Invitation codes expire after this. */
  invitationTtlMs: number;
  /** last_seen_at / last_sync_at are written at most this often per session or device. */
  touchIntervalMs: number;
}

const MINUTE = 60_000;

export const DEFAULT_AUTH_OPTIONS: Readonly<AuthOptions> = {
  rateLimitMax: 10,
  rateLimitWindowMs: MINUTE,
  lockoutThreshold: 5,
  lockoutMs: 15 * MINUTE,
  sessionTtlMs: 12 * 60 * MINUTE,
  invitationTtlMs: 7 * 24 * 60 * MINUTE,
  touchIntervalMs: MINUTE,
};

/** What the auth hooks and endpoints share: the store, the limits, and the clock. */
export interface AuthContext {
  store: Store;
  options: AuthOptions;
  now: () => Date;
}
