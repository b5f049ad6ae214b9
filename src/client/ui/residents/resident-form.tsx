// The resident form, new and edit: consent first (nothing personal can be typed before it), then the
// person; the draft survives reloads, errors appear next to their fields with the first one focused,
// and a possible duplicate must be looked at before a new person is saved. A resident whose registration
// consent is withdrawn can only be given consent again here (a new consent entry); the rest waits.
import { useMemo, useRef, useState } from 'preact/hooks';
import { hasConsent, isProcessed, type Resident, type ResidentialGroup } from '../../../shared';
import {
  EMPTY_RESIDENT_DRAFT,
  type ConsentDraft,
  type FieldErrors,
  type ResidentDraft,
  type ResidentField,
} from '../../db/repo-types';
import { useField } from '../field-context';
import { formatDay, t, todayIso } from '../i18n';
import { navigate } from '../router';
import { useDraft } from '../use-draft';
import { ConsentStep, FORM, HeldConsent } from './consent-fields';
import { ContactFields } from './contact-fields';
import { DuplicateWarning, useDuplicateCheck } from './duplicate-warning';
import { FormAlert, useFocusFirstError } from './form-parts';
import { groupNamer } from './groups';
import { PersonFields } from './person-fields';

const FIELD_ORDER: readonly ResidentField[] = [
  'consent',
  'consentMethod',
  'consentDate',
  'fullName',
  'birthYear',
  'birthDate',
  'sex',
  'groupId',
  'phone',
  'citizenIdLast4',
];

interface FormProps {
  /** The saved record for an edit; absent for a new resident. */
  resident?: Resident | undefined;
  groups: readonly ResidentialGroup[];
}

