// The sync wire contract shared by the app and the server: version, header, checkpoint and bodies.
import { z } from 'zod/mini';
import { groupIdSchema } from './schemas/common';
import { wardSettingsSchema } from './schemas/ward-settings';

/**
 * Version of the sync protocol. Bump when a change would make an older app misbehave; the server
 * answers HTTP 426 `client_too_old` to apps below MIN_PROTOCOL_VERSION, and they keep their
 * unsynced records until updated.
 *
 * History:
 * 1 — first version: residents pull/push and groups pull with a server-sequence checkpoint.
 * 2 — field app: sessions and completions collections; residents carry consents (required), so a
 *     version-1 app's residents would be refused: the server requires 2.
 *     Later additions that an older version-2 app safely ignores, so no bump: the scoped checkpoint
 *     (scope, fill; docs/sync.md "Scope changes") and GET /v1/sync/events (live updates).
 */
export const PROTOCOL_VERSION = 2;
export const MIN_PROTOCOL_VERSION = 2;
/** Request header carrying the app's PROTOCOL_VERSION on every /v1/sync call. */
export const PROTOCOL_HEADER = 'x-bdhvs-protocol';

/** Collections that replicate. Groups are pull-only for devices (officers manage them). */
export const SYNC_COLLECTIONS = ['residents', 'groups', 'sessions', 'completions'] as const;
export type SyncCollection = (typeof SYNC_COLLECTIONS)[number];
export const PUSHABLE_COLLECTIONS = ['residents', 'sessions', 'completions'] as const;
export type PushableCollection = (typeof PUSHABLE_COLLECTIONS)[number];

/** At most this many groups in a checkpoint's scope or fill (a leader or volunteer has a few). */
export const SCOPE_GROUPS_MAX = 500;

const groupListSchema = z.array(groupIdSchema).check(z.maxLength(SCOPE_GROUPS_MAX));

/** A back-fill in progress: live rows of these groups with after < seq ≤ checkpoint.seq are still to come. */
export const fillSchema = z.object({ groups: groupListSchema, after: z.int().check(z.gte(0)) });
export type Fill = z.infer<typeof fillSchema>;

/**
 * The pull checkpoint: the server sequence of the last row the device has. It comes from the
 * server (never a device clock) and is unique per write, so no tie-break on id is needed.
 * For leaders and volunteers it also names the groups it was built for (`scope`, sorted) and an
 * unfinished back-fill (`fill`, null when none); a checkpoint without `scope` (officers, older apps)
 * stands for the principal's current scope (docs/sync.md "Scope changes", invariant 11).
 */
export const checkpointSchema = z.object({
  seq: z.int().check(z.gte(0)),
  scope: z.optional(groupListSchema),
  fill: z.optional(z.nullable(fillSchema)),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const PULL_LIMIT_MAX = 1000;
export const PUSH_ROWS_MAX = 500;

/** Comma-separated group ids (possibly none), as the scope and fillGroups query parameters carry them. */
const groupListParam = z
  .string()
  .check(z.regex(/^([A-Za-z0-9_-]{1,40}(,[A-Za-z0-9_-]{1,40})*)?$/), z.maxLength(SCOPE_GROUPS_MAX * 41));

export const pullQuerySchema = z.object({
  wardCode: z.string().check(z.regex(/^\d{5}$/)),
  seq: z.coerce.number().check(z.int(), z.gte(0)),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(PULL_LIMIT_MAX))),
  scope: z.optional(groupListParam),
  fillAfter: z.optional(z.coerce.number().check(z.int(), z.gte(0))),
  fillGroups: z.optional(groupListParam),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

const splitGroups = (param: string): string[] => (param === '' ? [] : param.split(','));

/** The query parameters that carry a checkpoint (seq, and scope and fill when it has them). */
export function checkpointParams(checkpoint: Checkpoint | undefined): Record<string, string> {
  const params: Record<string, string> = { seq: String(checkpoint?.seq ?? 0) };
  if (checkpoint?.scope !== undefined) params['scope'] = checkpoint.scope.join(',');
  if (checkpoint?.fill) {
    params['fillAfter'] = String(checkpoint.fill.after);
    params['fillGroups'] = checkpoint.fill.groups.join(',');
  }
  return params;
}

/** The checkpoint a pull query carries (the inverse of checkpointParams). */
export function checkpointOfQuery(query: PullQuery): Checkpoint {
  const checkpoint: Checkpoint = { seq: query.seq };
  if (query.scope !== undefined) {
    checkpoint.scope = splitGroups(query.scope);
    checkpoint.fill =
      query.fillGroups !== undefined && query.fillAfter !== undefined
        ? { groups: splitGroups(query.fillGroups), after: query.fillAfter }
        : null;
  }
  return checkpoint;
}

export const pushQuerySchema = z.object({ wardCode: z.string().check(z.regex(/^\d{5}$/)) });

/** A pushed row. Documents are checked one by one on the server so one bad row cannot wedge a batch. */
export const pushRowSchema = z.object({
  assumedMasterState: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
  newDocumentState: z.record(z.string(), z.unknown()),
});
export type PushRow = z.infer<typeof pushRowSchema>;

export const pushBodySchema = z.object({
  rows: z.array(pushRowSchema).check(z.maxLength(PUSH_ROWS_MAX)),
});

export const quarantineNoticeSchema = z.object({
  id: z.string(),
  code: z.enum(['invalid_document', 'out_of_scope']),
  message: z.string(),
});
export type QuarantineNotice = z.infer<typeof quarantineNoticeSchema>;

/** Push answer: the server's current state for every conflicting row, and rows put aside. */
export const pushResponseSchema = z.object({
  conflicts: z.array(z.record(z.string(), z.unknown())),
  quarantined: z.array(quarantineNoticeSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullResponseSchema = z.object({
  documents: z.array(z.record(z.string(), z.unknown())),
  checkpoint: checkpointSchema,
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** `GET /v1/sync/events?wardCode=` — the live update stream (text/event-stream, docs/sync.md "Live updates"). */
export const SYNC_EVENTS_PATH = '/v1/sync/events';
/** The event name of a change notice on the stream. */
export const SYNC_CHANGE_EVENT = 'change';
/** The data of a change notice: which collections to pull again (never which records or groups). */
export const syncChangeSchema = z.object({ collections: z.array(z.enum(SYNC_COLLECTIONS)) });
export type SyncChange = z.infer<typeof syncChangeSchema>;

/** `GET /v1/sync/ward-settings?wardCode=` — the ward's coverage settings, for the group tally offline. */
export const wardSettingsResponseSchema = z.object({
  wardCode: z.string(),
  settings: wardSettingsSchema,
});
export type WardSettingsResponse = z.infer<typeof wardSettingsResponseSchema>;
