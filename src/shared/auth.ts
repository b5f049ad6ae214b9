// The accounts and authorisation contract shared by the app and the server: roles, scope, and the
// bodies of /v1/auth, /v1/admin and the officer's people/devices endpoints. Design: docs/auth.md.
import { z } from 'zod/mini';
import { groupIdSchema, groupSchema, text, uuidSchema, wardCodeSchema, wardSchema } from './schemas/index';

export const ROLES = ['admin', 'officer', 'leader', 'volunteer'] as const;
export type Role = (typeof ROLES)[number];
/** Roles that work on phones, enrolled by invitation, scoped to residential groups. */
export const FIELD_ROLES = ['leader', 'volunteer'] as const;
export type FieldRole = (typeof FIELD_ROLES)[number];

export const PASSWORD_MIN = 10;
export const PIN_LENGTH = 6;
/** Invitation codes: 8 characters without look-alikes (no 0/O, 1/I/L), shown as XXXX-XXXX. */
export const INVITATION_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITATION_CODE_LENGTH = 8;

/** What a person typed or scanned → the canonical code, or null if it cannot be one. */
export function normaliseInvitationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== INVITATION_CODE_LENGTH) return null;
  return [...code].every((c) => INVITATION_ALPHABET.includes(c)) ? code : null;
}

export function formatInvitationCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

const usernameSchema = z
  .string({ error: 'username.invalid' })
  .check(z.regex(/^[a-z0-9._-]{3,40}$/, { error: 'username.invalid' }));
const passwordSchema = z
  .string({ error: 'password.tooShort' })
  .check(
    z.minLength(PASSWORD_MIN, { error: 'password.tooShort' }),
    z.maxLength(200, { error: 'password.tooLong' }),
  );
const phoneSchema = z.string().check(z.regex(/^(\+84|0)\d{9,10}$/, { error: 'phone.invalid' }));
const instant = z.string();

/** An account as the API shows it. Never carries a password hash or a token. */
export const accountSchema = z.object({
  id: uuidSchema,
  fullName: z.string(),
  role: z.enum(ROLES),
  /** null only for administrators. */
  wardCode: z.nullable(wardCodeSchema),
  /** Leaders and volunteers: their residential groups. Officers and admins: empty (whole ward / none). */
  groupIds: z.array(groupIdSchema),
  username: z.optional(z.string()),
  phone: z.optional(z.string()),
});
export type Account = z.infer<typeof accountSchema>;

export const loginBodySchema = z.strictObject({
  username: z.string().check(z.maxLength(100)),
  password: z.string().check(z.maxLength(200)),
});
export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: instant,
  account: accountSchema,
  /** Signed in with a one-time password: only `me`, `logout` and `password` work until it is changed. */
  mustChangePassword: z.optional(z.boolean()),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const enrollBodySchema = z.strictObject({
  code: z.string().check(z.maxLength(20)),
  appVersion: z.string().check(z.maxLength(40)),
  deviceLabel: z.optional(z.string().check(z.maxLength(120))),
});
export const enrollResponseSchema = z.object({
  deviceId: uuidSchema,
  deviceToken: z.string(),
  account: accountSchema,
  ward: wardSchema,
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

export const DEVICE_STATUSES = ['active', 'retiring', 'retired', 'lost'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export const deviceViewSchema = z.object({
  id: uuidSchema,
  label: z.nullable(z.string()),
  status: z.enum(DEVICE_STATUSES),
  appVersion: z.nullable(z.string()),
  enrolledAt: instant,
  lastSeenAt: z.nullable(instant),
  lastSyncAt: z.nullable(instant),
  revokedAt: z.nullable(instant),
  /** Records the device still held unsynced when it reported its erasure (null: not reported yet). */
  unsyncedAtErase: z.nullable(z.int()),
  erasedAt: z.nullable(instant),
});
export type DeviceView = z.infer<typeof deviceViewSchema>;

export const meResponseSchema = z.object({
  account: accountSchema,
  mustChangePassword: z.optional(z.boolean()),
  device: z.optional(z.object({ id: uuidSchema, status: z.enum(DEVICE_STATUSES) })),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** A leader's or volunteer's residential groups, as an officer assigns them: 1 to 50 group ids. */
const fieldGroupIdsSchema = z
  .array(groupIdSchema)
  .check(z.minLength(1, { error: 'groupIds.required' }), z.maxLength(50));

/** An officer invites a person to work on a phone for some residential groups. */
export const invitationBodySchema = z.strictObject({
  fullName: text(2, 100, 'fullName'),
  phone: z.optional(phoneSchema),
  role: z.enum(FIELD_ROLES),
  groupIds: fieldGroupIdsSchema,
});
export const invitationResponseSchema = z.object({
  person: accountSchema,
  /** The code in clear: shown once to the officer (as text and QR), stored only as a hash. */
  code: z.string(),
  expiresAt: instant,
});
export type InvitationResponse = z.infer<typeof invitationResponseSchema>;

export const personViewSchema = z.object({
  account: accountSchema,
  devices: z.array(deviceViewSchema),
  /** The newest unused invitation, if any. */
  pendingInvitation: z.nullable(z.object({ expiresAt: instant })),
});
export type PersonView = z.infer<typeof personViewSchema>;
export const peopleResponseSchema = z.object({ people: z.array(personViewSchema) });

/**
 * `POST /v1/wards/:w/people/:accountId/groups`: an officer replaces a leader's or volunteer's groups
 * (same rules as an invitation's). Their phones take the new scope at their next pull (docs/sync.md
 * invariant 11): the new groups' records arrive, the lost groups' records leave, unsynced edits stay.
 */
export const changeGroupsBodySchema = z.strictObject({ groupIds: fieldGroupIdsSchema });
export type ChangeGroupsBody = z.infer<typeof changeGroupsBodySchema>;
/** The answer: the person's account as it is now. */
export const changeGroupsResponseSchema = z.object({ account: accountSchema });
export type ChangeGroupsResponse = z.infer<typeof changeGroupsResponseSchema>;

export const REVOKE_MODES = ['retire', 'lost'] as const;
export type RevokeMode = (typeof REVOKE_MODES)[number];
export const revokeBodySchema = z.strictObject({ mode: z.enum(REVOKE_MODES) });

/** A revoked device reports how many records it still held unsynced, then erases itself. */
export const eraseReportBodySchema = z.strictObject({
  unsyncedCount: z.int().check(z.gte(0), z.lte(10_000_000)),
});

/** Administrator: a new ward with its residential groups and its first officer. */
export const createWardBodySchema = z.strictObject({
  ward: wardSchema,
  groups: z.array(z.pick(groupSchema, { id: true, name: true, kind: true })).check(z.maxLength(500)),
  officer: z.strictObject({
    fullName: text(2, 100, 'fullName'),
    username: usernameSchema,
    password: passwordSchema,
  }),
});

/** An officer adds another officer of the same ward. */
export const createOfficerBodySchema = z.strictObject({
  fullName: text(2, 100, 'fullName'),
  username: usernameSchema,
  password: passwordSchema,
});

/** `POST /v1/auth/password`: a signed-in person replaces their password (the one-time one first). */
export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().check(z.maxLength(200)),
  newPassword: passwordSchema,
});
export const passwordChangedSchema = z.object({
  account: accountSchema,
  mustChangePassword: z.optional(z.boolean()),
});

/** Header carrying the app's build version on every request from the app (shown to officers). */
export const APP_VERSION_HEADER = 'x-bdhvs-app-version';
