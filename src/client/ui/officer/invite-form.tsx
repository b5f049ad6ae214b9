// Inviting a volunteer or group leader: name, optional phone, role, and at least one residential group.
// Checked with the shared schema before sending; what was typed stays when something is wrong.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { invitationBodySchema, normaliseText, type InvitationResponse } from '../../../shared';
import { describedBy } from '../field-error';
import { failureMessage } from '../failure-message';
import { t, validationMessage } from '../i18n';
import { InvitationCard } from './invitation-card';
import type { GroupsSlot } from './officer-console';
import type { InvitationBody, OfficerApi } from './officer-api';
import { TextField } from './text-field';

type Field = 'fullName' | 'phone' | 'groupIds';
type Errors = Partial<Record<Field | 'form', string>>;
const FIELDS: Field[] = ['fullName', 'phone', 'groupIds'];
const EMPTY = {
  fullName: '',
  phone: '',
  role: 'volunteer' as InvitationBody['role'],
  groupIds: [] as string[],
};

interface InviteFormProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
  origin: string;
  onRetryGroups(): void;
  onDone(): void;
}

export function bodyFromDraft(draft: typeof EMPTY): InvitationBody {
  const phone = draft.phone.replace(/[\s.-]/g, '');
  const fullName = normaliseText(draft.fullName);
  return { fullName, role: draft.role, groupIds: draft.groupIds, ...(phone ? { phone } : {}) };
}

export function InviteForm({ api, ward, groups, origin, onRetryGroups, onDone }: InviteFormProps) {
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<InvitationResponse | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusError = useRef(false);

  useLayoutEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    const first = FIELDS.find((f) => errors[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[data-field="invite-${first}"]`)?.focus();
  });

  const edit = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const body = bodyFromDraft(draft);
    const parsed = invitationBodySchema.safeParse(body);
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        found[field] ??= validationMessage(issue.message);
      }
      setErrors(found);
      focusError.current = true;
      return;
    }
    setBusy(true);
    try {
      setCreated(await api.invite(ward, body));
      setDraft(EMPTY);
      setErrors({});
    } catch (err) {
      setErrors({ form: failureMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    const done = () => {
      setCreated(null);
      onDone();
    };
    return <InvitationCard invitation={created} origin={origin} onDone={done} />;
  }
  return (
    <form ref={formRef} class="card" onSubmit={submit} noValidate aria-labelledby="invite-title">
      <h2 id="invite-title">{t('invite.title')}</h2>
      <TextField
        id="invite-fullName"
        label={t('form.fullName')}
        value={draft.fullName}
        onInput={(v) => edit('fullName', v)}
        error={errors.fullName}
        autocapitalize="words"
        maxLength={100}
      />
      <TextField
        id="invite-phone"
        label={t('form.phone')}
        optional
        type="tel"
        inputMode="tel"
        value={draft.phone}
        onInput={(v) => edit('phone', v)}
        error={errors.phone}
        maxLength={20}
      />
      <fieldset class="field">
        <legend>{t('invite.role')}</legend>
        <div class="choices">
          {(['volunteer', 'leader'] as const).map((role) => (
            <label class="choice" key={role}>
              <input
                type="radio"
                name="invite-role"
                checked={draft.role === role}
                onChange={() => edit('role', role)}
              />
              <span>{t(role === 'volunteer' ? 'role.volunteer' : 'role.leader')}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <GroupChoices
        groups={groups}
        chosen={draft.groupIds}
        error={errors.groupIds}
        onChange={(ids) => edit('groupIds', ids)}
        onRetry={onRetryGroups}
      />
      <div role="alert" class="form-alert">
        {errors.form ? <p class="field-error">{errors.form}</p> : null}
      </div>
      <button type="submit" class="button-primary" disabled={busy}>
        {busy ? t('invite.submitting') : t('invite.submit')}
      </button>
    </form>
  );
}

interface GroupChoicesProps {
  groups: GroupsSlot;
  chosen: string[];
  error: string | undefined;
  onChange(ids: string[]): void;
  onRetry(): void;
}

function GroupChoices({ groups, chosen, error, onChange, onRetry }: GroupChoicesProps) {
  const errorId = error ? 'invite-groupIds-error' : undefined;
  return (
    <fieldset class="field" aria-describedby={describedBy('invite-groups-hint', errorId)}>
      <legend>{t('invite.groups')}</legend>
      <p id="invite-groups-hint" class="hint">
        {t('invite.groupsHint')}
      </p>
      {groups === null ? <p class="loading">{t('app.loading')}</p> : null}
      {groups === 'failed' ? (
        <p class="notice">
          {t('invite.groupsFailed')}{' '}
          <button type="button" class="button-link" onClick={onRetry}>
            {t('app.retry')}
          </button>
        </p>
      ) : null}
      {Array.isArray(groups) ? (
        <div class="choices group-choices">
          {groups.map((g, i) => (
            <label class="choice" key={g.id}>
              <input
                type="checkbox"
                data-field={i === 0 ? 'invite-groupIds' : undefined}
                checked={chosen.includes(g.id)}
                onChange={(e) =>
                  onChange(e.currentTarget.checked ? [...chosen, g.id] : chosen.filter((id) => id !== g.id))
                }
                aria-invalid={error ? 'true' : undefined}
              />
              <span>{g.name}</span>
            </label>
          ))}
        </div>
      ) : null}
      {error ? (
        <p id={errorId} class="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
