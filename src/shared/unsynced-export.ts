// The "unsynced records" file and the officer's records API (docs/unsynced-export.md): the file a phone
// exports when it cannot sync, the import answer, the put-aside list, a record's history, the per-group
// load with the PHONE_COMFORT thresholds, and a readable summary of any record. Pure and isomorphic.
import { z } from 'zod/mini';
import { PUSHABLE_COLLECTIONS, SYNC_COLLECTIONS, type PushableCollection } from './protocol';
import { wardCodeSchema } from './schemas/index';

/** The file's format tag: a JSON file without it is not ours. */
export const UNSYNCED_EXPORT_FORMAT = 'bdhvs-unsynced-records';
/** Bump when an older server would misread the file; the server refuses versions it does not know. */
export const UNSYNCED_EXPORT_VERSION = 1;
/** At most this many records per file (a phone's whole unsynced queue fits; the body limit is 16 MB). */
export const UNSYNCED_EXPORT_MAX_RECORDS = 50_000;

const plainDocSchema = z.record(z.string(), z.unknown());

/** How the phone's sync had put a record aside when it was exported (its quarantine log entry). */
export const putAsideSchema = z.object({
  code: z.string().check(z.maxLength(40)),
  message: z.string().check(z.maxLength(2000)),
});

export const unsyncedRecordSchema = z.object({
  collection: z.enum(PUSHABLE_COLLECTIONS),
  /** The device's current state of the record, with `_deleted` (a deletion is a record too). */
  doc: plainDocSchema,
  /**
   * The state the device last knew the server to hold (its replication's assumed master state), when it
   * had one: the base of the three-way merge on import. Absent for records the server never had.
   */
  baseState: z.optional(plainDocSchema),
  /** Set when the server had already put this state aside (the phone's "needs attention" list). */
  putAside: z.optional(putAsideSchema),
});
export type UnsyncedRecord = z.infer<typeof unsyncedRecordSchema>;

export const unsyncedExportSchema = z.object({
  format: z.literal(UNSYNCED_EXPORT_FORMAT),
  version: z.literal(UNSYNCED_EXPORT_VERSION),
  wardCode: wardCodeSchema,
  /** The enrolled device, when the phone was enrolled. */
  deviceId: z.nullable(z.string().check(z.maxLength(64))),
  /** Who used the phone (shown to the officer; the import does not trust it for scope). */
  account: z.nullable(
    z.object({
      id: z.string().check(z.maxLength(64)),
      fullName: z.string().check(z.maxLength(200)),
      role: z.string().check(z.maxLength(20)),
    }),
  ),
  appVersion: z.string().check(z.maxLength(40)),
  /** The phone's clock when the file was made: informational only. */
  exportedAt: z.string().check(z.maxLength(40)),
  records: z.array(unsyncedRecordSchema).check(z.maxLength(UNSYNCED_EXPORT_MAX_RECORDS)),
});
export type UnsyncedExport = z.infer<typeof unsyncedExportSchema>;

/**
 * What the import did with one record:
 * - added: the server had no such record; stored as the device had it.
 * - updated: the server still held the file's base state; the device's state stored exactly.
 * - merged: both sides changed it; the three-way merge (MERGE_POLICIES) was stored.
 * - unchanged: the server already holds this state, or everything the device changed: nothing written.
 * - quarantined: invalid or outside the ward; put aside with the reason, like a push.
 * - erased: the person asked for their data to be erased (docs/privacy.md R4): nothing of the record is
 *   stored or put aside (a completion of an erased resident is stored as a bare tombstone).
 */
