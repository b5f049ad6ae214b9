// The officer's sign-in: username and password. What was typed stays when the server says no.
import { useState } from 'preact/hooks';
import type { ApiHttp } from '../../api';
import type { OfficerSession } from '../../session';
import { failureMessage } from '../failure-message';
import { t, type MessageKey } from '../i18n';
import { login } from './officer-api';
import { TextField } from './text-field';

interface LoginScreenProps {
  http: ApiHttp;
  /** Why the officer is here again (session expired, signed out). */
  notice: MessageKey | null;
  /** The password travels on only for an immediate change of a one-time password. */
  onSignedIn(session: OfficerSession, password: string): void;
  onBack(): void;
}

export function LoginScreen({ http, notice, onSignedIn, onBack }: LoginScreenProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const name = username.trim().toLowerCase();
    if (!name || !password) {
      setError(t('officer.missingFields'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await login(http, name, password);
      if (session.account.role !== 'officer' && session.account.role !== 'admin') {
        setError(t('error.forbidden'));
        setBusy(false);
        return;
      }
      onSignedIn(session, password);
    } catch (err) {
      setError(failureMessage(err, { invalid_credentials: 'officer.invalidCredentials' }));
      setBusy(false);
    }
  }

  return (
    <form class="card narrow" onSubmit={submit} noValidate aria-labelledby="login-title">
      <h2 id="login-title">{t('officer.loginTitle')}</h2>
      {notice ? (
        <p class="notice notice-strong" role="status">
          {t(notice)}
        </p>
      ) : null}
      <TextField
        id="login-username"
        label={t('officer.username')}
        value={username}
        onInput={setUsername}
        autocomplete="username"
        maxLength={100}
      />
      <TextField
        id="login-password"
        label={t('officer.password')}
        type="password"
        value={password}
        onInput={setPassword}
        autocomplete="current-password"
        maxLength={200}
      />
      <div role="alert" class="form-alert">
        {error ? <p class="field-error">{error}</p> : null}
      </div>
      <button type="submit" class="button-primary" disabled={busy}>
        {busy ? t('officer.loggingIn') : t('officer.login')}
      </button>
      <button type="button" class="button-link" onClick={onBack}>
        {t('app.back')}
      </button>
    </form>
  );
}
