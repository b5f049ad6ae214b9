// The sync wire contract shared by the app and the server: version, header, checkpoint and bodies.
import { z } from 'zod/mini';
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

/**
 * The pull checkpoint: the server sequence of the last row the device has. It comes from the
 * server (never a device clock) and is unique per write, so no tie-break on id is needed.
 */
export const checkpointSchema = z.object({ seq: z.int().check(z.gte(0)) });
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const PULL_LIMIT_MAX = 1000;
export const PUSH_ROWS_MAX = 500;

export const pullQuerySchema = z.object({
  wardCode: z.string().check(z.regex(/^\d{5}$/)),
  seq: z.coerce.number().check(z.int(), z.gte(0)),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(PULL_LIMIT_MAX))),
});

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

/** `GET /v1/sync/ward-settings?wardCode=` — the ward's coverage settings, for the group tally offline. */
export const wardSettingsResponseSchema = z.object({
  wardCode: z.string(),
  settings: wardSettingsSchema,
});
export type WardSettingsResponse = z.infer<typeof wardSettingsResponseSchema>;
