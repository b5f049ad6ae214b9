// Administrator: a new ward with its residential groups (one per line) and its first officer.
import { useState } from 'preact/hooks';
import { createWardBodySchema, normaliseText, type GroupKind } from '../../../shared';
import { failureMessage } from '../failure-message';
import { t, validationMessage } from '../i18n';
import type { CreateWardBody, OfficerApi } from './officer-api';
import { TextField } from './text-field';

const EMPTY = { code: '', name: '', provinceCode: '', groups: '', fullName: '', username: '', password: '' };
type Draft = typeof EMPTY;
type Field = keyof Draft;

/** Which draft field a schema issue path points at. */
const FIELD_OF_PATH: Record<string, Field> = {
  'ward.code': 'code',
  'ward.name': 'name',
  'ward.provinceCode': 'provinceCode',
  groups: 'groups',
  'officer.fullName': 'fullName',
  'officer.username': 'username',
  'officer.password': 'password',
};

const KIND_PREFIXES: [RegExp, GroupKind][] = [
  [/^thôn\b/iu, 'thon'],
  [/^ấp\b/iu, 'ap'],
  [/^bản\b/iu, 'ban'],
  [/^khu phố\b/iu, 'khu_pho'],
];

const clean = normaliseText;

export function bodyFromWardDraft(d: Draft): CreateWardBody {
  const lines = d.groups.split('\n').map(clean).filter(Boolean);
  return {
    ward: { code: d.code.trim(), name: clean(d.name), provinceCode: d.provinceCode.trim() },
    groups: lines.map((name, i) => ({
      id: `tdp-${String(i + 1).padStart(2, '0')}`,
      name,
      kind: KIND_PREFIXES.find(([re]) => re.test(name))?.[1] ?? 'to_dan_pho',
    })),
    officer: { fullName: clean(d.fullName), username: d.username.trim().toLowerCase(), password: d.password },
  };
}

export function CreateWardForm({ api, onCreated }: { api: OfficerApi; onCreated(): void }) {
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const field = (name: Field) => ({
    id: `ward-${name}`,
    value: draft[name],
    error: errors[name],
    onInput: (value: string) => {
      setDraft((d) => ({ ...d, [name]: value }));
      setErrors((e) => ({ ...e, [name]: undefined, form: undefined }));
    },
  });

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    const body = bodyFromWardDraft(draft);
    const parsed = createWardBodySchema.safeParse(body);
    const found: typeof errors = {};
    if (body.groups.length === 0) found.groups = validationMessage('groups.required');
    for (const issue of parsed.error?.issues ?? []) {
      const path = issue.path.filter((p) => typeof p === 'string').join('.');
      const name = FIELD_OF_PATH[path] ?? 'form';
      found[name] ??= validationMessage(issue.message);
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await api.createWard(body);
      setDone(t('admin.created', { name: body.ward.name }));
      setDraft(EMPTY);
      onCreated();
    } catch (err) {
      setErrors({ form: failureMessage(err, { conflict: 'admin.conflict' }) });
    } finally {
      setBusy(false);
    }
  }

  const groups = field('groups');
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="create-ward-title">
      <h2 id="create-ward-title">{t('admin.createTitle')}</h2>
      <TextField {...field('code')} label={t('admin.wardCode')} inputMode="numeric" maxLength={5} />
      <TextField {...field('name')} label={t('admin.wardName')} autocapitalize="words" maxLength={120} />
      <TextField
        {...field('provinceCode')}
        label={t('admin.provinceCode')}
        inputMode="numeric"
        maxLength={2}
      />
      <div class="field">
        <label for={groups.id}>{t('admin.groups')}</label>
        <textarea
          id={groups.id}
          rows={6}
          value={groups.value}
          onInput={(e) => groups.onInput(e.currentTarget.value)}
          aria-invalid={groups.error ? 'true' : undefined}
          aria-describedby={groups.error ? `${groups.id}-error` : undefined}
        />
        {groups.error ? (
          <p id={`${groups.id}-error`} class="field-error">
            {groups.error}
          </p>
        ) : null}
      </div>
      <fieldset class="field">
        <legend>{t('admin.officerTitle')}</legend>
        <TextField {...field('fullName')} label={t('form.fullName')} autocapitalize="words" maxLength={100} />
        <TextField {...field('username')} label={t('officer.username')} maxLength={40} />
        <TextField
          {...field('password')}
          label={t('admin.password')}
          type="password"
          autocomplete="new-password"
        />
      </fieldset>
      <div role="alert" class="form-alert">
        {errors.form ? <p class="field-error">{errors.form}</p> : null}
      </div>
      <p role="status" class="saved">
        {done ?? ''}
      </p>
      <button type="submit" class="button-primary" disabled={busy}>
        {busy ? t('admin.creating') : t('admin.create')}
      </button>
    </form>
  );
}
