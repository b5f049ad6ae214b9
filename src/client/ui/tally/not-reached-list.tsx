// The adults not yet reached, in Vietnamese name order; a tap opens the person's page.
import { useMemo, useState } from 'preact/hooks';
import { compareVietnameseNames, type Resident } from '../../../shared';
import { t } from '../i18n';
import { navigate } from '../router';
import { formatCount } from './numbers';

const PAGE = 100;

export function NotReachedList({
  ids,
  residents,
}: {
  ids: readonly string[];
  residents: readonly Resident[];
}) {
  const [shown, setShown] = useState(PAGE);
  const people = useMemo(() => {
    const byId = new Map(residents.map((r) => [r.id, r]));
    return ids
      .map((id) => byId.get(id))
      .filter((r): r is Resident => r !== undefined)
      .sort((a, b) => compareVietnameseNames(a.fullName, b.fullName));
  }, [ids, residents]);

  return (
    <section class="not-reached" aria-labelledby="tally-not-reached-title">
      <h3 id="tally-not-reached-title">{t('tally.notReached', { count: formatCount(people.length) })}</h3>
      {people.length === 0 ? (
        <p class="ok">{t('tally.notReachedNone')}</p>
      ) : (
        <>
          <p class="hint">{t('tally.notReachedHint')}</p>
          <ul class="not-reached-rows">
            {people.slice(0, shown).map((r) => (
              <li key={r.id}>
                <a
                  href={`#/residents/${r.id}`}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate({ name: 'resident', id: r.id });
                  }}
                >
                  <span class="resident-name">{r.fullName}</span>
                  <span class="resident-meta">{t('tally.born', { year: r.birthYear })}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {people.length > shown ? (
        <>
          <p class="hint">{t('tally.showing', { shown, total: people.length })}</p>
          <button type="button" class="button-secondary" onClick={() => setShown((n) => n + PAGE)}>
            {t('tally.showMore')}
          </button>
        </>
      ) : null}
    </section>
  );
}
