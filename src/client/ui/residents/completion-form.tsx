// The result form for one resident: what (trained on skills, passed the course, confirmed on VNeID),
// when (today unless changed), and the skills or the VNeID evidence as seen. Kept as a draft until saved.
import { useRef, useState } from 'preact/hooks';
import { COMPLETION_KINDS, type CompletionKind, type Resident } from '../../../shared';
import {
  emptyCompletionDraft,
  type CompletionDraft,
  type CompletionField,
  type FieldErrors,
} from '../../db/repo-types';
import { describedBy, FieldError } from '../field-error';
import { useField } from '../field-context';
import { formatDay, t, todayIso } from '../i18n';
import { navigate } from '../router';
import { useDraft } from '../use-draft';
import { errorIdOf, fieldId, FormAlert, TextField, useFocusFirstError } from './form-parts';
import { kindLabel } from './labels';
import { BackToResident } from './route-link';
import { SkillPicker } from './skill-picker';
import { VneidFields } from './vneid-fields';

const FORM = 'completion';
const FIELD_ORDER: readonly CompletionField[] = [
  'kind',
  'date',
  'skills',
  'vneid.channel',
  'vneid.courseName',
  'vneid.issuer',
  'vneid.recordNumber',
  'notes',
];

export function CompletionForm({ resident }: { resident: Resident }) {
  const { db, kv } = useField();
  const draft = useDraft<CompletionDraft>(kv, `completion:${resident.id}`, () => ({
    ...emptyCompletionDraft(resident.id),
    date: formatDay(todayIso()),
  }));
  const [errors, setErrors] = useState<FieldErrors<CompletionField>>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = useFocusFirstError(formRef, FIELD_ORDER, errors);
  // A draft stored by an older version of the app may lack newer fields: fill them in.
  const blank = emptyCompletionDraft(resident.id);
  const d: CompletionDraft = { ...blank, ...draft.value, vneid: { ...blank.vneid, ...draft.value.vneid } };

  const clearErrors = (fields: CompletionField[]) =>
    setErrors((e) => {
      if (!fields.some((f) => e[f]) && !e.form) return e;
      const next = { ...e };
      for (const f of [...fields, 'form' as const]) delete next[f];
      return next;
    });
  const change = (patch: Partial<CompletionDraft>, fields: CompletionField[]) => {
    draft.set((prev) => ({ ...prev, ...patch }));
    clearErrors(fields);
  };

  async function save(event: Event) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    const result = await db.completions.add({ ...d, residentId: resident.id });
    if (result.ok) {
      draft.clear();
      navigate({ name: 'resident', id: resident.id }, { replace: true });
      return;
    }
    setSaving(false);
    focusFirstError();
    setErrors(result.errors);
  }

  if (!draft.ready) return <p class="loading">{t('app.loading')}</p>;
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <form
      ref={formRef}
      class="card completion-form"
      noValidate
      aria-labelledby="completion-title"
      onSubmit={save}
    >
      <BackToResident id={resident.id} name={resident.fullName} />
      <h2 id="completion-title">{t('residents.completion.title', { name: resident.fullName })}</h2>
      {draft.restored ? (
        <p class="notice draft-restored" role="status">
          {t('residents.form.restored')}{' '}
          <button type="button" class="button-link" onClick={() => (draft.clear(), setErrors({}))}>
            {t('residents.form.discard')}
          </button>
        </p>
      ) : null}
      <KindField
        value={d.kind}
        error={errors.kind}
        onChange={(kind) => change({ kind }, ['kind', 'skills'])}
      />
      <TextField
        form={FORM}
        field="date"
        label={t('residents.completion.date')}
        hint={t('residents.form.dateHint')}
        value={d.date}
        error={errors.date}
        onInput={(date) => change({ date }, ['date'])}
        input={{ class: 'input-date' }}
      />
      {d.kind === 'trained' || d.kind === 'passed' ? (
        <SkillPicker
          value={d.skills}
          error={errors.skills}
          onChange={(skills) => change({ skills }, ['skills'])}
        />
      ) : null}
      {d.kind === 'vneid' ? (
        <VneidFields
          value={d.vneid}
          errors={errors}
          onChange={(patch, fields) => {
            draft.set((prev) => ({ ...prev, vneid: { ...prev.vneid, ...patch } }));
            clearErrors(fields);
          }}
        />
      ) : null}
      <NotesField value={d.notes} error={errors.notes} onInput={(notes) => change({ notes }, ['notes'])} />
      <FormAlert form={FORM} error={errors.form ?? errors.residentId} />
      {hasErrors && !errors.form ? <p class="form-summary">{t('residents.form.hasErrors')}</p> : null}
      <button type="submit" class="button-primary" disabled={saving}>
        {saving ? t('residents.form.saving') : t('residents.completion.save')}
      </button>
    </form>
  );
}

function KindField({
  value,
  error,
  onChange,
}: {
  value: CompletionDraft['kind'];
  error: string | undefined;
  onChange(kind: CompletionKind): void;
}) {
  const errorId = errorIdOf(FORM, 'kind');
  return (
    <fieldset class="field">
      <legend>{t('residents.completion.kind')}</legend>
      <div class="choices choices-stacked">
        {COMPLETION_KINDS.map((kind, i) => (
          <label class="choice" key={kind}>
            <input
              type="radio"
              name="completion-kind"
              value={kind}
              data-field={i === 0 ? 'kind' : undefined}
              checked={value === kind}
              onChange={() => onChange(kind)}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={describedBy(error && errorId)}
            />
            <span>{kindLabel(kind)}</span>
          </label>
        ))}
      </div>
      <FieldError id={errorId} errorKey={error} />
    </fieldset>
  );
}

function NotesField({
  value,
  error,
  onInput,
}: {
  value: string;
  error: string | undefined;
  onInput(v: string): void;
}) {
  const id = fieldId(FORM, 'notes');
  return (
    <div class="field">
      <label for={id}>
        {t('residents.completion.notes')} <span class="optional">{t('residents.form.optional')}</span>
      </label>
      <textarea
        id={id}
        data-field="notes"
        rows={3}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(error && errorIdOf(FORM, 'notes'))}
      />
      <FieldError id={errorIdOf(FORM, 'notes')} errorKey={error} />
    </div>
  );
}
