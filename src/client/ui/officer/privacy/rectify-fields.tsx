// The correction form's resident fields, prefilled: name, birth year, birth date, sex, phone, last 4 ID
// digits, each labelled, with its Vietnamese message when the server or the form refused the value.
import { SEXES } from '../../../../shared';
import { t } from '../../i18n';
import { TextField } from '../text-field';
import type { RectifyField } from './privacy-words';
import type { Values } from './rectify-values';

interface RectifyFieldsProps {
  values: Values;
  errors: Partial<Record<RectifyField, string>>;
  onChange(values: Values): void;
}

export function RectifyFields({ values, errors: fieldErrors, onChange }: RectifyFieldsProps) {
  const set = (key: keyof Values) => (value: string) => onChange({ ...values, [key]: value });
  return (
    <div class="privacy-rectify-fields">
      <TextField
        id="privacy-fullName"
        label={t('privacy.field.fullName')}
        value={values.fullName}
        onInput={set('fullName')}
        error={fieldErrors.fullName}
        maxLength={100}
        autocapitalize="words"
      />
      <TextField
        id="privacy-birthYear"
        label={t('privacy.field.birthYear')}
        value={values.birthYear}
        onInput={set('birthYear')}
        error={fieldErrors.birthYear}
        inputMode="numeric"
        maxLength={4}
      />
      <div class="field">
        <label for="privacy-birthDate">
          {t('privacy.field.birthDate')}
          <span class="optional"> {t('form.optional')}</span>
        </label>
        <input
          id="privacy-birthDate"
          type="date"
          value={values.birthDate}
          aria-invalid={fieldErrors.birthDate ? 'true' : undefined}
          aria-describedby={fieldErrors.birthDate ? 'privacy-birthDate-error' : undefined}
          onInput={(e) => set('birthDate')(e.currentTarget.value)}
        />
        {fieldErrors.birthDate ? (
          <p id="privacy-birthDate-error" class="field-error">
            {fieldErrors.birthDate}
          </p>
        ) : null}
      </div>
      <div class="field">
        <label for="privacy-sex">{t('privacy.field.sex')}</label>
        <select
          id="privacy-sex"
          value={values.sex}
          aria-invalid={fieldErrors.sex ? 'true' : undefined}
          onChange={(e) => set('sex')(e.currentTarget.value)}
        >
          {SEXES.map((sex) => (
            <option key={sex} value={sex}>
              {t(`sex.${sex}`)}
            </option>
          ))}
        </select>
        {fieldErrors.sex ? <p class="field-error">{fieldErrors.sex}</p> : null}
      </div>
      <TextField
        id="privacy-phone"
        label={t('privacy.field.phone')}
        value={values.phone}
        onInput={set('phone')}
        error={fieldErrors.phone}
        optional
        type="tel"
        inputMode="tel"
        maxLength={20}
      />
      <TextField
        id="privacy-citizenIdLast4"
        label={t('privacy.field.citizenIdLast4')}
        value={values.citizenIdLast4}
        onInput={set('citizenIdLast4')}
        error={fieldErrors.citizenIdLast4}
        optional
        inputMode="numeric"
        maxLength={4}
      />
    </div>
  );
}
