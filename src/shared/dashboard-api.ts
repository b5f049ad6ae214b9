// Wire shapes of the officer dashboard's own endpoints (the coverage answer itself is in ward-api.ts):
// a residential group's roster on a date for the drill-down (names and status only: no phone, no
// consents), and the team's activity per ISO week (training sessions logged, completions recorded).
import { z } from 'zod/mini';
import { dateSchema, groupIdSchema, uuidSchema } from './schemas/common';
import { SEXES } from './schemas/resident';

const count = z.int().check(z.gte(0));

export const ROSTER_STATUSES = ['not_reached', 'trained', 'confirmed'] as const;

export const rosterQuerySchema = z.strictObject({
  /** The reporting date; default today (the server's day in Vietnam). */
  date: z.optional(dateSchema),
});

/** One person of a group on the date: who they are and how far they got, nothing else. */
export const rosterPersonSchema = z.object({
  /** The record that stands for the person (records merged into it are counted in mergedRecords). */
  id: uuidSchema,
  fullName: z.string(),
  birthYear: z.int(),
  sex: z.enum(SEXES),
  /** Age in whole years on the date. */
  age: z.int(),
  /** Adult on the date by the ward's adult age (only adults count in coverage). */
  adult: z.boolean(),
  status: z.enum(ROSTER_STATUSES),
  /** Earliest dates counting for K and V up to the date; null when none. */
  kFirst: z.nullable(dateSchema),
  vFirst: z.nullable(dateSchema),
  mergedRecords: count,
});
export type RosterPersonWire = z.infer<typeof rosterPersonSchema>;

export const groupRosterResponseSchema = z.object({
  date: dateSchema,
  groupId: groupIdSchema,
  people: z.array(rosterPersonSchema),
});
export type GroupRosterResponse = z.infer<typeof groupRosterResponseSchema>;

export const ACTIVITY_WEEKS_MAX = 52;
export const ACTIVITY_WEEKS_DEFAULT = 8;

export const activityQuerySchema = z.strictObject({
  /** How many ISO weeks back, the current week included (1–52, default 8). */
  weeks: z.optional(
    z.string().check(
      z.regex(/^\d{1,2}$/),
      z.refine((s) => Number(s) >= 1 && Number(s) <= ACTIVITY_WEEKS_MAX, { error: 'weeks: 1–52' }),
    ),
  ),
  /** The last day counted; default today (the server's day in Vietnam). */
  date: z.optional(dateSchema),
});

/** One account's work: per week (same order as `weeks`), sessions logged and completions recorded. */
export const activityPersonSchema = z.object({
  /** The account id, or null for records with no known creator. */
  accountId: z.nullable(z.string()),
  /** The account's name; "(không rõ)" when the creator is unknown. */
  fullName: z.string(),
  sessions: z.array(count),
  completions: z.array(count),
  totalSessions: count,
  totalCompletions: count,
});
export type ActivityPerson = z.infer<typeof activityPersonSchema>;

export const teamActivityResponseSchema = z.object({
  /** The last day counted. */
  date: dateSchema,
  /** The Monday of each ISO week, oldest first; the last one is the week of `date`. */
  weeks: z.array(dateSchema),
  /** Most sessions first. */
  people: z.array(activityPersonSchema),
});
export type TeamActivityResponse = z.infer<typeof teamActivityResponseSchema>;

/** The Monday (YYYY-MM-DD) of the ISO week holding `date`. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** The Mondays of the `weeks` ISO weeks ending with the week of `date`, oldest first. */
export function activityWeeks(date: string, weeks: number): string[] {
  const last = new Date(`${mondayOf(date)}T00:00:00Z`).getTime();
  const out: string[] = [];
  for (let i = weeks - 1; i >= 0; i -= 1) {
    out.push(new Date(last - i * 7 * 86_400_000).toISOString().slice(0, 10));
  }
  return out;
}

/** What stands for an unknown creator (no createdBy / recordedById, or no such account). */
export const UNKNOWN_CREATOR = '(không rõ)';
