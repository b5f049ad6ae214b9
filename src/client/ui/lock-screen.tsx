// The PIN lock: covers everything at every start and after inactivity; works offline. Too many wrong
// PINs impose a wait, counted down on screen (the count survives closing the app).
import { useEffect, useState } from 'preact/hooks';
import { PIN_LENGTH } from '../../shared';
import type { PinLock } from '../session';
import { describedBy } from './field-error';
import { t } from './i18n';
import { PinInput } from './pin-input';

/** Below this many tries left, say how many remain. */
const WARN_TRIES = 3;

type Message = { kind: 'wrong'; triesLeft: number } | { kind: 'format' } | { kind: 'failed' } | null;

export function formatWait(seconds: number): string {
  if (seconds < 60) return t('time.seconds', { s: seconds });
  return t('time.minutes', { m: Math.floor(seconds / 60), s: seconds % 60 });
}

export function LockScreen({ pinLock, onUnlocked }: { pinLock: PinLock; onUnlocked(): void }) {
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [wait, setWait] = useState(0);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState(0);

  useEffect(() => {
    void pinLock.secondsToWait().then(setWait, () => undefined);
  }, [pinLock]);
  useEffect(() => {
    if (wait <= 0) return undefined;
    const timer = setTimeout(() => setWait((w) => Math.max(0, w - 1)), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || wait > 0) return;
    if (pin.length !== PIN_LENGTH) {
      setMessage({ kind: 'format' });
      return;
    }
    setBusy(true);
    const result = await pinLock.unlock(pin).catch(() => null);
    setBusy(false);
    setPin('');
    if (!result?.ok) setRefusals((n) => n + 1);
    if (result?.ok) {
      setMessage(null);
      onUnlocked();
    } else if (!result || result.reason === 'no-pin') {
      setMessage({ kind: 'failed' });
    } else {
      setMessage(result.reason === 'wrong' ? { kind: 'wrong', triesLeft: result.triesLeft } : null);
      setWait(result.waitSeconds);
    }
  }

  const alertId = message || wait > 0 ? 'lock-alert' : undefined;
  return (
    <form class="card lock" onSubmit={submit} noValidate aria-labelledby="lock-title">
      <h2 id="lock-title">{t('lock.title')}</h2>
      <div class="field">
        <label for="lock-pin">{t('lock.pin')}</label>
        <PinInput
          id="lock-pin"
          value={pin}
          onInput={(v) => {
            setPin(v);
            if (message?.kind === 'format') setMessage(null);
          }}
          invalid={message !== null}
          describedBy={describedBy(alertId)}
          disabled={wait > 0}
          autoFocus
          focusKey={refusals}
        />
      </div>
      <div role="alert" class="form-alert" id={alertId}>
        {message ? <LockMessage message={message} /> : null}
        {wait > 0 ? <p class="field-error">{t('lock.wait', { time: formatWait(wait) })}</p> : null}
      </div>
      <button type="submit" class="button-primary" disabled={busy || wait > 0}>
        {busy ? t('lock.checking') : t('lock.submit')}
      </button>
      <p class="hint lock-forgot">{t('lock.forgot')}</p>
    </form>
  );
}

function LockMessage({ message }: { message: NonNullable<Message> }) {
  if (message.kind === 'format') return <p class="field-error">{t('pin.format')}</p>;
  if (message.kind === 'failed') return <p class="field-error">{t('app.dbFailed')}</p>;
  return (
    <p class="field-error">
      {t('lock.wrong')}
      {message.triesLeft > 0 && message.triesLeft <= WARN_TRIES
        ? ` ${t('lock.triesLeft', { count: message.triesLeft })}`
        : ''}
    </p>
  );
}
