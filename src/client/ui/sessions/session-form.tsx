// The session form, for a new session and for an existing one: what was typed is kept as a draft
// across reloads, each problem is shown in words next to its field, the first one gets the focus, and
// a saved session opens on its own page.
import { signal } from '@preact/signals';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TrainingSession } from '../../../shared';
import type { FieldErrors, SessionDraft, SessionField } from '../../db';
import { describedBy, FieldError } from '../field-error';
import { useField, useFieldData } from '../field-context';
import { t } from '../i18n';
import { navigate } from '../router';
import { useDraft } from '../use-draft';
import { AttendeePicker } from './attendee-picker';
import { QuickAddResident } from './quick-add-resident';
import { SessionBasics } from './session-basics';
import { SkillsField } from './skills-field';
import { TrainersField } from './trainers-field';

const ORDER: SessionField[] = [
  'date',
  'place',
  'groupId',
  'format',
  'skills',
  'trainers',
  'attendeeIds',
  'notes',
];

/** The session just saved, so its page can say so once. */
export const justSaved = signal<string | null>(null);

interface SessionFormProps {
  draftKey: string;
  initial: SessionDraft;
  existing?: TrainingSession;
}

export function SessionForm({ draftKey, initial, existing }: SessionFormProps) {
  const { db, kv, session, catalogues } = useField();
  const data = useFieldData();
  const draft = useDraft<SessionDraft>(kv, draftKey, initial);
  const [errors, setErrors] = useState<FieldErrors<SessionField>>({});
  const [saving, setSaving] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusError = useRef(false);

  useLayoutEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    const field = ORDER.find((f) => errors[f]) ?? 'form';
    formRef.current?.querySelector<HTMLElement>(`[data-field="${field}"]`)?.focus();
  });

  const mine = session.account.groupIds;
  const groups = (data?.groups ?? []).filter(
    (g) => mine.length === 0 || mine.includes(g.id) || g.id === existing?.groupId,
  );
  const value = draft.value;
  // With one group there is nothing to choose: it is preselected (without writing a draft).
  const groupId = value.groupId || (groups.length === 1 ? groups[0]!.id : '');

  const edit = <F extends keyof SessionDraft>(field: F, next: SessionDraft[F]) => {
    draft.set((d) => ({ ...d, [field]: next }));
    if (existing && justSaved.value === existing.id) justSaved.value = null;
    const key = field as SessionField;
    setErrors((e) => (e[key] || e.form ? { ...e, [key]: undefined, form: undefined } : e));
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setAdded(null);
    const toSave = { ...draft.value, groupId };
    try {
      const result = existing ? await db.sessions.update(existing.id, toSave) : await db.sessions.add(toSave);
      if (result.ok) {
        draft.clear(existing ? db.sessions.draftOf(result.record) : initial);
        setErrors({});
        justSaved.value = result.record.id;
        navigate({ name: 'session', id: result.record.id }, { replace: true });
      } else {
        setErrors(result.errors);
        focusError.current = true;
      }
    } catch {
      setErrors({ form: 'storage.failed' });
      focusError.current = true;
    } finally {
      setSaving(false);
    }
  }

  if (!draft.ready || data === null) return <p class="loading">{t('app.loading')}</p>;
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <form ref={formRef} class="session-form" onSubmit={submit} noValidate aria-labelledby="session-title">
      {draft.restored ? (
        <p class="notice session-restored">
          {t('session.restored')}{' '}
          <button type="button" class="button-link" onClick={() => draft.clear(initial)}>
            {t('session.discardDraft')}
          </button>
        </p>
      ) : null}
      <SessionBasics value={{ ...value, groupId }} groups={groups} errors={errors} onEdit={edit} />
      <SkillsField
        catalogues={catalogues}
        value={value.skills}
        errorKey={errors.skills}
        onChange={(next) => edit('skills', next)}
      />
      <TrainersField
        value={value.trainers}
        errorKey={errors.trainers}
        onChange={(next) => edit('trainers', next)}
      />
      <AttendeePicker
        residents={(data?.residents ?? []).filter((r) => r.mergedInto === undefined)}
        groups={data?.groups ?? []}
        groupId={groupId}
        selected={value.attendeeIds}
        errorKey={errors.attendeeIds}
        onChange={(next) => edit('attendeeIds', next)}
      >
        <p role="status" class="saved">
          {added ? t('quickAdd.added', { name: added }) : ''}
        </p>
        <QuickAddResident
          groupId={groupId}
          onPicked={(r) => {
            draft.set((d) => ({ ...d, attendeeIds: [...d.attendeeIds.filter((id) => id !== r.id), r.id] }));
            setErrors((e) => ({ ...e, attendeeIds: undefined }));
            setAdded(r.fullName);
          }}
        />
      </AttendeePicker>
      <div class="field">
        <label for="session-notes">
          {t('session.notes')} <span class="optional">{t('session.optional')}</span>
        </label>
        <textarea
          id="session-notes"
          data-field="notes"
          value={value.notes}
          onInput={(e) => edit('notes', e.currentTarget.value)}
          aria-invalid={errors.notes ? 'true' : undefined}
          aria-describedby={describedBy(errors.notes && 'session-notes-error')}
        />
        <FieldError id="session-notes-error" errorKey={errors.notes} />
      </div>
      <div role="alert" class="form-alert" data-field="form" tabIndex={-1}>
        <FieldError id="session-form-error" errorKey={errors.form} />
      </div>
      {hasErrors && !errors.form ? <p class="form-summary">{t('session.hasErrors')}</p> : null}
      <button type="submit" class="button-primary" disabled={saving}>
        {saving ? t('session.saving') : t('session.save')}
      </button>
    </form>
  );
}