export const IMPORT_OUTCOMES = ['added', 'updated', 'merged', 'unchanged', 'quarantined', 'erased'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export const importResultSchema = z.object({
  /** Position of the record in the file's `records`. */
  index: z.int().check(z.gte(0)),
  collection: z.enum(PUSHABLE_COLLECTIONS),
  /** The record's id, or '(unknown)' when the document has none. */
  id: z.string(),
  outcome: z.enum(IMPORT_OUTCOMES),
  reason: z.optional(z.object({ code: z.enum(['invalid_document', 'out_of_scope']), message: z.string() })),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const unsyncedImportResponseSchema = z.object({
  wardCode: wardCodeSchema,
  counts: z.object({
    added: z.int(),
    updated: z.int(),
    merged: z.int(),
    unchanged: z.int(),
    quarantined: z.int(),
    erased: z.int(),
  }),
  results: z.array(importResultSchema),
});
export type UnsyncedImportResponse = z.infer<typeof unsyncedImportResponseSchema>;

/** The few fields of a record a person recognises it by, as plain values (never markup). */
export const recordSummarySchema = z.object({
  /** Resident: full name. */
  name: z.optional(z.string()),
  birthYear: z.optional(z.number()),
  /** Session or completion: the day (YYYY-MM-DD). */
  date: z.optional(z.string()),
  /** Session: where. */
  place: z.optional(z.string()),
  /** Completion: trained / passed / vneid. */
  kind: z.optional(z.string()),
  residentId: z.optional(z.string()),
  groupId: z.optional(z.string()),
  deleted: z.boolean(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;

const SUMMARY_TEXT_MAX = 120;

/** The summary of any document, whatever shape it has (put-aside documents may be anything). */
export function summariseRecord(doc: unknown): RecordSummary {
  const d =
    doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
  const str = (key: string) => {
    const v = d[key];
    return typeof v === 'string' && v.length > 0 ? v.slice(0, SUMMARY_TEXT_MAX) : undefined;
  };
  const year = d['birthYear'];
  const out: RecordSummary = { deleted: d['_deleted'] === true };
  const fields = {
    name: str('fullName'),
    birthYear: typeof year === 'number' && Number.isFinite(year) ? year : undefined,
    date: str('date'),
    place: str('place'),
    kind: str('kind'),
    residentId: str('residentId'),
    groupId: str('groupId'),
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) Object.assign(out, { [key]: value });
  }
  return out;
}

/** `GET /v1/wards/:ward/quarantine`: the ward's put-aside documents, newest first. */
export const quarantineItemSchema = z.object({
  collection: z.string(),
  docId: z.string(),
  reasonCode: z.enum(['invalid_document', 'out_of_scope']),
  reason: z.string(),
  receivedAt: z.string(),
  summary: recordSummarySchema,
  /** The refused document as data (shown only when the officer expands it), null when unreadable. */
  document: z.nullable(plainDocSchema),
});
export type QuarantineItemView = z.infer<typeof quarantineItemSchema>;
export const quarantineResponseSchema = z.object({
  items: z.array(quarantineItemSchema),
  /** How many put-aside documents the ward has in all (the list holds the newest). */
  total: z.int(),
});
export type QuarantineResponse = z.infer<typeof quarantineResponseSchema>;

/** `GET /v1/wards/:ward/records/:collection/:id/history`: the audit trail of one record. */
export const recordStateSchema = z.object({
  /** The record as stored (without `_deleted`). */
  doc: plainDocSchema,
  deleted: z.boolean(),
  seq: z.int(),
});
export const recordHistoryResponseSchema = z.object({
  collection: z.enum(SYNC_COLLECTIONS),
  id: z.string(),
  /** The state the server holds now, with when it was written. */
  current: z.nullable(z.extend(recordStateSchema, { receivedAt: z.string() })),
  /** Every state it replaced, oldest first, each with when it was replaced (docs/sync.md invariant 10). */
  history: z.array(z.extend(recordStateSchema, { replacedBySeq: z.int(), replacedAt: z.string() })),
});
export type RecordHistoryResponse = z.infer<typeof recordHistoryResponseSchema>;

/**
 * Records per residential group above which a cheap phone struggles (docs/BENCHMARKS.md). A leader's or
 * volunteer's phone holds every record of their groups.
 *
 * - residents: the roster search was measured with 10,040 residents on one phone (Chromium at 4× CPU
 *   slowdown, 360×740): the slowest keystroke took 49.4 ms against a 50 ms target, i.e. 10k is the limit,
 *   not a comfortable load. A phone often carries two groups and real phones are noisier than the bench,
 *   so one group is "heavy" above half of it.
 * - completions: the on-device storage target (QUALITY.md B10) is 10k residents with 50k completions, five
 *   per resident; the same halving gives 25,000 per group.
 * - sessions: not measured. The attendee picker and the tally walk every session of the phone; a group of
 *   5,000 adults trained in classes of about 20 needs some 250 sessions, so 1,000 leaves four times that.
 */
export const PHONE_COMFORT = { residents: 5_000, sessions: 1_000, completions: 25_000 } as const;

export type LoadCounts = Record<PushableCollection, number>;

/** The collections of a group above the phone-comfort thresholds (empty = comfortable). */
export function heavyCollections(
  counts: LoadCounts,
  comfort: LoadCounts = PHONE_COMFORT,
): PushableCollection[] {
  return PUSHABLE_COLLECTIONS.filter((c) => counts[c] > comfort[c]);
}

/** `GET /v1/wards/:ward/group-load`: live records per residential group, and which groups are heavy. */
export const groupLoadSchema = z.object({
  groupId: z.string(),
  name: z.string(),
  residents: z.int(),
  sessions: z.int(),
  completions: z.int(),
  heavy: z.boolean(),
  /** The collections above their threshold. */
  over: z.array(z.enum(PUSHABLE_COLLECTIONS)),
});
export type GroupLoad = z.infer<typeof groupLoadSchema>;
export const groupLoadResponseSchema = z.object({
  thresholds: z.object({ residents: z.int(), sessions: z.int(), completions: z.int() }),
  groups: z.array(groupLoadSchema),
});
export type GroupLoadResponse = z.infer<typeof groupLoadResponseSchema>;
