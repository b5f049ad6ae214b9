// Who uses this device, with "lock now" and "sign out and erase this device", whether the browser
// keeps this device's data when the phone runs low on space (persistent storage), and a link to the
// printable consent text.
import { useState } from 'preact/hooks';
import type { DeviceSession } from '../session';
import { useDurability } from './device/durability-context';
import { StorageStatus } from './device/storage-status';
import { EraseDevice } from './erase-device';
import { t } from './i18n';
import { RouteLink } from './residents/route-link';
import { ROLE_KEYS } from './roles';
import { useSyncStatus, type StatusSource } from './use-sync-status';

interface AccountPanelProps {
  session: DeviceSession;
  sync: StatusSource | null;
  /** Counts every record on the device: the worst case when sync has not reported yet. */
  countAll: (() => Promise<number>) | null;
  onLock(): void;
  onErase(): Promise<void>;
}

export function AccountPanel({ session, sync, countAll, onLock, onErase }: AccountPanelProps) {
  const status = useSyncStatus(sync);
  const [fallback, setFallback] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const durability = useDurability();
  const { account } = session;

  async function openErase() {
    if (!status && countAll) setFallback(await countAll().catch(() => 0));
    setOpen(true);
  }

  return (
    <section class="card account" aria-labelledby="account-title">
      <h2 id="account-title">{t('field.account')}</h2>
      <p>{t('field.signedInAs', { name: account.fullName, role: t(ROLE_KEYS[account.role]) })}</p>
      <div class="account-actions">
        <button type="button" class="button-secondary" onClick={onLock}>
          {t('field.lock')}
        </button>
        <button type="button" class="button-danger-outline" onClick={() => void openErase()}>
          {t('erase.open')}
        </button>
      </div>
      <p>
        <RouteLink to={{ name: 'consent' }} class="button-link">
          {t('consent.textLink')}
        </RouteLink>
      </p>
      {durability ? <StorageStatus durability={durability} /> : null}
      {open ? (
        <EraseDevice
          waiting={status?.waiting ?? fallback ?? 0}
          onErase={onErase}
          onCancel={() => setOpen(false)}
        />
      ) : null}
    </section>
  );
}
