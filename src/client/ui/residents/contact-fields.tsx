// The optional contact details of the resident form: the phone number with its own consent (wording and
// tick box right beside it; unticking it clears the number, which needs that consent), and the last 4
// digits of the citizen ID — only to tell namesakes apart.
import type { ConsentDraft, FieldErrors, ResidentDraft, ResidentField } from '../../db';
import { t } from '../i18n';
import { ConsentHow, ConsentTick, FORM } from './consent-fields';
import { TextField } from './form-parts';

interface ContactProps {
  draft: ResidentDraft;
  errors: FieldErrors<ResidentField>;
  onChange(patch: Partial<ResidentDraft>, fields: ResidentField[]): void;
  onConsent(patch: Partial<ConsentDraft>, fields: ResidentField[]): void;
  /** When set (an edit that newly ticks contact consent), how and when is asked here. */
  askHow?: { askedBy: string } | undefined;
}

export function ContactFields({ draft, errors, onChange, onConsent, askHow }: ContactProps) {
  return (
    <>
      <fieldset class="field contact-block">
        <legend>
          {t('residents.form.phone')} <span class="optional">{t('residents.form.optional')}</span>
        </legend>
        <ConsentTick
          purpose="contact"
          checked={draft.consent.contact}
          label={t('residents.form.contactGiven')}
          onToggle={(contact) => {
            onConsent({ contact }, ['phone']);
            // Consent to contact withdrawn: the number goes (docs/privacy.md C2; the schema refuses it).
            if (!contact) onChange({ phone: '' }, ['phone']);
          }}
        />
        {askHow ? (
          <ConsentHow consent={draft.consent} errors={errors} onChange={onConsent} askedBy={askHow.askedBy} />
        ) : null}
        <TextField
          form={FORM}
          field="phone"
          label={t('residents.form.phone')}
          value={draft.phone}
          error={errors.phone}
          onInput={(phone) => onChange({ phone }, ['phone'])}
          input={{ type: 'tel', inputMode: 'tel' }}
        />
      </fieldset>
      <TextField
        form={FORM}
        field="citizenIdLast4"
        label={t('residents.form.citizenIdLast4')}
        hint={t('residents.form.citizenIdHint')}
        optional
        value={draft.citizenIdLast4}
        error={errors.citizenIdLast4}
        onInput={(citizenIdLast4) => onChange({ citizenIdLast4 }, ['citizenIdLast4'])}
        input={{ class: 'input-year', inputMode: 'numeric', maxLength: 4 }}
      />
    </>
  );
}
