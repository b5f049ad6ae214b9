// An enrolled device: the lock screen or the end-of-access notice cover everything; the field screens,
// once opened, stay mounted underneath (hidden), so a half-typed form survives locking.
import { useEffect, useRef } from 'preact/hooks';
import type { DeviceSession } from '../session';
import { AccessEnded } from './access-ended';
import { AppHeader } from './app-header';
import type { AppModel } from './app-state';
import { DataLossNotice } from './device/data-loss-notice';
import { DurabilityContext } from './device/durability-context';
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
          <DurabilityContext.Provider value={services.durability ?? null}>
            <LossBanner model={model} />
            <FieldApp model={model} session={session} />
          </DurabilityContext.Provider>
        </div>
      ) : null}
    </>
  );
}

/** The browser lost this device's data: what may be gone and what to do, until "I understand". */
function LossBanner({ model }: { model: AppModel }) {
  const durability = model.services.durability;
  const report = durability?.loss.value;
  if (!durability || !report) return null;
  const sync = model.device.sync.value;
  return (
    <div class="app-main">
      <DataLossNotice
        report={report}
        onSyncNow={sync && sync !== 'failed' ? () => sync.syncNow() : undefined}
        onAcknowledge={() => void durability.acknowledge()}
      />
    </div>
  );
}
