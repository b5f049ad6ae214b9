// Wire shapes of the privacy endpoints (docs/privacy.md): finding a resident, the data-subject requests
// (see everything held, correct, erase) and their log, and the audit log. The server parses and answers
// with them; the officer's "Quyền riêng tư" tab validates with them. Messages are catalogue keys.
import { z } from 'zod/mini';
import { consentSchema, SEXES } from './schemas/resident';
import { dateSchema, groupIdSchema, instantSchema, text, uuidSchema } from './schemas/common';

const count = z.int().check(z.gte(0));

// --- Finding a resident -------------------------------------------------------------------------

/** `q`: part of a name (accents and case ignored), the last 4 ID digits, or a phone number. */
export const residentSearchQuerySchema = z.strictObject({
  q: text(1, 100, 'privacy.query'),
});
export type ResidentSearchQuery = z.infer<typeof residentSearchQuerySchema>;

/** One found record (live records only; a merged duplicate is found too and names its root). */
export const residentHitSchema = z.object({
  id: uuidSchema,
  fullName: z.string(),
  birthYear: z.int(),
  sex: z.enum(SEXES),
  groupId: groupIdSchema,
  groupName: z.string(),
  mergedInto: z.optional(uuidSchema),
  /** False when the registration consent was withdrawn: not counted, waiting to be erased. */
  registrationConsent: z.boolean(),
});
export type ResidentHit = z.infer<typeof residentHitSchema>;

/** At most this many hits; the screen asks for a longer query beyond. */
export const RESIDENT_SEARCH_LIMIT = 50;
export const residentSearchResponseSchema = z.object({
  residents: z.array(residentHitSchema),
  /** True when more than RESIDENT_SEARCH_LIMIT matched. */
  more: z.boolean(),
});
export type ResidentSearchResponse = z.infer<typeof residentSearchResponseSchema>;

/** Residents whose registration consent is withdrawn and who are not erased yet (the officer's to-do). */
export const withdrawnResponseSchema = z.object({ residents: z.array(residentHitSchema) });
export type WithdrawnResponse = z.infer<typeof withdrawnResponseSchema>;

// --- Data-subject requests ----------------------------------------------------------------------

export const SUBJECT_REQUEST_KINDS = ['access', 'rectify', 'erase'] as const;
export type SubjectRequestKind = (typeof SUBJECT_REQUEST_KINDS)[number];

/** What every request carries: the day the person asked (default today) and a note (how they asked). */
const requestFields = {
  receivedOn: z.optional(dateSchema),
  note: z.optional(z.union([z.literal(''), text(1, 500, 'privacy.note')])),
};

/** "Let me see everything you hold about me." */
export const accessBodySchema = z.strictObject({ ...requestFields });
export type AccessBody = z.infer<typeof accessBodySchema>;

/**
 * "Correct my data": the fields to change. null removes an optional field. The result must still be a
 * valid resident (residentSchema): e.g. a phone needs the "contact" consent in force.
 */
export const rectifyBodySchema = z.strictObject({
  ...requestFields,
  changes: z.strictObject({
    fullName: z.optional(z.string().check(z.maxLength(200))),
    birthYear: z.optional(z.int()),
    birthDate: z.optional(z.nullable(z.string().check(z.maxLength(20)))),
    sex: z.optional(z.string().check(z.maxLength(20))),
    phone: z.optional(z.nullable(z.string().check(z.maxLength(20)))),
    citizenIdLast4: z.optional(z.nullable(z.string().check(z.maxLength(10)))),
  }),
});
export type RectifyBody = z.infer<typeof rectifyBodySchema>;

/** "Delete my data": the officer types the person's full name as shown, to confirm the right person. */
export const eraseBodySchema = z.strictObject({
  ...requestFields,
  confirmName: z.string().check(z.maxLength(200)),
});
export type EraseBody = z.infer<typeof eraseBodySchema>;

/** One completion (skill trained/passed, VNeID confirmation) as the person reads it. */
export const subjectCompletionSchema = z.object({
  id: uuidSchema,
  recordId: uuidSchema,
  kind: z.string(),
  /** Skill codes and their names in Vietnamese (catalogue), VNeID level when a confirmation. */
  skills: z.array(z.object({ code: z.string(), name: z.string() })),
  /** What the volunteer saw for a VNeID confirmation, as recorded. */
  vneid: z.optional(
    z.object({
      channel: z.string(),
      courseName: z.optional(z.string()),
      issuer: z.optional(z.string()),
      recordNumber: z.optional(z.string()),
    }),
  ),
  doneOn: z.string(),
  recordedBy: z.string(),
  verifiedBy: z.optional(z.string()),
  notes: z.optional(z.string()),
  /** Deleted by a phone or an officer but still held (kept as history until erased). */
  deleted: z.boolean(),
});

export const subjectSessionSchema = z.object({
  id: uuidSchema,
  heldOn: z.string(),
  place: z.string(),
  skills: z.array(z.object({ code: z.string(), name: z.string() })),
});

/**
 * Everything held about one person: every record of them (the chosen one, the records merged into it
 * and the one it is merged into), their consents, completions, sessions attended, merges and the
 * requests they made before. Readable: names of skills and groups, not just codes.
 */
