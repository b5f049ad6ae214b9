// The residents registered on this device, newest first, with how many still wait for the server.
// Shows a page at a time: a ward can hold thousands and the phones are slow.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Resident } from '../../shared';
import type { AppDatabase } from '../db';
import { t } from './i18n';
import { useGroups } from './use-groups';
import { useSyncStatus, type StatusSource } from './use-sync-status';

export const LIST_PAGE_SIZE = 50;

export function ResidentList({ db, sync }: { db: AppDatabase; sync: StatusSource | null }) {
  const [residents, setResidents] = useState<Resident[] | null>(null);
  const [limit, setLimit] = useState(LIST_PAGE_SIZE);
  const groups = useGroups(db);
  const status = useSyncStatus(sync);
  useEffect(() => db.residents.watchAll(setResidents), [db]);
  const groupNames = useMemo(() => new Map((groups ?? []).map((g) => [g.id, g.name])), [groups]);

  if (!residents) return null;
  const total = residents.length;
  return (
    <section class="card resident-list" aria-labelledby="resident-list-title">
      <h2 id="resident-list-title">
        {t('list.title')} <span class="count">({t('list.count', { count: total })})</span>
      </h2>
      {total === 0 ? <p class="empty">{t('list.empty')}</p> : null}
      {total > 0 && status ? (
        <p class={status.waiting > 0 ? 'notice' : 'ok'}>
          {status.waiting > 0 ? t('list.waiting', { count: status.waiting }) : t('list.allSent')}
        </p>
      ) : null}
      {total > 0 ? (
        <ul class="residents">
          {residents.slice(0, limit).map((r) => (
            <li key={r.id}>
              <span class="resident-name">{r.fullName}</span>
              <span class="resident-meta">
                {t('list.born', { year: r.birthYear })} · {t(r.sex === 'female' ? 'sex.female' : 'sex.male')}{' '}
                · {groupNames.get(r.groupId) ?? t('list.unknownGroup')}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {total > limit ? (
        <>
          <p class="hint">{t('list.showing', { shown: limit, total })}</p>
          <button type="button" class="button-secondary" onClick={() => setLimit((n) => n + LIST_PAGE_SIZE)}>
            {t('list.showMore')}
          </button>
        </>
      ) : null}
    </section>
  );
}
