// The add-resident form: what the volunteer types stays put when something is wrong; each problem is
// shown next to its field (in the current language) and the first one gets the focus.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AppDatabase, FieldErrors, ResidentDraft } from '../db';
import { describedBy, FieldError } from './field-error';
import { GroupSelect } from './group-select';
import { t } from './i18n';
import { useGroups } from './use-groups';

type FieldName = 'fullName' | 'birthYear' | 'sex' | 'groupId' | 'phone';
const FIELD_ORDER: FieldName[] = ['fullName', 'birthYear', 'sex', 'groupId', 'phone'];
const EMPTY: Required<ResidentDraft> = { fullName: '', birthYear: '', sex: '', groupId: '', phone: '' };

const inputId = (field: FieldName) => `resident-${field}`;
const errorId = (field: FieldName | 'form') => `resident-${field}-error`;

export function ResidentForm({ db }: { db: AppDatabase }) {
  const groups = useGroups(db);
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [savedName, setSavedName] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const focusAfterRender = useRef<'first-error' | 'name' | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useLayoutEffect(() => {
    const form = formRef.current;
    const want = focusAfterRender.current;
    focusAfterRender.current = null;
    if (!form || !want) return;
    const field = want === 'name' ? 'fullName' : FIELD_ORDER.find((f) => errors[f]);
    if (field) form.querySelector<HTMLElement>(`[data-field="${field}"]`)?.focus();
  });

  const edit = (field: FieldName) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => (e[field] || e.form ? { ...e, [field]: undefined, form: undefined } : e));
  };
  const invalid = (field: FieldName) => (errors[field] ? 'true' : undefined);

  async function submit(event: Event) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setSavedName(null);
    const result = await db.residents.add(draft);
    setSaving(false);
    if (result.ok) {
      setDraft({ ...EMPTY, groupId: draft.groupId });
      setErrors({});
      setSavedName(result.resident.fullName);
      focusAfterRender.current = 'name';
    } else {
      setErrors(result.errors);
      focusAfterRender.current = 'first-error';
    }
  }

  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <form
      ref={formRef}
      class="card resident-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="resident-form-title"
    >
      <h2 id="resident-form-title">{t('form.title')}</h2>

      <div class="field">
        <label for={inputId('fullName')}>{t('form.fullName')}</label>
        <input
          id={inputId('fullName')}
          data-field="fullName"
          type="text"
          autocomplete="off"
          autocapitalize="words"
          spellcheck={false}
          value={draft.fullName}
          onInput={(e) => edit('fullName')(e.currentTarget.value)}
          aria-invalid={invalid('fullName')}
          aria-describedby={describedBy(errors.fullName && errorId('fullName'))}
        />
        <FieldError id={errorId('fullName')} errorKey={errors.fullName} />
      </div>

      <div class="field">
        <label for={inputId('birthYear')}>{t('form.birthYear')}</label>
        <p id="resident-birthYear-hint" class="hint">
          {t('form.birthYearHint')}
        </p>
        <input
          id={inputId('birthYear')}
          data-field="birthYear"
          class="input-year"
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={4}
          autocomplete="off"
          value={draft.birthYear}
          onInput={(e) => edit('birthYear')(e.currentTarget.value)}
          aria-invalid={invalid('birthYear')}
          aria-describedby={describedBy('resident-birthYear-hint', errors.birthYear && errorId('birthYear'))}
        />
        <FieldError id={errorId('birthYear')} errorKey={errors.birthYear} />
      </div>

      <fieldset class="field" aria-describedby={describedBy(errors.sex && errorId('sex'))}>
        <legend>{t('form.sex')}</legend>
        <div class="choices">
          {(['female', 'male'] as const).map((sex, i) => (
            <label class="choice" key={sex}>
              <input
                type="radio"
                name="sex"
                value={sex}
                data-field={i === 0 ? 'sex' : undefined}
                checked={draft.sex === sex}
                onChange={() => edit('sex')(sex)}
                aria-invalid={invalid('sex')}
                aria-describedby={describedBy(errors.sex && errorId('sex'))}
              />
              <span>{t(sex === 'female' ? 'form.sex.female' : 'form.sex.male')}</span>
            </label>
          ))}
        </div>
        <FieldError id={errorId('sex')} errorKey={errors.sex} />
      </fieldset>

      <GroupSelect
        id={inputId('groupId')}
        errorId={errorId('groupId')}
        groups={groups}
        value={draft.groupId}
        errorKey={errors.groupId}
        onChange={edit('groupId')}
      />

      <div class="field">
        <label for={inputId('phone')}>
          {t('form.phone')} <span class="optional">{t('form.optional')}</span>
        </label>
        <input
          id={inputId('phone')}
          data-field="phone"
          type="tel"
          inputMode="tel"
          autocomplete="off"
          value={draft.phone}
          onInput={(e) => edit('phone')(e.currentTarget.value)}
          aria-invalid={invalid('phone')}
          aria-describedby={describedBy(errors.phone && errorId('phone'))}
        />
        <FieldError id={errorId('phone')} errorKey={errors.phone} />
      </div>

      <div role="alert" class="form-alert">
        <FieldError id={errorId('form')} errorKey={errors.form} />
      </div>
      {hasErrors && !errors.form ? <p class="form-summary">{t('form.hasErrors')}</p> : null}
      <button type="submit" class="button-primary" disabled={saving}>
        {saving ? t('form.saving') : t('form.submit')}
      </button>
      <p role="status" class="saved">
        {savedName ? t('form.saved', { name: savedName }) : ''}
      </p>
    </form>
  );
}
