// Inline edit of one group in the groups table: its name, its kind, and the adult population the officer
// enters (figure, source, date) or clears. Checked with the shared schema before sending; what was typed
// stays on screen when the server refuses.
import { useState } from 'preact/hooks';
import { adultPopulationSchema, type GroupKind, type ResidentialGroup } from '../../../../shared';
import type { UpdateGroupBody } from '../../../../shared/ward-admin';
import { describedBy } from '../../field-error';
import { t, validationMessage } from '../../i18n';
import type { WardAdminApi } from './ward-admin-api';
import { KindField } from './kind-select';
import { groupFailure } from './words';

interface GroupEditProps {
  api: WardAdminApi;
  ward: string;
  group: ResidentialGroup;
  onSaved(group: ResidentialGroup): void;
  onCancel(): void;
}

type Errors = Partial<Record<'name' | 'count' | 'source' | 'asOf', string>>;

export function GroupEdit({ api, ward, group, onSaved, onCancel }: GroupEditProps) {
  const [name, setName] = useState(group.name);
  const [kind, setKind] = useState<GroupKind>(group.kind);
  const [count, setCount] = useState(group.adultPopulation ? String(group.adultPopulation.count) : '');
  const [source, setSource] = useState(group.adultPopulation?.source ?? '');
  const [asOf, setAsOf] = useState(group.adultPopulation?.asOf ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (field: string) => `group-edit-${group.id}-${field}`;

  /** The body to send, or the fields' errors. */
  function body(clear: boolean): { ok: true; body: UpdateGroupBody } | { ok: false; errors: Errors } {
    const out: UpdateGroupBody = {};
    const problems: Errors = {};
    const trimmed = name.replace(/\s+/g, ' ').trim();
    if (trimmed === '') problems.name = validationMessage('groupName.required');
    else if (trimmed.length > 120) problems.name = validationMessage('groupName.tooLong');
    if (trimmed !== group.name) out.name = trimmed;
    if (kind !== group.kind) out.kind = kind;
    const empty = count.trim() === '' && source.trim() === '' && asOf === '';
    if (clear || empty) {
      if (group.adultPopulation !== undefined) out.adultPopulation = null;
    } else {
      const digits = count.replace(/[\s.,]/g, '');
      const figure = {
        count: /^\d+$/.test(digits) ? Number(digits) : NaN,
        source: source.replace(/\s+/g, ' ').trim(),
        asOf,
      };
      const parsed = adultPopulationSchema.safeParse(figure);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = issue.path[0];
          if (field === 'count') problems.count = t('wardAdmin.error.count');
          if (field === 'source') problems.source = t('wardAdmin.error.source');
          if (field === 'asOf') problems.asOf = t('wardAdmin.error.asOf');
        }
      } else out.adultPopulation = parsed.data;
    }
    return Object.keys(problems).length > 0 ? { ok: false, errors: problems } : { ok: true, body: out };
  }

  async function save(clear: boolean) {
    setFailure(null);
    const result = body(clear);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    if (Object.keys(result.body).length === 0) return onCancel();
    setBusy(true);
    try {
      onSaved(await api.updateGroup(ward, group.id, result.body));
    } catch (err) {
      setFailure(groupFailure(err));
      setBusy(false);
    }
  }

  const field = (
    key: keyof Errors,
    label: string,
    value: string,
    set: (v: string) => void,
    extra: { type?: string; inputMode?: 'numeric'; hint?: string; maxLength?: number } = {},
  ) => (
    <div class="field">
      <label for={id(key)}>{label}</label>
      {extra.hint ? (
        <p id={id(`${key}-hint`)} class="hint">
          {extra.hint}
        </p>
      ) : null}
      <input
        id={id(key)}
        type={extra.type ?? 'text'}
        inputMode={extra.inputMode}
        maxLength={extra.maxLength}
        autocomplete="off"
        value={value}
        disabled={busy}
        onInput={(e) => set(e.currentTarget.value)}
        aria-invalid={errors[key] ? 'true' : undefined}
        aria-describedby={describedBy(extra.hint && id(`${key}-hint`), errors[key] && id(`${key}-error`))}
      />
      {errors[key] ? (
        <p id={id(`${key}-error`)} class="field-error">
          {errors[key]}
        </p>
      ) : null}
    </div>
  );

  return (
    <form
      class="group-edit"
      aria-labelledby={id('title')}
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <h3 id={id('title')}>{t('wardAdmin.editTitle', { name: group.name })}</h3>
      <div class="group-edit-fields">
        {field('name', t('wardAdmin.field.name'), name, setName, { maxLength: 120 })}
        <KindField id={id('kind')} value={kind} disabled={busy} onChange={setKind} />
        {field('count', t('wardAdmin.field.count'), count, setCount, {
          inputMode: 'numeric',
          hint: t('wardAdmin.field.countHint'),
        })}
        {field('source', t('wardAdmin.field.source'), source, setSource, {
          hint: t('wardAdmin.field.sourceHint'),
          maxLength: 200,
        })}
        {field('asOf', t('wardAdmin.field.asOf'), asOf, setAsOf, { type: 'date' })}
      </div>
      <div role="alert" class="form-alert">
        {failure ? <p class="field-error">{failure}</p> : null}
      </div>
      <div class="group-edit-actions">
        <button type="submit" class="button-primary" disabled={busy}>
          {busy ? t('wardAdmin.saving') : t('wardAdmin.save')}
        </button>
        {group.adultPopulation ? (
          <button type="button" class="button-secondary" disabled={busy} onClick={() => void save(true)}>
            {t('wardAdmin.clearPopulation')}
          </button>
        ) : null}
        <button type="button" class="button-secondary" disabled={busy} onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
