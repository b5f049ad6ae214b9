// After enrollment: greet the person by name and ward, then have them choose a 6-digit PIN, typed
// twice. Only its PBKDF2 verifier is stored.
import { useState } from 'preact/hooks';
import { canHashPins, checkNewPin, saveNewPin, type DeviceSession, type PinChoiceProblem } from '../session';
import type { SessionStore } from '../session';
import { describedBy } from './field-error';
import { t, type MessageKey } from './i18n';
import { PinInput } from './pin-input';

interface PinSetupProps {
  session: DeviceSession;
  sessions: SessionStore;
  iterations?: number | undefined;
  onChosen(): void;
}

const PROBLEMS: Record<PinChoiceProblem, MessageKey> = {
  format: 'pin.format',
  trivial: 'pin.trivial',
  mismatch: 'pin.mismatch',
};

export function PinSetup({ session, sessions, iterations, onChosen }: PinSetupProps) {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const secure = canHashPins();

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const problem = checkNewPin(pin, again);
    if (problem) {
      setError(PROBLEMS[problem]);
      setPin('');
      setAgain('');
      setRefusals((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await saveNewPin(sessions, pin, iterations ? { iterations } : {});
      onChosen();
    } catch {
      setError('validation.storage.failed');
      setBusy(false);
    }
  }

  const edit = (set: (v: string) => void) => (value: string) => {
    set(value);
    setError(null);
  };
  const errorId = error ? 'pin-error' : undefined;
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="pin-greeting">
      <h2 id="pin-greeting">
        {t('pin.greeting', { name: session.account.fullName, ward: session.ward.name })}
      </h2>
      <h3>{t('pin.chooseTitle')}</h3>
      <p id="pin-hint" class="hint lead">
        {t('pin.chooseHint')}
      </p>
      {secure ? null : (
        <p class="notice notice-strong" role="alert">
          {t('enroll.insecure')}
        </p>
      )}
      <div class="field">
        <label for="pin-new">{t('pin.new')}</label>
        <PinInput
          id="pin-new"
          value={pin}
          onInput={edit(setPin)}
          invalid={error !== null}
          describedBy={describedBy('pin-hint', errorId)}
          autoFocus
          focusKey={refusals}
        />
      </div>
      <div class="field">
        <label for="pin-again">{t('pin.again')}</label>
        <PinInput
          id="pin-again"
          value={again}
          onInput={edit(setAgain)}
          invalid={error === 'pin.mismatch'}
          describedBy={errorId}
        />
      </div>
      <div role="alert" class="form-alert">
        {error ? (
          <p id="pin-error" class="field-error">
            {t(error)}
          </p>
        ) : null}
      </div>
      <p class="hint">{t('pin.forgetHint')}</p>
      <button type="submit" class="button-primary" disabled={busy || !secure}>
        {busy ? t('pin.saving') : t('pin.save')}
      </button>
    </form>
  );
}
