// The app shell: the screen for the current state. An enrolled device gets the device shell (lock,
// field screens, end of access); officers get their screens from a separately loaded chunk.
import type { AppModel, Screen } from './app-state';
import { AppHeader } from './app-header';
import { DataLossNotice } from './device/data-loss-notice';
import { DeviceShell } from './device-shell';
import { EnrollScreen } from './enroll-screen';
import { t } from './i18n';
import { LazyOfficer } from './lazy-officer';
import { PinSetup } from './pin-setup';
import { StartScreen } from './start-screen';
import { UpdatePrompt } from './update-prompt';

export function App({ model }: { model: AppModel }) {
  const screen = model.screen.value;
  if (screen.kind === 'device') {
    return <DeviceShell model={model} session={screen.session} />;
  }
  return (
    <>
      <AppHeader kv={model.services.settings} />
      <UpdatePrompt update={model.update} />
      <main class={screen.kind === 'officer' ? 'app-main app-main-wide' : 'app-main'}>
        <LostDeviceNotice model={model} screen={screen} />
        <ScreenBody model={model} screen={screen} />
      </main>
    </>
  );
}

/** The browser wiped this device's data, enrollment included: said on the start and enrollment screens. */
function LostDeviceNotice({ model, screen }: { model: AppModel; screen: Screen }) {
  const durability = model.services.durability;
  const report = durability?.loss.value;
  if (!durability || !report || (screen.kind !== 'start' && screen.kind !== 'enroll')) return null;
  return <DataLossNotice report={report} onAcknowledge={() => void durability.acknowledge()} />;
}

function ScreenBody({ model, screen }: { model: AppModel; screen: Exclude<Screen, { kind: 'device' }> }) {
  const { actions, services } = model;
  switch (screen.kind) {
    case 'starting':
      return <p class="loading">{t('app.starting')}</p>;
    case 'failed':
      return (
        <p class="card notice-strong" role="alert">
          {t('app.dbFailed')}
        </p>
      );
    case 'start':
      return (
        <StartScreen
          notice={screen.notice}
          onVolunteer={actions.chooseVolunteer}
          onOfficer={actions.chooseOfficer}
        />
      );
    case 'enroll':
      return (
        <EnrollScreen
          initialCode={screen.code}
          http={services.api()}
          sessions={services.sessions}
          appVersion={services.appVersion}
          deviceLabel={services.deviceLabel}
          onEnrolled={actions.enrolled}
          onBack={actions.backToStart}
        />
      );
    case 'choose-pin':
      return (
        <PinSetup
          session={screen.session}
          sessions={services.sessions}
          iterations={services.pinIterations}
          onChosen={() => actions.pinChosen(screen.session)}
        />
      );
    case 'officer':
      return <LazyOfficer sessions={services.sessions} api={services.api} onExit={actions.backToStart} />;
  }
}
