// The first screen when this browser holds nothing: a volunteer or group leader enters an invitation
// code; a ward officer signs in. After an erasure it also says what happened.
import type { StartNotice } from './app-state';
import { t } from './i18n';

interface StartScreenProps {
  notice?: StartNotice | undefined;
  onVolunteer(): void;
  onOfficer(): void;
}

export function StartScreen({ notice, onVolunteer, onOfficer }: StartScreenProps) {
  return (
    <>
      {notice ? (
        <p class="card notice-done" role="status">
          {notice.kind === 'signed-out'
            ? t('start.signedOut')
            : t('start.accessEnded', { count: notice.unsynced })}
        </p>
      ) : null}
      <section class="card start" aria-labelledby="start-title">
        <h2 id="start-title">{t('start.question')}</h2>
        <button
          type="button"
          class="big-choice"
          onClick={onVolunteer}
          aria-describedby="start-volunteer-hint"
        >
          {t('start.volunteer')}
        </button>
        <p id="start-volunteer-hint" class="hint">
          {t('start.volunteerHint')}
        </p>
        <button type="button" class="big-choice" onClick={onOfficer} aria-describedby="start-officer-hint">
          {t('start.officer')}
        </button>
        <p id="start-officer-hint" class="hint">
          {t('start.officerHint')}
        </p>
      </section>
    </>
  );
}