export const subjectExportSchema = z.object({
  wardCode: z.string(),
  wardName: z.string(),
  producedAt: instantSchema,
  producedBy: z.string(),
  records: z.array(
    z.object({
      id: uuidSchema,
      fullName: z.string(),
      birthYear: z.int(),
      birthDate: z.optional(z.string()),
      sex: z.enum(SEXES),
      phone: z.optional(z.string()),
      citizenIdLast4: z.optional(z.string()),
      groupId: z.string(),
      groupName: z.string(),
      mergedInto: z.optional(uuidSchema),
      /** Deleted by a phone or an officer but still held (kept as history until erased). */
      deleted: z.boolean(),
      consents: z.array(consentSchema),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
  completions: z.array(subjectCompletionSchema),
  sessions: z.array(subjectSessionSchema),
  /** Duplicate merges that joined these records (dates and who). */
  merges: z.array(z.object({ fromId: z.string(), intoId: z.string(), at: z.string(), by: z.string() })),
  requests: z.array(
    z.object({ kind: z.enum(SUBJECT_REQUEST_KINDS), receivedOn: dateSchema, doneAt: z.string() }),
  ),
  /** Who may see these records: the residential group's leader and volunteers, the ward's officers. */
  visibleTo: z.array(z.object({ role: z.string(), fullName: z.string() })),
});
export type SubjectExport = z.infer<typeof subjectExportSchema>;

export const subjectRequestSchema = z.object({
  id: z.int(),
  residentId: z.string(),
  kind: z.enum(SUBJECT_REQUEST_KINDS),
  receivedOn: dateSchema,
  doneAt: z.string(),
  handledBy: z.string(),
  handledByName: z.string(),
  note: z.string(),
  /** Fields corrected (names), or records erased (counts). No personal data. */
  detail: z.record(z.string(), z.unknown()),
});
export type SubjectRequest = z.infer<typeof subjectRequestSchema>;

export const accessResponseSchema = z.object({ request: subjectRequestSchema, export: subjectExportSchema });
export type AccessResponse = z.infer<typeof accessResponseSchema>;

export const rectifyResponseSchema = z.object({
  request: subjectRequestSchema,
  /** The resident record as stored after the correction. */
  resident: z.record(z.string(), z.unknown()),
});
export type RectifyResponse = z.infer<typeof rectifyResponseSchema>;

export const eraseResponseSchema = z.object({
  request: subjectRequestSchema,
  erased: z.object({ residents: count, completions: count }),
});
export type EraseResponse = z.infer<typeof eraseResponseSchema>;

export const subjectRequestsResponseSchema = z.object({ requests: z.array(subjectRequestSchema) });
export type SubjectRequestsResponse = z.infer<typeof subjectRequestsResponseSchema>;

// --- Audit log ----------------------------------------------------------------------------------

/**
 * What an audit entry records. `read.*`: personal data seen or taken away; `change.*`: records written;
 * `request.*`: data-subject requests; `account.*`, `device.*`: access granted or withdrawn.
 */
export const AUDIT_ACTIONS = [
  'read.roster', // a group's roster of named people (dashboard)
  'read.export', // a file with personal data (not-reached list) or figures (coverage) downloaded
  'read.search', // an officer searched residents by name
  'read.history', // a record's history opened
  'read.duplicates', // duplicate proposals (names side by side) listed
  'read.audit', // the audit log exported
  'read.quarantine', // the put-aside records (refused documents, names included) listed
  'read.import', // a resident file checked against the ward's records (dry run: names and matches)
  'change.sync', // a device pushed records (collection, ids)
  'change.merge', // duplicates merged, a merge undone, a pair marked "not the same person"
  'change.groups', // groups created, renamed, split, merged
  'change.settings', // ward settings or denominators
  'change.import', // residents imported, a phone's unsynced file imported
  'change.period', // a reporting period closed
  'change.ward', // a ward created with its groups and first officer (administrator)
  'request.access',
  'request.rectify',
  'request.erase',
  'account.invite', // an invitation made, groups changed, an officer added
  'device.revoke', // a device withdrawn or reported lost
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z.object({
  id: z.int(),
  at: z.string(),
  wardCode: z.nullable(z.string()),
  actorId: z.nullable(z.string()),
  /** The account's name now; '' for the system. */
  actorName: z.string(),
  actorRole: z.string(),
  deviceId: z.nullable(z.string()),
  /** The device's label, when the entry came from a device. */
  deviceLabel: z.nullable(z.string()),
  action: z.enum(AUDIT_ACTIONS),
  /** What was read or changed: `residents/<id>`, `groups/tdp-01`, `coverage.xlsx`, … */
  subject: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const AUDIT_PAGE_MAX = 200;
export const auditQuerySchema = z.strictObject({
  /** Entries with id < before (paging backwards from the newest). */
  before: z.optional(z.string().check(z.regex(/^\d{1,15}$/, { error: 'audit.before' }))),
  limit: z.optional(z.string().check(z.regex(/^\d{1,3}$/, { error: 'audit.limit' }))),
  /** Only entries whose action starts with this ('read', 'change.sync', …). */
  action: z.optional(z.string().check(z.regex(/^[a-z.]{1,30}$/, { error: 'audit.action' }))),
  from: z.optional(dateSchema),
  to: z.optional(dateSchema),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as `before` for the next (older) page; null when this is the oldest. */
  next: z.nullable(z.string()),
  /** How many days entries are kept (AUDIT_RETENTION_DAYS). */
  retentionDays: count,
});
export type AuditPage = z.infer<typeof auditPageSchema>;
