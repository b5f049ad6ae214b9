// Consent as the resident form asks it: the wording read out for each purpose next to its tick box (with
// a link to every version's full text, #/consent), how consent was given and on which day, and who asked
// (the person using the phone, read-only).
import {
  CONSENT_METHODS,
  CURRENT_CONSENT_WORDING,
  consentWording,
  type ConsentPurpose,
  type Resident,
} from '../../../shared';
import type { ConsentDraft, FieldErrors, ResidentField } from '../../db';
import { describedBy, FieldError } from '../field-error';
import { formatDay, locale, t } from '../i18n';
import { errorIdOf, fieldId, TextField } from './form-parts';
import { methodLabel } from './labels';
import { RouteLink } from './route-link';

export const FORM = 'resident';

interface ConsentProps {
  consent: ConsentDraft;
  errors: FieldErrors<ResidentField>;
  onChange(patch: Partial<ConsentDraft>, fields: ResidentField[]): void;
}

/** The current wording for a purpose, in the language on screen. */
export function Wording({ purpose, id }: { purpose: ConsentPurpose; id: string }) {
  const text = consentWording(CURRENT_CONSENT_WORDING)?.text[purpose][locale.value] ?? '';
  return (
    <blockquote id={id} class="consent-wording">
      {text}
    </blockquote>
  );
}

/** The tick box for one purpose; `field` is the error key it answers to (consent, or phone's). */
export function ConsentTick({
  purpose,
  checked,
  label,
  error,
  errorField,
  onToggle,
}: {
  purpose: ConsentPurpose;
  checked: boolean;
  label: string;
  error?: string | undefined;
  errorField?: ResidentField;
  onToggle(checked: boolean): void;
}) {
  const wordingId = fieldId(FORM, `wording-${purpose}`);
  return (
    <>
      <Wording purpose={purpose} id={wordingId} />
      <label class="choice consent-tick">
        <input
          type="checkbox"
          data-field={errorField}
          checked={checked}
          onChange={(e) => onToggle(e.currentTarget.checked)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(wordingId, error && errorField && errorIdOf(FORM, errorField))}
        />
        <span>{label}</span>
      </label>
      <p class="consent-text-link">
        <RouteLink to={{ name: 'consent' }} class="button-link">
          {t('consent.textLink')}
        </RouteLink>
      </p>
      {errorField ? <FieldError id={errorIdOf(FORM, errorField)} errorKey={error} /> : null}
    </>
  );
}

/** How and when consent was given, and who asked: recorded with every newly ticked purpose. */
export function ConsentHow({ consent, errors, onChange, askedBy }: ConsentProps & { askedBy: string }) {
  const methodError = errors.consentMethod;
  return (
    <>
      <fieldset class="field">
        <legend>{t('residents.form.consentMethod')}</legend>
        <div class="choices">
          {CONSENT_METHODS.map((method, i) => (
            <label class="choice" key={method}>
              <input
                type="radio"
                name="consent-method"
                value={method}
                data-field={i === 0 ? 'consentMethod' : undefined}
                checked={consent.method === method}
                onChange={() => onChange({ method }, ['consentMethod', 'consent'])}
                aria-invalid={methodError ? 'true' : undefined}
                aria-describedby={describedBy(methodError && errorIdOf(FORM, 'consentMethod'))}
              />
              <span>{methodLabel(method)}</span>
            </label>
          ))}
        </div>
        <FieldError id={errorIdOf(FORM, 'consentMethod')} errorKey={methodError} />
      </fieldset>
      <TextField
        form={FORM}
        field="consentDate"
        label={t('residents.form.consentDate')}
        hint={t('residents.form.dateHint')}
        value={consent.date}
        error={errors.consentDate}
        onInput={(date) => onChange({ date }, ['consentDate'])}
        input={{ class: 'input-date' }}
      />
      <p class="asked-by">{t('residents.form.askedBy', { name: askedBy })}</p>
    </>
  );
}

/** Step 1 of a new resident: registration consent before anything else can be typed. */
export function ConsentStep(props: ConsentProps & { askedBy: string }) {
  const { consent, errors, onChange } = props;
  return (
    <fieldset class="card form-step consent-step">
      <legend class="step-title">{t('residents.form.consentStep')}</legend>
      <p class="hint">{t('residents.form.consentRead')}</p>
      <ConsentTick
        purpose="registration"
        checked={consent.registration}
        label={t('residents.form.consentGiven')}
        error={errors.consent}
        errorField="consent"
        onToggle={(registration) => onChange({ registration }, ['consent'])}
      />
      <ConsentHow {...props} />
    </fieldset>
  );
}

/** An edit: registration consent is already on record (history, not a tick box to untick here). */
export function HeldConsent({ resident }: { resident: Resident }) {
  const held = resident.consents.find((c) => c.purpose === 'registration' && c.withdrawnOn === undefined);
  return (
    <section class="card form-step" aria-labelledby="resident-held-consent">
      <h3 id="resident-held-consent">{t('residents.page.consents')}</h3>
      {held ? (
        <p>{t('residents.form.consentHeld', { date: formatDay(held.date), by: held.askedBy })}</p>
      ) : null}
      <p class="hint">{t('residents.form.deleteHint')}</p>
    </section>
  );
}
