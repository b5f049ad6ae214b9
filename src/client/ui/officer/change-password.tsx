// First sign-in with a one-time password (a new administrator, or an officer an admin created):
// the server refuses everything else until a password of the person's own is set.
import { useState } from 'preact/hooks';
import { PASSWORD_MIN } from '../../../shared';
import { ApiError } from '../../api';
import { failureMessage } from '../failure-message';
import { t, type MessageKey } from '../i18n';
import { ConsoleBar } from './console-bar';
import type { OfficerApi } from './officer-api';
import { TextField } from './text-field';

interface ChangePasswordProps {
  name: string;
  api: OfficerApi;
  /** The password just used to sign in, if still in memory (so it need not be typed again). */
  currentPassword: string;
  onChanged(): void;
  onLogout(): Promise<void>;
}

export function ChangePassword({ name, api, currentPassword, onChanged, onLogout }: ChangePasswordProps) {
  const [current, setCurrent] = useState(currentPassword);
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function problem(): MessageKey | null {
    if (next.length < PASSWORD_MIN) return 'validation.password.tooShort';
    if (next !== again) return 'password.mismatch';
    return next === current ? 'password.unchanged' : null;
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const found = problem();
    if (found) {
      setError(t(found));
      return;
    }
    setBusy(true);
    try {
      await api.changePassword(current, next);
      onChanged();
    } catch (err) {
      const wrong = err instanceof ApiError && err.code === 'invalid_credentials';
      setError(wrong ? t('password.wrongCurrent') : failureMessage(err));
      setBusy(false);
    }
  }

  return (
    <>
      <ConsoleBar name={name} place="" onLogout={onLogout} />
      <form class="card narrow" onSubmit={submit} noValidate aria-labelledby="password-title">
        <h2 id="password-title">{t('password.title')}</h2>
        <p class="hint">{t('password.why')}</p>
        <TextField
          id="password-current"
          label={t('password.current')}
          type="password"
          autocomplete="current-password"
          value={current}
          onInput={setCurrent}
        />
        <TextField
          id="password-new"
          label={t('password.new')}
          type="password"
          autocomplete="new-password"
          value={next}
          onInput={setNext}
        />
        <TextField
          id="password-again"
          label={t('password.again')}
          type="password"
          autocomplete="new-password"
          value={again}
          onInput={setAgain}
        />
        <div role="alert" class="form-alert">
          {error ? <p class="field-error">{error}</p> : null}
        </div>
        <button type="submit" class="button-primary" disabled={busy}>
          {busy ? t('password.saving') : t('password.save')}
        </button>
      </form>
    </>
  );
}
