// A completion for one resident: trained on skills, passed the course, or confirmed on VNeID with the
// evidence the volunteer saw. Never a photo of an ID card or a VNeID screen (sensitive data by law).
import { z } from 'zod/mini';
import { dateSchema, groupIdSchema, instantSchema, text, uuidSchema, wardCodeSchema } from './common';
import { skillListSchema } from './skills';

export const COMPLETION_KINDS = ['trained', 'passed', 'vneid'] as const;
export type CompletionKind = (typeof COMPLETION_KINDS)[number];

/** Where the volunteer saw the confirmation. */
export const VNEID_CHANNELS = ['vneid_app', 'platform_certificate', 'paper', 'resident_word'] as const;
export type VneidChannel = (typeof VNEID_CHANNELS)[number];

/** What was shown, as shown. Course and issuer are required unless the resident only told us. */
export const vneidEvidenceSchema = z
  .strictObject({
    channel: z.enum(VNEID_CHANNELS, { error: 'vneid.channel' }),
    courseName: z.optional(text(1, 200, 'vneid.courseName')),
    issuer: z.optional(text(1, 200, 'vneid.issuer')),
    recordNumber: z.optional(text(1, 60, 'vneid.recordNumber')),
  })
  .check(
    z.refine((e) => e.channel === 'resident_word' || e.courseName !== undefined, {
      error: 'vneid.courseName.required',
      path: ['courseName'],
    }),
    z.refine((e) => e.channel === 'resident_word' || e.issuer !== undefined, {
      error: 'vneid.issuer.required',
      path: ['issuer'],
    }),
  );
export type VneidEvidence = z.infer<typeof vneidEvidenceSchema>;

export const completionSchema = z
  .strictObject({
    id: uuidSchema,
    wardCode: wardCodeSchema,
    /** The resident's group (denormalised: scope is checked without a join). */
    groupId: groupIdSchema,
    residentId: uuidSchema,
    kind: z.enum(COMPLETION_KINDS, { error: 'completionKind.required' }),
    /** The day it happened (training, exam, or the confirmation date shown). */
    date: dateSchema,
    /** Skills trained or passed; absent for a VNeID confirmation. */
    skills: z.optional(skillListSchema),
    vneid: z.optional(vneidEvidenceSchema),
    /** Display name of the volunteer who recorded it. */
    recordedBy: text(1, 100, 'recordedBy'),
    recordedById: z.optional(z.string().check(z.maxLength(64))),
    /** Set by a ward officer who checked the evidence. */
    verifiedBy: z.optional(text(1, 100, 'verifiedBy')),
    verifiedAt: z.optional(instantSchema),
    notes: z.optional(text(1, 2000, 'notes')),
    createdAt: instantSchema,
    updatedAt: instantSchema,
  })
  .check(
    z.refine((c) => (c.kind === 'vneid') === (c.vneid !== undefined), {
      error: 'vneid.evidence.required',
      path: ['vneid'],
    }),
    z.refine((c) => c.kind === 'vneid' || c.skills !== undefined, {
      error: 'skills.required',
      path: ['skills'],
    }),
  );
export type Completion = z.infer<typeof completionSchema>;
