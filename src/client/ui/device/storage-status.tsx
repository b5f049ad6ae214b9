// The account screen's "storage on this phone": whether the browser promised to keep the app's data
// (persistent storage) in plain words, what to do when it did not, and how much space the app uses.
import { formatDateTime, t } from '../i18n';
import type { DeviceDurability } from './durability-controller';

export function StorageStatus({ durability }: { durability: DeviceDurability }) {
  const record = durability.persistence.value;
  const use = durability.use.value;
  return (
    <section class="storage-status" aria-labelledby="storage-title">
      <h3 id="storage-title">{t('storage.title')}</h3>
      {record === null ? <p>{t('storage.checking')}</p> : null}
      {record?.result === 'granted' ? <p class="ok">{t('storage.granted')}</p> : null}
      {record?.result === 'denied' ? (
        <>
          <p class="notice-strong">{t('storage.denied')}</p>
          <p>{t('storage.deniedAdvice')}</p>
          <button type="button" class="button-secondary" onClick={() => void durability.askPersistence()}>
            {t('storage.askAgain')}
          </button>
        </>
      ) : null}
      {record?.result === 'unsupported' ? (
        <>
          <p class="notice-strong">{t('storage.unsupported')}</p>
          <p>{t('storage.unsupportedAdvice')}</p>
        </>
      ) : null}
      {use ? (
        <p class="hint">{t('storage.use', { used: bytes(use.usage), quota: bytes(use.quota) })}</p>
      ) : null}
      {record ? (
        <p class="hint">{t('storage.checkedAt', { time: formatDateTime(record.checkedAt) })}</p>
      ) : null}
    </section>
  );
}

/** "12 MB", "1,5 GB": enough to tell a nearly full phone. */
export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 10 && unit > 0 ? 1 : 0;
  return `${value.toFixed(digits).replace('.', ',')} ${units[unit]}`;
}
