// A training session (buổi hướng dẫn / lớp học): when, where, which group, how, which skills, who taught
// and who attended. Attending a session counts as "trained" on its skills (src/shared/coverage.ts), so
// attendance is stored once, here, and never copied into per-person records that could disagree.
import { z } from 'zod/mini';
import { dateSchema, groupIdSchema, instantSchema, text, uuidSchema, wardCodeSchema } from './common';
import { skillListSchema } from './skills';

export const SESSION_FORMATS = ['class', 'home_visit', 'online'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

export const ATTENDEES_MAX = 500;

export const trainingSessionSchema = z.strictObject({
  id: uuidSchema,
  wardCode: wardCodeSchema,
  /** The group the session is logged under (its scope); attendees may live in any group of the ward. */
  groupId: groupIdSchema,
  date: dateSchema,
  place: text(1, 200, 'place'),
  format: z.enum(SESSION_FORMATS, { error: 'format.required' }),
  skills: skillListSchema,
  trainers: z
    .array(text(1, 100, 'trainer'), { error: 'trainers.required' })
    .check(z.minLength(1, { error: 'trainers.required' }), z.maxLength(20, { error: 'trainers.tooMany' })),
  attendeeIds: z.array(uuidSchema).check(
    z.maxLength(ATTENDEES_MAX, { error: 'attendees.tooMany' }),
    z.refine((ids) => new Set(ids).size === ids.length, { error: 'attendees.repeated' }),
  ),
  notes: z.optional(text(1, 2000, 'notes')),
  /** Account id of whoever logged it. */
  createdBy: z.optional(z.string().check(z.maxLength(64))),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type TrainingSession = z.infer<typeof trainingSessionSchema>;
