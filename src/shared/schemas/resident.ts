// A resident (người dân) registered by a volunteer. Adults only; the minimum personal data needed
// (no full citizen ID, no ethnicity, no photos — see DOMAIN.md "Personal data").
import { z } from 'zod/mini';
import { dateSchema, groupIdSchema, instantSchema, text, uuidSchema, wardCodeSchema } from './common';

export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

export const MIN_BIRTH_YEAR = 1900;

export const residentSchema = z
  .strictObject({
    id: uuidSchema,
    wardCode: wardCodeSchema,
    groupId: groupIdSchema,
    fullName: text(2, 100, 'fullName'),
    birthYear: z
      .int({ error: 'birthYear.invalid' })
      .check(
        z.gte(MIN_BIRTH_YEAR, { error: 'birthYear.outOfRange' }),
        z.lte(2100, { error: 'birthYear.outOfRange' }),
      ),
    birthDate: z.optional(dateSchema),
    sex: z.enum(SEXES, { error: 'sex.required' }),
    phone: z.optional(
      z.string().check(z.regex(/^(\+84|0)\d{9,10}$/, { error: 'phone.invalid' }), z.maxLength(13)),
    ),
    createdAt: instantSchema,
    updatedAt: instantSchema,
  })
  .check(
    z.refine((r) => r.birthYear <= new Date().getUTCFullYear(), {
      error: 'birthYear.future',
      path: ['birthYear'],
    }),
    z.refine((r) => r.birthDate === undefined || r.birthDate.startsWith(`${r.birthYear}-`), {
      error: 'birthDate.mismatch',
      path: ['birthDate'],
    }),
  );
export type Resident = z.infer<typeof residentSchema>;
