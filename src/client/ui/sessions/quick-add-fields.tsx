// The boxes of the quick-add form: name, year of birth, sex, and the registration consent — the
// wording to read out, an unticked box the volunteer ticks only after the person says yes, and how.
import type { ConsentDraft, FieldErrors, ResidentDraft, ResidentField } from '../../db';
import { describedBy, FieldError } from '../field-error';
import { t, type MessageKey } from '../i18n';

export interface QuickAddValues {
  fullName: string;
  birthYear: string;
  sex: ResidentDraft['sex'];
  consent: boolean;
  method: ConsentDraft['method'];
}

interface QuickAddFieldsProps {
  values: QuickAddValues;
  errors: FieldErrors<ResidentField>;
  wording: string;
  /** The changed values and the fields whose errors they clear. */
  onChange(patch: Partial<QuickAddValues>, fields: ResidentField[]): void;
}

const id = (field: string) => `quick-add-${field}`;
const errorId = (field: ResidentField) => `quick-add-${field}-error`;

const SEXES: [ResidentDraft['sex'], MessageKey][] = [
  ['female', 'quickAdd.female'],
  ['male', 'quickAdd.male'],
];
const METHODS: [ConsentDraft['method'], MessageKey][] = [
  ['verbal', 'quickAdd.verbal'],
  ['signed', 'quickAdd.signed'],
];

export function QuickAddFields({ values, errors, wording, onChange }: QuickAddFieldsProps) {
  const invalid = (f: ResidentField) => (errors[f] ? 'true' : undefined);
  const err = (f: ResidentField) => errors[f] && errorId(f);
  return (
    <>
      <div class="field">
        <label for={id('fullName')}>{t('quickAdd.fullName')}</label>
        <input
          id={id('fullName')}
          data-qa-field="fullName"
          type="text"
          autocomplete="off"
          autocapitalize="words"
          spellcheck={false}
          value={values.fullName}
          onInput={(e) => onChange({ fullName: e.currentTarget.value }, ['fullName'])}
          aria-invalid={invalid('fullName')}
          aria-describedby={describedBy(err('fullName'))}
        />
        <FieldError id={errorId('fullName')} errorKey={errors.fullName} />
      </div>
      <div class="field">
        <label for={id('birthYear')}>{t('quickAdd.birthYear')}</label>
        <p id={id('birthYear-hint')} class="hint">
          {t('quickAdd.birthYearHint')}
        </p>
        <input
          id={id('birthYear')}
          data-qa-field="birthYear"
          class="input-year"
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={4}
          autocomplete="off"
          value={values.birthYear}
          onInput={(e) => onChange({ birthYear: e.currentTarget.value }, ['birthYear'])}
          aria-invalid={invalid('birthYear')}
          aria-describedby={describedBy(id('birthYear-hint'), err('birthYear'))}
        />
        <FieldError id={errorId('birthYear')} errorKey={errors.birthYear} />
      </div>
      <fieldset class="field" aria-describedby={describedBy(err('sex'))}>
        <legend>{t('quickAdd.sex')}</legend>
        <div class="choices">
          {SEXES.map(([sex, label], i) => (
            <label class="choice" key={sex}>
              <input
                type="radio"
                name="quick-add-sex"
                data-qa-field={i === 0 ? 'sex' : undefined}
                checked={values.sex === sex}
                onChange={() => onChange({ sex }, ['sex'])}
                aria-invalid={invalid('sex')}
                aria-describedby={describedBy(err('sex'))}
              />
              <span>{t(label)}</span>
            </label>
          ))}
        </div>
        <FieldError id={errorId('sex')} errorKey={errors.sex} />
      </fieldset>
      <div class="field consent-field">
        <p class="label">{t('quickAdd.readAloud')}</p>
        <p id={id('wording')} class="consent-wording">
          {wording}
        </p>
        <label class="choice consent-choice">
          <input
            type="checkbox"
            data-qa-field="consent"
            checked={values.consent}
            onChange={(e) => onChange({ consent: e.currentTarget.checked }, ['consent'])}
            aria-invalid={invalid('consent')}
            aria-describedby={describedBy(id('wording'), err('consent'))}
          />
          <span>{t('quickAdd.consent')}</span>
        </label>
        <FieldError id={errorId('consent')} errorKey={errors.consent} />
      </div>
      <fieldset class="field" aria-describedby={describedBy(err('consentMethod'))}>
        <legend>{t('quickAdd.consentMethod')}</legend>
        <div class="choices">
          {METHODS.map(([method, label], i) => (
            <label class="choice" key={method}>
              <input
                type="radio"
                name="quick-add-consent-method"
                data-qa-field={i === 0 ? 'consentMethod' : undefined}
                checked={values.method === method}
                onChange={() => onChange({ method }, ['consentMethod'])}
                aria-invalid={invalid('consentMethod')}
                aria-describedby={describedBy(err('consentMethod'))}
              />
              <span>{t(label)}</span>
            </label>
          ))}
        </div>
        <FieldError id={errorId('consentMethod')} errorKey={errors.consentMethod} />
      </fieldset>
    </>
  );
}
