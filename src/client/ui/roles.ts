// How each role is named on screen.
import type { Role } from '../../shared';
import type { MessageKey } from './i18n';

export const ROLE_KEYS: Record<Role, MessageKey> = {
  admin: 'role.admin',
  officer: 'role.officer',
  leader: 'role.leader',
  volunteer: 'role.volunteer',
};
