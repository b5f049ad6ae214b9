// Completion form → record, as a pure function (unit-testable without RxDB): trained / passed on skills,
// or a VNeID confirmation with what the volunteer saw, recorded by the actor.
import { completionSchema, newId, type VneidEvidence } from '../../shared';
import { typedDate } from './dates';
import {
  addIssues,
  distinctSkills,
  hasErrors,
  normaliseName,
  optionalLine,
  optionalNotes,
  withoutUndefined,
} from './draft-helpers';
import type { DraftContext } from './resident-draft';
import type { CompletionDraft, CompletionField, CompletionSave, FieldErrors } from './repo-types';

export const COMPLETION_FIELDS: readonly CompletionField[] = [
  'residentId',
  'kind',
  'date',
  'skills',
  'vneid.channel',
  'vneid.courseName',
  'vneid.issuer',
  'vneid.recordNumber',
  'notes',
];

/** `groupId` is the resident's group (the repository looks the resident up). */
export function completionFromDraft(
  draft: CompletionDraft,
  ctx: DraftContext & { wardCode: string; groupId: string; id?: string },
): CompletionSave {
  const errors: FieldErrors<CompletionField> = {};
  const date = typedDate(draft.date, true);
  if (date.error !== undefined) errors.date = date.error;
  const stamp = ctx.now.toISOString();
  const isVneid = draft.kind === 'vneid';
  const trainedOrPassed = draft.kind === 'trained' || draft.kind === 'passed';
  const candidate = withoutUndefined({
    id: ctx.id ?? newId(),
    wardCode: ctx.wardCode,
    groupId: ctx.groupId,
    residentId: draft.residentId,
    kind: draft.kind,
    date: date.value ?? '',
    skills: trainedOrPassed ? distinctSkills(draft.skills) : undefined,
    vneid: isVneid ? evidence(draft.vneid) : undefined,
    recordedBy: normaliseName(ctx.actor.name),
    recordedById: ctx.actor.id === '' ? undefined : ctx.actor.id,
    notes: optionalNotes(draft.notes),
    createdAt: stamp,
    updatedAt: stamp,
  });
  const parsed = completionSchema.safeParse(candidate);
  if (!parsed.success) addIssues(errors, parsed.error.issues, COMPLETION_FIELDS);
  if (hasErrors(errors) || !parsed.success) return { ok: false, errors };
  return { ok: true, record: parsed.data };
}

function evidence(draft: CompletionDraft['vneid']): VneidEvidence {
  return withoutUndefined({
    channel: draft.channel as VneidEvidence['channel'],
    courseName: optionalLine(draft.courseName),
    issuer: optionalLine(draft.issuer),
    recordNumber: optionalLine(draft.recordNumber),
  });
}
