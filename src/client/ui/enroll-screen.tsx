// Enrollment: the volunteer types (or scans) the invitation code; the server answers with this
// device's token, which is stored at once (the code is single-use) before the PIN is chosen.
import { useRef, useState } from 'preact/hooks';
import { formatInvitationCode, normaliseInvitationCode } from '../../shared';
import type { ApiHttp } from '../api';
import { canHashPins, enrollDevice, type DeviceSession, type SessionStore } from '../session';
import { describedBy } from './field-error';
import { failureMessage } from './failure-message';
import { t } from './i18n';

interface EnrollScreenProps {
  initialCode: string;
  http: ApiHttp;
  sessions: SessionStore;
  appVersion: string;
  deviceLabel?: string | undefined;
  onEnrolled(session: DeviceSession): void;
  onBack(): void;
}

export function EnrollScreen(p: EnrollScreenProps) {
  const [code, setCode] = useState(() => {
    const canonical = normaliseInvitationCode(p.initialCode);
    return canonical ? formatInvitationCode(canonical) : p.initialCode;
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  // Without WebCrypto (plain http) no PIN can be set: do not spend the single-use code.
  const secure = canHashPins();

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const normalised = normaliseInvitationCode(code);
    if (!normalised) {
      setError(t('enroll.malformed'));
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const input = { code: normalised, appVersion: p.appVersion, deviceLabel: p.deviceLabel };
      const session = await enrollDevice(p.http, input);
      await p.sessions.saveDevice(session);
      p.onEnrolled(session);
    } catch (err) {
      setError(
        failureMessage(err, { invitation_invalid: 'enroll.invalid', unreachable: 'enroll.needsNetwork' }),
      );
      setBusy(false);
    }
  }

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="enroll-title">
      <h2 id="enroll-title">{t('enroll.title')}</h2>
      <div class="field">
        <label for="enroll-code">{t('enroll.code')}</label>
        <p id="enroll-code-hint" class="hint">
          {t('enroll.codeHint')}
        </p>
        <input
          ref={inputRef}
          id="enroll-code"
          class="input-code"
          type="text"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          maxLength={20}
          value={code}
          onInput={(e) => {
            setCode(e.currentTarget.value);
            setError(null);
          }}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy('enroll-code-hint', error !== null && 'enroll-error')}
        />
      </div>
      {secure ? null : (
        <p class="notice notice-strong" role="alert">
          {t('enroll.insecure')}
        </p>
      )}
      <div role="alert" class="form-alert">
        {error ? (
          <p id="enroll-error" class="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" class="button-primary" disabled={busy || !secure}>
        {busy ? t('enroll.submitting') : t('enroll.submit')}
      </button>
      <button type="button" class="button-link" onClick={p.onBack}>
        {t('app.back')}
      </button>
    </form>
  );
}
