// Authorisation checks on a resolved Principal (docs/auth.md matrix). Each throws 403 forbidden;
// the messages never say whether another ward's ward, person or device exists.
import type { Role } from '../../shared';
import { ApiError } from '../http/errors';
import type { Principal } from './principal';

export function requireRole(principal: Principal, ...roles: Role[]): void {
  if (!roles.includes(principal.role)) {
    throw new ApiError('forbidden', `This needs the role ${roles.join(' or ')}.`);
  }
}

/** The principal's own ward, or 403. Administrators belong to no ward and never pass. */
export function requireWard(principal: Principal, wardCode: string): void {
  if (principal.wardCode === null || principal.wardCode !== wardCode) {
    throw new ApiError('forbidden', `Ward ${wardCode} is outside your scope.`);
  }
}

/**
 * Scope of a sync call: the principal's ward (which the query's wardCode must name) and, for leaders
 * and volunteers, their groups. undefined = the whole ward (officers). Administrators hold no residents.
 */
export function syncScope(principal: Principal, wardCode: string): readonly string[] | undefined {
  if (principal.role === 'admin') {
    throw new ApiError('forbidden', 'Administrators do not sync residents.');
  }
  requireWard(principal, wardCode);
  return principal.role === 'officer' ? undefined : principal.groupIds;
}
