// A resident (người dân) registered by a volunteer. Adults only; the minimum personal data needed
// (no full citizen ID, no ethnicity, no photos — see DOMAIN.md "Personal data"). Consent for the
// "registration" purpose comes with the very first save; a phone number needs "contact" consent.
import { z } from 'zod/mini';
import { CONSENT_METHODS, CONSENT_PURPOSES } from '../consent';
import { dateSchema, groupIdSchema, instantSchema, text, uuidSchema, wardCodeSchema } from './common';

export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

export const MIN_BIRTH_YEAR = 1900;

/** One purpose's consent: who asked, when, how, under which wording; withdrawal is kept, not erased. */
export const consentSchema = z.strictObject({
  purpose: z.enum(CONSENT_PURPOSES, { error: 'consent.purpose' }),
  /** Display name of the volunteer who asked. */
  askedBy: text(1, 100, 'consent.askedBy'),
  /** Their account id, when known. */
  askedById: z.optional(z.string().check(z.maxLength(64))),
  /** The day consent was given (dd/mm/yyyy on screen). */
  date: dateSchema,
  method: z.enum(CONSENT_METHODS, { error: 'consent.method' }),
  wordingVersion: z.string().check(z.regex(/^[0-9A-Za-z.-]{1,20}$/, { error: 'consent.wording' })),
  withdrawnOn: z.optional(dateSchema),
});
export type Consent = z.infer<typeof consentSchema>;

/** True when the resident has a consent for the purpose that has not been withdrawn. */
export function hasConsent(consents: readonly Consent[], purpose: Consent['purpose']): boolean {
  return consents.some((c) => c.purpose === purpose && c.withdrawnOn === undefined);
}

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
    /** Last 4 digits of the citizen ID, only as a duplicate hint. Never the full number. */
    citizenIdLast4: z.optional(z.string().check(z.regex(/^\d{4}$/, { error: 'citizenIdLast4.invalid' }))),
    consents: z
      .array(consentSchema, { error: 'consent.required' })
      .check(z.minLength(1, { error: 'consent.required' }), z.maxLength(20)),
    /**
     * Set by a duplicate merge (an officer's or leader's decision, docs/ward.md "Duplicates"): this record
     * is the same person as that one, which stands for both in coverage. Cleared when the merge is undone.
     */
    mergedInto: z.optional(uuidSchema),
    createdAt: instantSchema,
    updatedAt: instantSchema,
  })
  .check(
    z.refine((r) => r.birthYear <= new Date().getUTCFullYear(), {
      error: 'birthYear.future',
      path: ['birthYear'],
    }),
    z.refine((r) => r.mergedInto !== r.id, { error: 'mergedInto.self', path: ['mergedInto'] }),
    z.refine((r) => r.birthDate === undefined || r.birthDate.startsWith(`${r.birthYear}-`), {
      error: 'birthDate.mismatch',
      path: ['birthDate'],
    }),
    z.refine((r) => r.consents.some((c) => c.purpose === 'registration'), {
      error: 'consent.required',
      path: ['consents'],
    }),
    z.refine((r) => r.phone === undefined || hasConsent(r.consents, 'contact'), {
      error: 'phone.needsConsent',
      path: ['phone'],
    }),
  );
export type Resident = z.infer<typeof residentSchema>;
