// Wire shapes of the ward's coverage, duplicates and period-close endpoints (docs/ward.md), as zod
// schemas: the server's answers are built to them, the officer screens parse with them, and the OpenAPI
// document (/openapi.json) is generated from them.
import { z } from 'zod/mini';
import { AGE_BANDS } from './coverage';
import { dateSchema, groupIdSchema, uuidSchema, wardCodeSchema } from './schemas/common';
import { SEXES } from './schemas/resident';
import { targetSchema, wardSettingsSchema } from './schemas/ward-settings';

const count = z.int().check(z.gte(0));

export const tallySchema = z.object({ adults: count, k: count, v: count });

export const indicatorFigureSchema = z.object({
  count,
  /** One decimal; null without a denominator; never capped (above 100 % = stale denominator). */
  percent: z.nullable(z.number()),
  target: targetSchema,
  targetCount: z.nullable(z.int()),
  /** "còn N người nữa để đạt chỉ tiêu"; null when the target does not apply. */
  gap: z.nullable(z.int()),
  overFull: z.boolean(),
});

const byAgeBandSchema = z.object(
  Object.fromEntries(AGE_BANDS.map((b) => [b, tallySchema])) as Record<
    (typeof AGE_BANDS)[number],
    typeof tallySchema
  >,
);
const bySexSchema = z.object(
  Object.fromEntries(SEXES.map((s) => [s, tallySchema])) as Record<
    (typeof SEXES)[number],
    typeof tallySchema
  >,
);

export const coverageRowSchema = z.object({
  denominator: count,
  /** entered: the officer's figure; registered: registered adults (fallback, say so); mixed: ward of both. */
  denominatorSource: z.enum(['entered', 'registered', 'mixed']),
  denominatorNote: z.optional(z.object({ source: z.string(), asOf: dateSchema })),
  registeredAdults: count,
  K: indicatorFigureSchema,
  V: indicatorFigureSchema,
  byAgeBand: byAgeBandSchema,
  bySex: bySexSchema,
});
export type CoverageRowWire = z.infer<typeof coverageRowSchema>;

export const groupCoverageSchema = z.extend(coverageRowSchema, {
  groupId: groupIdSchema,
  groupName: z.string(),
  notReachedCount: count,
});
export type GroupCoverageWire = z.infer<typeof groupCoverageSchema>;

/** One point of the trend: the ward on a month's last day (and on the reporting date itself). */
export const trendPointSchema = z.object({
  date: dateSchema,
  denominator: count,
  K: count,
  V: count,
  kPercent: z.nullable(z.number()),
  vPercent: z.nullable(z.number()),
});
export type TrendPoint = z.infer<typeof trendPointSchema>;

export const coverageResponseSchema = z.object({
  wardCode: wardCodeSchema,
  wardName: z.string(),
  date: dateSchema,
  adultAge: z.int(),
  groups: z.array(groupCoverageSchema),
  ward: coverageRowSchema,
  /** Month ends of the 12 months before the date's month, then the date. */
  trend: z.array(trendPointSchema),
});
export type CoverageResponse = z.infer<typeof coverageResponseSchema>;

export const coverageQuerySchema = z.strictObject({
  /** The reporting date; default today (the server's day in Vietnam). */
  date: z.optional(dateSchema),
});

/** Province roll-up (administrators): each ward's row and the province's, sums over sums. */
export const provinceCoverageResponseSchema = z.object({
  provinceCode: z.string(),
  date: dateSchema,
  wards: z.array(z.extend(coverageRowSchema, { wardCode: wardCodeSchema, wardName: z.string() })),
  province: coverageRowSchema,
});
export type ProvinceCoverageResponse = z.infer<typeof provinceCoverageResponseSchema>;

// --- Duplicates -------------------------------------------------------------------------------

/** Why two records look like one person. */
export const DUPLICATE_SIGNALS = ['name_birth_year', 'phone', 'citizen_id_last4'] as const;
export type DuplicateSignal = (typeof DUPLICATE_SIGNALS)[number];

/** One record as the side-by-side review shows it (no consent details, no notes). */
export const duplicateSideSchema = z.object({
  id: uuidSchema,
  groupId: groupIdSchema,
  fullName: z.string(),
  birthYear: z.int(),
  birthDate: z.optional(dateSchema),
  sex: z.enum(SEXES),
  phone: z.optional(z.string()),
  citizenIdLast4: z.optional(z.string()),
  createdAt: z.string(),
  /** Completions of this record (trained / passed / VNeID), and sessions attended. */
  completions: count,
  vneid: count,
  sessions: count,
});
export type DuplicateSide = z.infer<typeof duplicateSideSchema>;

export const duplicateCandidateSchema = z.object({
  signals: z.array(z.enum(DUPLICATE_SIGNALS)),
  a: duplicateSideSchema,
  b: duplicateSideSchema,
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

export const duplicatesResponseSchema = z.object({ candidates: z.array(duplicateCandidateSchema) });
export type DuplicatesResponse = z.infer<typeof duplicatesResponseSchema>;

/** Merge `fromId` into `intoId`: the first becomes part of the second, which stands for the person. */
export const mergeBodySchema = z.strictObject({
  fromId: uuidSchema,
  intoId: uuidSchema,
  signals: z.optional(z.array(z.enum(DUPLICATE_SIGNALS)).check(z.maxLength(3))),
});
export type MergeBody = z.infer<typeof mergeBodySchema>;

export const dismissBodySchema = z.strictObject({ aId: uuidSchema, bId: uuidSchema });

export const mergeRecordSchema = z.object({
  id: z.int(),
  fromId: uuidSchema,
  intoId: uuidSchema,
  fromName: z.string(),
  intoName: z.string(),
  reason: z.string(),
  mergedBy: z.string(),
  mergedAt: z.string(),
  undoneBy: z.nullable(z.string()),
  undoneAt: z.nullable(z.string()),
});
export type MergeRecord = z.infer<typeof mergeRecordSchema>;

export const mergesResponseSchema = z.object({ merges: z.array(mergeRecordSchema) });

// --- Period close -----------------------------------------------------------------------------

export const closePeriodBodySchema = z.strictObject({
  periodEnd: dateSchema,
  label: z.string().check(z.minLength(1), z.maxLength(120)),
});

/** Per group (and ward): the closed figure, today's recount of the same date, and the difference. */
export const lateCorrectionSchema = z.object({
  groupId: z.nullable(groupIdSchema),
  name: z.string(),
  reportedK: count,
  reportedV: count,
  currentK: count,
  currentV: count,
  lateK: z.int(),
  lateV: z.int(),
});
export type LateCorrection = z.infer<typeof lateCorrectionSchema>;

export const periodSchema = z.object({
  id: z.int(),
  periodEnd: dateSchema,
  label: z.string(),
  closedBy: z.string(),
  closedAt: z.string(),
});
export type Period = z.infer<typeof periodSchema>;

export const periodsResponseSchema = z.object({ periods: z.array(periodSchema) });

export const periodDetailSchema = z.object({
  period: periodSchema,
  /** The coverage answer exactly as it was when the period was closed. */
  reported: coverageResponseSchema,
  /** Groups and ward where records arrived after the close (differences ≠ 0), then every other row. */
  corrections: z.array(lateCorrectionSchema),
});
export type PeriodDetail = z.infer<typeof periodDetailSchema>;

export { wardSettingsSchema };
