// Wire shapes of the officer's group and settings endpoints (docs/ward.md "Groups"): ward settings,
// creating, renaming, splitting and merging residential groups, and the import of the adult population
// figures (denominators). The server parses and answers with them, the officer screens validate with them.
import { z } from 'zod/mini';
import { GROUP_KINDS, adultPopulationSchema, groupSchema } from './schemas/group';
import { groupIdSchema, text, uuidSchema } from './schemas/common';
import { wardSettingsSchema, type WardSettings } from './schemas/ward-settings';

const count = z.int().check(z.gte(0));

// --- Settings ---------------------------------------------------------------------------------

/** A percentage target above this is refused (a count target has no such bound). */
export const TARGET_PERCENT_MAX = 100;

/**
 * The settings an officer saves: the stored shape, plus what a form can get wrong — one target per year
 * and indicator, a percentage of at most 100, a count in whole people. Message keys, translated by the UI.
 */
export const wardSettingsBodySchema = wardSettingsSchema.check(
  z.refine(
    (s: WardSettings) => new Set(s.targets.map((t) => `${t.year}:${t.indicator}`)).size === s.targets.length,
    { error: 'settings.targetTwice', path: ['targets'] },
  ),
  z.refine(
    (s: WardSettings) => s.targets.every((t) => t.kind !== 'percent' || t.value <= TARGET_PERCENT_MAX),
    { error: 'settings.percentTooHigh', path: ['targets'] },
  ),
  z.refine((s: WardSettings) => s.targets.every((t) => t.kind !== 'count' || Number.isInteger(t.value)), {
    error: 'settings.countNotWhole',
    path: ['targets'],
  }),
);

export const wardSettingsAnswerSchema = z.object({ settings: wardSettingsSchema });
export type WardSettingsAnswer = z.infer<typeof wardSettingsAnswerSchema>;

// --- Groups -----------------------------------------------------------------------------------

const groupName = text(1, 120, 'groupName');
const groupKind = z.enum(GROUP_KINDS);

export const createGroupBodySchema = z.strictObject({ name: groupName, kind: groupKind });
export type CreateGroupBody = z.infer<typeof createGroupBodySchema>;

/** Rename, change the kind, set the entered adult population (null clears it: back to registered adults). */
export const updateGroupBodySchema = z.strictObject({
  name: z.optional(groupName),
  kind: z.optional(groupKind),
  adultPopulation: z.optional(z.nullable(adultPopulationSchema)),
});
export type UpdateGroupBody = z.infer<typeof updateGroupBodySchema>;

export const groupAnswerSchema = z.object({ group: groupSchema });
export type GroupAnswer = z.infer<typeof groupAnswerSchema>;

/** Most residents one split moves (a residential group holds a few hundred adults). */
export const SPLIT_RESIDENTS_MAX = 5000;

/**
 * A new group made of some residents of this one. Repeating the same split (after a failure) finishes
 * it: a live group of the same name is the target again, and residents already there count as moved.
 */
export const splitGroupBodySchema = z.strictObject({
  name: groupName,
  kind: groupKind,
  residentIds: z.array(uuidSchema).check(z.minLength(1), z.maxLength(SPLIT_RESIDENTS_MAX)),
});
export type SplitGroupBody = z.infer<typeof splitGroupBodySchema>;

export const splitGroupAnswerSchema = z.object({
  group: groupSchema,
  /** Records written by this call (a repeat writes only what was left). */
  moved: z.object({ residents: count, completions: count }),
  /** Leaders and volunteers who were given the new group. */
  accounts: count,
  /** Chosen ids that are not live residents of either group (deleted meanwhile, or never there). */
  skipped: z.array(uuidSchema),
});
export type SplitGroupAnswer = z.infer<typeof splitGroupAnswerSchema>;

export const mergeGroupBodySchema = z.strictObject({ intoId: groupIdSchema });
export type MergeGroupBody = z.infer<typeof mergeGroupBodySchema>;

export const mergeGroupAnswerSchema = z.object({
  fromId: groupIdSchema,
  into: groupSchema,
  moved: z.object({ residents: count, completions: count, sessions: count }),
  accounts: count,
});
export type MergeGroupAnswer = z.infer<typeof mergeGroupAnswerSchema>;

// --- Denominator import -----------------------------------------------------------------------

/** Base64 of the file: an XLSX of a few thousand rows is well under this. */
export const DENOMINATOR_FILE_MAX_BASE64 = 8 * 1024 * 1024;
export const DENOMINATOR_ROWS_MAX = 2000;

export const denominatorImportBodySchema = z.strictObject({
  filename: z.string().check(z.minLength(1), z.maxLength(255)),
  contentBase64: z.string().check(z.minLength(1), z.maxLength(DENOMINATOR_FILE_MAX_BASE64)),
  commit: z.boolean(),
});
export type DenominatorImportBody = z.infer<typeof denominatorImportBodySchema>;

/** Why the file as a whole cannot be read (message keys). */
export const DENOMINATOR_FILE_PROBLEMS = [
  'file.type',
  'file.unreadable',
  'file.encoding',
  'file.empty',
  'file.tooManyRows',
  'columns.group',
  'columns.count',
  'columns.source',
  'columns.date',
] as const;
export type DenominatorFileProblem = (typeof DENOMINATOR_FILE_PROBLEMS)[number];

/** What is wrong with one row (message keys). */
export const DENOMINATOR_ROW_ERRORS = [
  'group.missing',
  'group.unknown',
  'group.twice',
  'count.missing',
  'count.invalid',
  'source.missing',
  'source.tooLong',
  'date.missing',
  'date.invalid',
  'date.future',
] as const;
export type DenominatorRowError = (typeof DENOMINATOR_ROW_ERRORS)[number];

export const DENOMINATOR_ROW_STATUSES = ['update', 'unchanged', 'error'] as const;
export type DenominatorRowStatus = (typeof DENOMINATOR_ROW_STATUSES)[number];

export const denominatorRowSchema = z.object({
  /** The row's line in the file (1 = the first line), as the officer sees it in Excel. */
  line: z.int(),
  /** The group cell as written. */
  groupText: z.string(),
  groupId: z.optional(groupIdSchema),
  groupName: z.optional(z.string()),
  /** The figure read from the row (absent when the row has errors). */
  adultPopulation: z.optional(adultPopulationSchema),
  /** The group's figure before the import. */
  previous: z.optional(adultPopulationSchema),
  status: z.enum(DENOMINATOR_ROW_STATUSES),
  errors: z.array(z.enum(DENOMINATOR_ROW_ERRORS)),
});
export type DenominatorRow = z.infer<typeof denominatorRowSchema>;

export const denominatorImportAnswerSchema = z.object({
  /** True when the figures were written (commit, and the file could be read). */
  committed: z.boolean(),
  /** Groups whose figure this call wrote (0 on a dry run, and on re-importing the same file). */
  written: count,
  problems: z.array(z.enum(DENOMINATOR_FILE_PROBLEMS)),
  rows: z.array(denominatorRowSchema),
  counts: z.object({ update: count, unchanged: count, error: count }),
});
export type DenominatorImportAnswer = z.infer<typeof denominatorImportAnswerSchema>;
