// The personal-data fields of the resident form: name, birth year and date, sex, residential group.
// Phone and the citizen-ID hint are in contact-fields.tsx (the phone needs its own consent).
import type { ResidentialGroup } from '../../../shared';
import type { FieldErrors, ResidentDraft, ResidentField } from '../../db';
import { describedBy, FieldError } from '../field-error';
import { t } from '../i18n';
import { FORM } from './consent-fields';
import { errorIdOf, fieldId, TextField } from './form-parts';

interface PersonProps {
  draft: ResidentDraft;
  errors: FieldErrors<ResidentField>;
  groups: readonly ResidentialGroup[];
  onChange(patch: Partial<ResidentDraft>, fields: ResidentField[]): void;
  /** The name or year field lost focus: check for possible duplicates now. */
  onProbeBlur(): void;
}

export function PersonFields({ draft, errors, groups, onChange, onProbeBlur }: PersonProps) {
  return (
    <>
      <TextField
        form={FORM}
        field="fullName"
        label={t('residents.form.fullName')}
        value={draft.fullName}
        error={errors.fullName}
        onInput={(fullName) => onChange({ fullName }, ['fullName'])}
        input={{ autocapitalize: 'words', spellcheck: false, onBlur: onProbeBlur }}
      />
      <TextField
        form={FORM}
        field="birthYear"
        label={t('residents.form.birthYear')}
        hint={t('residents.form.birthYearHint')}
        value={draft.birthYear}
        error={errors.birthYear}
        onInput={(birthYear) => onChange({ birthYear }, ['birthYear', 'birthDate'])}
        input={{ class: 'input-year', inputMode: 'numeric', maxLength: 4, onBlur: onProbeBlur }}
      />
      <TextField
        form={FORM}
        field="birthDate"
        label={t('residents.form.birthDate')}
        hint={t('residents.form.birthDateHint')}
        optional
        value={draft.birthDate}
        error={errors.birthDate}
        onInput={(birthDate) => onChange({ birthDate }, ['birthDate'])}
        input={{ class: 'input-date' }}
      />
      <SexField value={draft.sex} error={errors.sex} onChange={(sex) => onChange({ sex }, ['sex'])} />
      <GroupField
        groups={groups}
        value={draft.groupId}
        error={errors.groupId}
        onChange={(groupId) => onChange({ groupId }, ['groupId'])}
      />
    </>
  );
}

function SexField({
  value,
  error,
  onChange,
}: {
  value: ResidentDraft['sex'];
  error: string | undefined;
  onChange(sex: 'female' | 'male'): void;
}) {
  const errorId = errorIdOf(FORM, 'sex');
  return (
    <fieldset class="field">
      <legend>{t('residents.form.sex')}</legend>
      <div class="choices">
        {(['female', 'male'] as const).map((sex, i) => (
          <label class="choice" key={sex}>
            <input
              type="radio"
              name="resident-sex"
              value={sex}
              data-field={i === 0 ? 'sex' : undefined}
              checked={value === sex}
              onChange={() => onChange(sex)}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={describedBy(error && errorId)}
            />
            <span>{t(sex === 'female' ? 'sex.female' : 'sex.male')}</span>
          </label>
        ))}
      </div>
      <FieldError id={errorId} errorKey={error} />
    </fieldset>
  );
}

function GroupField({
  groups,
  value,
  error,
  onChange,
}: {
  groups: readonly ResidentialGroup[];
  value: string;
  error: string | undefined;
  onChange(groupId: string): void;
}) {
  const id = fieldId(FORM, 'groupId');
  const errorId = errorIdOf(FORM, 'groupId');
  if (groups.length === 0) {
    return (
      <div class="field">
        <p class="label">{t('residents.form.group')}</p>
        <p class="notice">{t('residents.form.noGroups')}</p>
        <FieldError id={errorId} errorKey={error} />
      </div>
    );
  }
  return (
    <div class="field">
      <label for={id}>{t('residents.form.group')}</label>
      <select
        id={id}
        data-field="groupId"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(error && errorId)}
      >
        {groups.length > 1 || value === '' ? (
          <option value="">{t('residents.form.groupPlaceholder')}</option>
        ) : null}
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
      <FieldError id={errorId} errorKey={error} />
    </div>
  );
}
