// The strip above the officer's screens: who is signed in, for which ward, and "sign out".
import { useState } from 'preact/hooks';
import { t } from '../i18n';

export function ConsoleBar({
  name,
  place,
  onLogout,
}: {
  name: string;
  place: string;
  onLogout(): Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <div class="console-bar">
      <p>
        <strong>{name}</strong>
        <span class="console-place">{place}</span>
      </p>
      <button
        type="button"
        class="button-secondary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void onLogout();
        }}
      >
        {t('officer.logout')}
      </button>
    </div>
  );
}
