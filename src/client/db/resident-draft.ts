// Resident form ⇄ record, as pure functions (unit-testable without RxDB): what the volunteer typed
// becomes a valid, normalised record — or catalogue keys per field — and consents are kept as history.
import {
  CONSENT_PURPOSES,
  CURRENT_CONSENT_WORDING,
  hasConsent,
  newId,
  residentSchema,
  type Consent,
  type Resident,
} from '../../shared';
import { formatTypedDate, localIsoDate, typedDate } from './dates';
import {
  addIssues,
  hasErrors,
  normaliseName,
  normalisePhone,
  optionalLine,
  withoutUndefined,
} from './draft-helpers';
import type {
  Actor,
  ConsentDraft,
  FieldErrors,
  ResidentDraft,
  ResidentField,
  ResidentSave,
} from './repo-types';

export const RESIDENT_FIELDS: readonly ResidentField[] = [
  'fullName',
  'birthYear',
  'birthDate',
  'sex',
  'groupId',
  'phone',
  'citizenIdLast4',
  'consent',
  'consentMethod',
  'consentDate',
];

export interface DraftContext {
  actor: Actor;
  now: Date;
}

/** A new resident from the add form. Registration consent is required. */
export function residentFromDraft(
  draft: ResidentDraft,
  ctx: DraftContext & { wardCode: string; id?: string },
): ResidentSave {
  const errors: FieldErrors<ResidentField> = {};
  if (!draft.consent.registration) errors.consent = 'consent.required';
  const base = {
    id: ctx.id ?? newId(),
    wardCode: ctx.wardCode,
    createdAt: ctx.now.toISOString(),
    consents: [],
  };
  return buildResident(draft, base, ctx, errors);
}

/**
 * An edit of a saved resident: id, ward and createdAt stay, updatedAt moves on. Consents are history:
 * live ones stay as they were, a newly ticked purpose is added, an unticked one is marked withdrawn today.
 */
export function residentUpdateFromDraft(
  existing: Resident,
  draft: ResidentDraft,
  ctx: DraftContext,
): ResidentSave {
  const base = {
    id: existing.id,
    wardCode: existing.wardCode,
    createdAt: existing.createdAt,
    consents: existing.consents,
  };
  return buildResident(draft, base, ctx, {});
}

/** The form's view of a saved resident. The consent day is left empty: it only dates newly ticked purposes. */
export function draftOfResident(resident: Resident): ResidentDraft {
  const live = resident.consents.filter((c) => c.withdrawnOn === undefined);
  const latest = live.reduce<Consent | undefined>(
    (a, c) => (a === undefined || c.date >= a.date ? c : a),
    undefined,
  );
  return {
    fullName: resident.fullName,
    birthYear: String(resident.birthYear),
    birthDate: formatTypedDate(resident.birthDate),
    sex: resident.sex,
    groupId: resident.groupId,
    phone: resident.phone ?? '',
    citizenIdLast4: resident.citizenIdLast4 ?? '',
    consent: {
      registration: hasConsent(resident.consents, 'registration'),
      contact: hasConsent(resident.consents, 'contact'),
      method: latest?.method ?? '',
      date: '',
    },
  };
}

interface ResidentBase {
  id: string;
  wardCode: string;
  createdAt: string;
  consents: readonly Consent[];
}

function buildResident(
  draft: ResidentDraft,
  base: ResidentBase,
  ctx: DraftContext,
  errors: FieldErrors<ResidentField>,
): ResidentSave {
  const fullName = normaliseName(draft.fullName);
  if (fullName === '') errors.fullName ??= 'fullName.required';
  const yearText = draft.birthYear.trim();
  if (yearText === '') errors.birthYear = 'birthYear.required';
  else if (!/^\d{4}$/.test(yearText)) errors.birthYear = 'birthYear.invalid';
  else if (Number(yearText) > ctx.now.getFullYear()) errors.birthYear = 'birthYear.future';
  const birthDate = typedDate(draft.birthDate, false);
  if (birthDate.error !== undefined) errors.birthDate = birthDate.error;
  const consents = consentsFromDraft(base.consents, draft.consent, ctx, errors);
  const candidate = withoutUndefined({
    id: base.id,
    wardCode: base.wardCode,
    groupId: draft.groupId.trim(),
    fullName,
    birthYear: yearText === '' ? Number.NaN : Number(yearText),
    birthDate: birthDate.value,
    sex: draft.sex,
    phone: normalisePhone(draft.phone),
    citizenIdLast4: optionalLine(draft.citizenIdLast4)?.replace(/\s/g, ''),
    consents,
    createdAt: base.createdAt,
    updatedAt: ctx.now.toISOString(),
  });
  const parsed = residentSchema.safeParse(candidate);
  if (!parsed.success) {
    // A consent method or day already reported: the schema's complaint about the consents is the same one.
    const consentReported = errors.consentMethod !== undefined || errors.consentDate !== undefined;
    const issues = parsed.error.issues.filter((i) => !(consentReported && i.path[0] === 'consents'));
    addIssues(errors, issues, RESIDENT_FIELDS, { consents: 'consent' });
  }
  if (hasErrors(errors) || !parsed.success) return { ok: false, errors };
  return { ok: true, record: parsed.data };
}

/** Existing consents kept (withdrawn when unticked), newly ticked purposes added, asked by the actor. */
function consentsFromDraft(
  existing: readonly Consent[],
  draft: ConsentDraft,
  ctx: DraftContext,
  errors: FieldErrors<ResidentField>,
): Consent[] {
  const today = localIsoDate(ctx.now);
  const out = existing.map((c) => ({ ...c }));
  const adding = CONSENT_PURPOSES.filter((p) => draft[p] && !hasConsent(existing, p));
  for (const c of out) if (c.withdrawnOn === undefined && !draft[c.purpose]) c.withdrawnOn = today;
  if (adding.length === 0) return out;
  const day = typedDate(draft.date, false);
  if (day.error !== undefined) errors.consentDate = day.error;
  if (draft.method === '') errors.consentMethod = 'consent.method';
  for (const purpose of adding) {
    out.push(
      withoutUndefined({
        purpose,
        askedBy: normaliseName(ctx.actor.name),
        askedById: ctx.actor.id === '' ? undefined : ctx.actor.id,
        date: day.value ?? today,
        method: draft.method as Consent['method'],
        wordingVersion: CURRENT_CONSENT_WORDING,
      }),
    );
  }
  return out;
}