export function ResidentForm({ resident, groups }: FormProps) {
  const { db, kv, actor } = useField();
  const today = formatDay(todayIso());
  const initial = (): ResidentDraft => {
    if (resident) {
      const saved = db.residents.draftOf(resident);
      return { ...saved, consent: { ...saved.consent, date: today } };
    }
    return {
      ...EMPTY_RESIDENT_DRAFT,
      groupId: groups.length === 1 ? groups[0]!.id : '',
      consent: { ...EMPTY_RESIDENT_DRAFT.consent, date: today },
    };
  };
  const draft = useDraft<ResidentDraft>(
    kv,
    resident ? `resident-edit:${resident.id}` : 'resident-new',
    initial,
  );
  const [errors, setErrors] = useState<FieldErrors<ResidentField>>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = useFocusFirstError(formRef, FIELD_ORDER, errors);
  // A draft stored by an older version of the app may lack newer fields: fill them in.
  const d: ResidentDraft = {
    ...EMPTY_RESIDENT_DRAFT,
    ...draft.value,
    consent: { ...EMPTY_RESIDENT_DRAFT.consent, ...draft.value.consent },
  };
  const groupName = useMemo(() => groupNamer(groups), [groups]);
  // Consent withdrawn: only consent again; everything else stays as saved (whatever a draft says).
  const withdrawn = resident !== undefined && !isProcessed(resident);

  const probeChanged =
    !resident ||
    d.fullName.trim() !== resident.fullName ||
    d.birthYear.trim() !== String(resident.birthYear) ||
    d.groupId !== resident.groupId;
  const duplicates = useDuplicateCheck(
    db.residents,
    { groupId: d.groupId, fullName: d.fullName, birthYear: d.birthYear },
    resident?.id,
    d.consent.registration && probeChanged,
  );

  const clearErrors = (fields: ResidentField[]) =>
    setErrors((e) => (fields.some((f) => e[f]) || e.form ? omit(e, [...fields, 'form']) : e));
  const change = (patch: Partial<ResidentDraft>, fields: ResidentField[]) => {
    draft.set((prev) => ({ ...prev, ...patch }));
    clearErrors(fields);
  };
  const changeConsent = (patch: Partial<ConsentDraft>, fields: ResidentField[]) => {
    draft.set((prev) => ({ ...prev, consent: { ...prev.consent, ...patch } }));
    clearErrors(fields);
  };

  async function save(anyway: boolean) {
    if (saving) return;
    setSaving(true);
    const found = await duplicates.checkNow();
    if (anyway) duplicates.confirm(found);
    else if (!duplicates.isConfirmed(found)) {
      duplicates.reveal();
      setSaving(false);
      return;
    }
    const result = resident
      ? await db.residents.update(
          resident.id,
          withdrawn ? consentAgain(db.residents.draftOf(resident), d) : d,
        )
      : await db.residents.add(d);
    if (result.ok) {
      draft.clear();
      navigate({ name: 'resident', id: result.record.id }, { replace: true });
      return;
    }
    setSaving(false);
    focusFirstError();
    setErrors(result.errors);
  }

  if (!draft.ready) return <p class="loading">{t('app.loading')}</p>;
  const contactIsNew = resident !== undefined && d.consent.contact && !hasLive(resident, 'contact');
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <form
      ref={formRef}
      class="resident-form"
      noValidate
      aria-labelledby="resident-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        void save(false);
      }}
    >
      <h2 id="resident-form-title">
        {resident
          ? t(withdrawn ? 'consent.giveAgainTitle' : 'residents.form.editTitle', { name: resident.fullName })
          : t('residents.form.newTitle')}
      </h2>
      {draft.restored ? (
        <p class="notice draft-restored" role="status">
          {t('residents.form.restored')}{' '}
          <button type="button" class="button-link" onClick={() => (draft.clear(), setErrors({}))}>
            {t('residents.form.discard')}
          </button>
        </p>
      ) : null}
      {withdrawn ? (
        <p class="notice notice-strong" id="resident-consent-again">
          {t('consent.giveAgainHint')}
        </p>
      ) : null}
      {resident && !withdrawn ? (
        <HeldConsent resident={resident} />
      ) : (
        <ConsentStep consent={d.consent} errors={errors} onChange={changeConsent} askedBy={actor.name} />
      )}
      <fieldset
        class="card form-step"
        disabled={!d.consent.registration || withdrawn}
        aria-describedby={
          withdrawn ? 'resident-consent-again' : d.consent.registration ? undefined : 'resident-consent-first'
        }
      >
        <legend class="step-title">{t('residents.form.personStep')}</legend>
        {!d.consent.registration && !withdrawn ? (
          <p id="resident-consent-first" class="notice">
            {t('residents.form.consentFirst')}
          </p>
        ) : null}
        <PersonFields
          draft={d}
          errors={errors}
          groups={groups}
          onChange={change}
          onProbeBlur={() => void duplicates.checkNow()}
        />
        <DuplicateWarning
          check={duplicates}
          groupName={groupName}
          saveLabel={t(resident ? 'residents.duplicate.saveEdit' : 'residents.duplicate.saveNew')}
          onSaveAnyway={() => void save(true)}
          busy={saving}
        />
        <ContactFields
          draft={d}
          errors={errors}
          onChange={change}
          onConsent={changeConsent}
          askHow={contactIsNew ? { askedBy: actor.name } : undefined}
        />
      </fieldset>
      <FormAlert form={FORM} error={errors.form} />
      {hasErrors && !errors.form ? <p class="form-summary">{t('residents.form.hasErrors')}</p> : null}
      <div class="form-actions">
        <button type="submit" class="button-primary" disabled={saving}>
          {saving ? t('residents.form.saving') : t('residents.form.save')}
        </button>
        <button
          type="button"
          class="button-link"
          onClick={() => {
            draft.clear();
            navigate(resident ? { name: 'resident', id: resident.id } : { name: 'roster' });
          }}
        >
          {t('residents.form.cancel')}
        </button>
      </div>
    </form>
  );
}

function hasLive(resident: Resident, purpose: 'registration' | 'contact'): boolean {
  return hasConsent(resident.consents, purpose);
}

/** The saved record's draft with the registration consent given again (how and when as typed). */
function consentAgain(saved: ResidentDraft, typed: ResidentDraft): ResidentDraft {
  const { registration, method, date } = typed.consent;
  return { ...saved, consent: { ...saved.consent, registration, method, date } };
}

function omit<T extends object>(record: T, keys: readonly string[]): T {
  const out = { ...record } as Record<string, unknown>;
  for (const key of keys) delete out[key];
  return out as T;
}
