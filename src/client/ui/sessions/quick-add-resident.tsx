// Quick-add of a resident who came to the session but is not on the roster yet, without leaving the
// session form: name, year of birth, sex and the registration consent (read out with the shared
// wording). On success the new person is ticked as an attendee; the session's draft is untouched. A
// possible duplicate whose registration consent is withdrawn is not offered (docs/privacy.md C2).
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { CURRENT_CONSENT_WORDING, consentWording, isProcessed, type Resident } from '../../../shared';
import { EMPTY_RESIDENT_DRAFT, type FieldErrors, type ResidentField } from '../../db/repo-types';
import { describedBy, FieldError } from '../field-error';
import { useField } from '../field-context';
import { locale, t } from '../i18n';
import { QuickAddFields, type QuickAddValues } from './quick-add-fields';

interface QuickAddProps {
  /** The session's group, where the new person is registered ('' until one is chosen). */
  groupId: string;
  /** A new or an existing (possible duplicate) person to tick. */
  onPicked(resident: Pick<Resident, 'id' | 'fullName'>): void;
}

const EMPTY: QuickAddValues = { fullName: '', birthYear: '', sex: '', consent: false, method: '' };
const ORDER: ResidentField[] = ['fullName', 'birthYear', 'sex', 'consent', 'consentMethod'];

export function QuickAddResident({ groupId, onPicked }: QuickAddProps) {
  const { db } = useField();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<ResidentField>>({});
  const [duplicates, setDuplicates] = useState<Resident[]>([]);
  const [saving, setSaving] = useState(false);
  const boxRef = useRef<HTMLDivElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<'name' | 'error' | 'opener' | null>(null);

  useLayoutEffect(() => {
    const want = focusNext.current;
    focusNext.current = null;
    if (want === 'opener') return openerRef.current?.focus();
    const field = want === 'name' ? 'fullName' : ORDER.find((f) => errors[f]);
    if (want && field) boxRef.current?.querySelector<HTMLElement>(`[data-qa-field="${field}"]`)?.focus();
  });

  const close = () => {
    setOpen(false);
    setValues(EMPTY);
    setErrors({});
    setDuplicates([]);
    focusNext.current = 'opener';
  };
  const picked = (resident: Pick<Resident, 'id' | 'fullName'>) => {
    onPicked(resident);
    close();
  };

  async function add(allowDuplicate: boolean) {
    if (saving) return;
    if (groupId === '') return setErrors({ form: 'quickAdd.needsGroup' });
    setSaving(true);
    try {
      const probe = { groupId, fullName: values.fullName, birthYear: values.birthYear.trim() };
      const found = allowDuplicate ? [] : (await db.residents.possibleDuplicates(probe)).filter(isProcessed);
      if (found.length > 0) return setDuplicates(found);
      const result = await db.residents.add({
        ...EMPTY_RESIDENT_DRAFT,
        fullName: values.fullName,
        birthYear: values.birthYear,
        sex: values.sex,
        groupId,
        consent: { registration: values.consent, contact: false, method: values.method, date: '' },
      });
      if (result.ok) return picked(result.record);
      setDuplicates([]);
      setErrors(result.errors);
      focusNext.current = 'error';
    } finally {
      setSaving(false);
    }
  }

  if (!open) {
    return (
      <button
        type="button"
        ref={openerRef}
        class="button-secondary quick-add-open"
        onClick={() => {
          setOpen(true);
          focusNext.current = 'name';
        }}
      >
        {t('quickAdd.open')}
      </button>
    );
  }

  const wording = consentWording(CURRENT_CONSENT_WORDING)?.text.registration[locale.value] ?? '';
  const formError = errors.form ?? (errors.groupId ? 'quickAdd.needsGroup' : undefined);
  return (
    <div
      class="quick-add"
      role="group"
      aria-labelledby="quick-add-title"
      ref={boxRef}
      onKeyDown={(e) => {
        // Enter in a box must not send the whole session form.
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
          e.preventDefault();
          void add(false);
        }
      }}
    >
      <h3 id="quick-add-title">{t('quickAdd.title')}</h3>
      <QuickAddFields
        values={values}
        errors={errors}
        wording={wording}
        onChange={(patch, fields) => {
          setValues((v) => ({ ...v, ...patch }));
          setDuplicates([]);
          setErrors((e) => {
            const next = { ...e, form: undefined, groupId: undefined };
            for (const f of fields) next[f] = undefined;
            return next;
          });
        }}
      />
      {duplicates.length > 0 ? (
        <div class="notice quick-add-duplicates" role="alert">
          <p>{t('quickAdd.possibleDuplicate')}</p>
          {duplicates.map((r) => (
            <button type="button" class="button-secondary" key={r.id} onClick={() => picked(r)}>
              {t('quickAdd.pickExisting', { name: r.fullName, year: r.birthYear })}
            </button>
          ))}
          <button type="button" class="button-secondary" onClick={() => void add(true)}>
            {t('quickAdd.addAnyway')}
          </button>
        </div>
      ) : null}
      <div role="alert" class="form-alert">
        {formError === 'quickAdd.needsGroup' ? (
          <p id="quick-add-form-error" class="field-error">
            {t('quickAdd.needsGroup')}
          </p>
        ) : (
          <FieldError id="quick-add-form-error" errorKey={formError} />
        )}
      </div>
      {ORDER.some((f) => errors[f]) ? <p class="form-summary">{t('quickAdd.hasErrors')}</p> : null}
      <div class="quick-add-actions">
        <button
          type="button"
          class="button-primary"
          disabled={saving}
          aria-describedby={describedBy(formError && 'quick-add-form-error')}
          onClick={() => void add(false)}
        >
          {saving ? t('quickAdd.saving') : t('quickAdd.save')}
        </button>
        <button type="button" class="button-secondary" onClick={close}>
          {t('quickAdd.cancel')}
        </button>
      </div>
    </div>
  );
}
