// An enrolled device: the lock screen or the end-of-access notice cover everything; the field screens,
// once opened, stay mounted underneath (hidden), so a half-typed form survives locking.
import { useEffect, useRef } from 'preact/hooks';
import type { DeviceSession } from '../session';
import { AccessEnded } from './access-ended';
import { AppHeader } from './app-header';
import type { AppModel } from './app-state';
import { FieldApp } from './field-app';
import { LockScreen } from './lock-screen';
import { UpdatePrompt } from './update-prompt';

export function DeviceShell({ model, session }: { model: AppModel; session: DeviceSession }) {
  const { device, services, actions } = model;
  const ending = device.ending.value;
  const covered = ending !== null || device.locked.value;
  const fieldRef = useRef<HTMLDivElement>(null);
  const focusBeforeLock = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const field = fieldRef.current;
    if (covered) {
      const active = document.activeElement;
      if (field && active instanceof HTMLElement && field.contains(active)) focusBeforeLock.current = active;
    } else if (focusBeforeLock.current?.isConnected) {
      focusBeforeLock.current.focus();
      focusBeforeLock.current = null;
    }
  }, [covered]);

  return (
    <>
      {covered ? (
        <>
          <AppHeader kv={services.settings} />
          <UpdatePrompt update={model.update} />
          <main class="app-main">
            {ending ? (
              <AccessEnded ending={ending} onRetry={actions.retryEnding} />
            ) : (
              <LockScreen pinLock={services.pinLock} onUnlocked={actions.unlocked} />
            )}
          </main>
        </>
      ) : null}
      {device.opened.value ? (
        <div ref={fieldRef} class="field-app" hidden={covered}>
          <FieldApp model={model} session={session} />
        </div>
      ) : null}
    </>
  );
}
