// Training-session form ⇄ record, as pure functions (unit-testable without RxDB).
import { newId, normaliseText, trainingSessionSchema, type TrainingSession } from '../../shared';
import { formatTypedDate, typedDate } from './dates';
import { addIssues, distinctSkills, hasErrors, optionalNotes, withoutUndefined } from './draft-helpers';
import type { DraftContext } from './resident-draft';
import type { FieldErrors, SessionDraft, SessionField, SessionSave } from './repo-types';

export const SESSION_FIELDS: readonly SessionField[] = [
  'date',
  'place',
  'format',
  'groupId',
  'skills',
  'trainers',
  'attendeeIds',
  'notes',
];

/** A new session, logged by the actor. */
export function sessionFromDraft(
  draft: SessionDraft,
  ctx: DraftContext & { wardCode: string; id?: string },
): SessionSave {
  const stamp = ctx.now.toISOString();
  const base = {
    id: ctx.id ?? newId(),
    wardCode: ctx.wardCode,
    createdBy: ctx.actor.id === '' ? undefined : ctx.actor.id,
    createdAt: stamp,
  };
  return buildSession(draft, base, stamp);
}

/** An edit: id, ward, who logged it and createdAt stay; updatedAt moves on. */
export function sessionUpdateFromDraft(
  existing: TrainingSession,
  draft: SessionDraft,
  ctx: DraftContext,
): SessionSave {
  const base = {
    id: existing.id,
    wardCode: existing.wardCode,
    createdBy: existing.createdBy,
    createdAt: existing.createdAt,
  };
  return buildSession(draft, base, ctx.now.toISOString());
}

export function draftOfSession(session: TrainingSession): SessionDraft {
  return {
    date: formatTypedDate(session.date),
    place: session.place,
    format: session.format,
    groupId: session.groupId,
    skills: session.skills.map((s) => ({ ...s })),
    trainers: [...session.trainers],
    attendeeIds: [...session.attendeeIds],
    notes: session.notes ?? '',
  };
}

function buildSession(
  draft: SessionDraft,
  base: { id: string; wardCode: string; createdBy: string | undefined; createdAt: string },
  updatedAt: string,
): SessionSave {
  const errors: FieldErrors<SessionField> = {};
  const date = typedDate(draft.date, true);
  if (date.error !== undefined) errors.date = date.error;
  const candidate = withoutUndefined({
    id: base.id,
    wardCode: base.wardCode,
    groupId: draft.groupId.trim(),
    date: date.value ?? '',
    place: normaliseText(draft.place),
    format: draft.format,
    skills: distinctSkills(draft.skills),
    trainers: draft.trainers.map(normaliseText).filter((name) => name !== ''),
    attendeeIds: [...new Set(draft.attendeeIds)],
    notes: optionalNotes(draft.notes),
    createdBy: base.createdBy,
    createdAt: base.createdAt,
    updatedAt,
  });
  const parsed = trainingSessionSchema.safeParse(candidate);
  if (!parsed.success) addIssues(errors, parsed.error.issues, SESSION_FIELDS);
  if (hasErrors(errors) || !parsed.success) return { ok: false, errors };
  return { ok: true, record: parsed.data };
}
