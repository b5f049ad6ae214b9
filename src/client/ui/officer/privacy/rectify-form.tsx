// "Sửa thông tin" (right to rectification, docs/privacy.md R2): the record's current values (read from the
// server), the day the person asked and a note; sends only the fields changed (null clears an optional
// one). A refused result (400) is said in Vietnamese next to the fields, and what was typed stays.
import { useEffect, useState } from 'preact/hooks';
import type { RectifyResponse, ResidentHit } from '../../../../shared/privacy-api';
import { failureMessage } from '../../failure-message';
import { t, validationMessage } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import { fieldWords, invalidBodyMessages, requestFailure, type RectifyField } from './privacy-words';
import { RectifyFields } from './rectify-fields';
import { changesOf, valuesOf, type Values } from './rectify-values';
import { checkRequest, newRequestDraft, RequestFields } from './request-fields';

interface RectifyFormProps {
  api: OfficerApi;
  ward: string;
  hit: ResidentHit;
  onDone(answer: RectifyResponse): void;
}

type Loaded =
  { state: 'loading' } | { state: 'gone' } | { state: 'failed'; message: string } | { state: 'ready' };

export function RectifyForm({ api, ward, hit, onDone }: RectifyFormProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [before, setBefore] = useState<Values | null>(null);
  const [values, setValues] = useState<Values | null>(null);
  const [draft, setDraft] = useState(newRequestDraft);
  const [dateError, setDateError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<RectifyField, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    api.records.history(ward, 'residents', hit.id).then(
      (answer) => {
        if (!current) return;
        if (answer.current === null || answer.current.deleted) return setLoaded({ state: 'gone' });
        const stored = valuesOf(answer.current.doc, hit);
        setBefore(stored);
        setValues(stored);
        setLoaded({ state: 'ready' });
      },
      (err: unknown) => current && setLoaded({ state: 'failed', message: failureMessage(err) }),
    );
    return () => {
      current = false;
    };
  }, [api, ward, hit.id, attempt]);

  if (loaded.state === 'loading') return <p class="loading">{t('privacy.rectify.loading')}</p>;
  if (loaded.state === 'gone') return <p class="notice">{t('privacy.gone')}</p>;
  if (loaded.state === 'failed' || before === null || values === null) {
    const reason = loaded.state === 'failed' ? loaded.message : '';
    return (
      <div class="privacy-failure" role="alert">
        <p class="field-error">{t('privacy.rectify.loadFailed', { reason })}</p>
        <button type="button" class="button-secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t('app.retry')}
        </button>
      </div>
    );
  }

  async function save(e: Event) {
    e.preventDefault();
    if (before === null || values === null) return;
    setDone(null);
    setError(null);
    const request = checkRequest(draft);
    setDateError(request.ok ? null : request.error);
    const diff = changesOf(before, values);
    setFieldErrors('field' in diff ? { [diff.field]: validationMessage(diff.key) } : {});
    if (!request.ok || 'field' in diff) return;
    const changed = Object.keys(diff.changes);
    if (changed.length === 0) return setError(t('privacy.rectify.nothing'));
    setBusy(true);
    try {
      const answer = await api.privacy.rectify(ward, hit.id, { ...request.fields, changes: diff.changes });
      const stored = valuesOf(answer.resident, hit);
      setBefore(stored);
      setValues(stored);
      setDraft(newRequestDraft());
      setDone(t('privacy.rectify.done', { fields: changed.map(fieldWords).join(', ') }));
      onDone(answer);
    } catch (err) {
      const invalid = invalidBodyMessages(err);
      const byField: Partial<Record<RectifyField, string>> = {};
      for (const problem of invalid ?? []) if (problem.field) byField[problem.field] ??= problem.message;
      setFieldErrors(byField);
      const general = invalid?.filter((p) => p.field === null).map((p) => p.message) ?? [];
      setError(
        invalid
          ? [t('privacy.rectify.invalid'), ...general].join(' ')
          : t('privacy.rectify.failed', { reason: requestFailure(err) }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="privacy-rectify" onSubmit={(e) => void save(e)} noValidate>
      <p class="hint lead">{t('privacy.rectify.intro')}</p>
      <RequestFields
        id="privacy-rectify"
        draft={draft}
        onChange={setDraft}
        error={dateError}
        disabled={busy}
      />
      <RectifyFields values={values} errors={fieldErrors} onChange={setValues} />
      <div role="alert" class="form-alert">
        {error ? <p class="field-error">{error}</p> : null}
      </div>
      {done ? (
        <p class="ok" role="status">
          {done}
        </p>
      ) : null}
      <button type="submit" class="button-primary" disabled={busy}>
        {busy ? t('privacy.rectify.busy') : t('privacy.rectify.submit')}
      </button>
    </form>
  );
}
