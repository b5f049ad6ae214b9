// The audit log routes (docs/privacy.md "Audit log"): the ward's entries page by page, and as CSV.
// Officer of the ward only; the CSV export is itself logged.
import type { FastifyInstance } from 'fastify';
import type { AuthContext } from '../auth/options';

export function registerAudit(_app: FastifyInstance, _ctx: AuthContext): void {}
