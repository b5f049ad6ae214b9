// "Possibly already recorded": while the volunteer types (and again before saving) the form asks the
// repository for residents with the same name, birth year and group, lists them with a link each, and
// saves a new person only after an explicit "save anyway" — never a silent block, never a silent copy.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Resident } from '../../../shared';
import type { ResidentsRepo } from '../../db';
import { t } from '../i18n';
import { RouteLink } from './route-link';

const CHECK_DELAY_MS = 300;

interface Probe {
  groupId: string;
  fullName: string;
  birthYear: string;
}

const idsOf = (list: readonly Resident[]) =>
  list
    .map((r) => r.id)
    .sort()
    .join(',');

export interface DuplicateCheck {
  matches: Resident[];
  /** Asks now (on blur, before saving) and returns what it found. */
  checkNow(): Promise<Resident[]>;
  /** True when the volunteer already said these matches are other people. */
  isConfirmed(list: readonly Resident[]): boolean;
  confirm(list: readonly Resident[]): void;
  /** Scroll to and focus the warning (a save stopped by it). */
  reveal(): void;
  revealRequested: { current: boolean };
}

export function useDuplicateCheck(
  repo: ResidentsRepo,
  probe: Probe,
  excludeId: string | undefined,
  enabled: boolean,
): DuplicateCheck {
  const [matches, setMatches] = useState<Resident[]>([]);
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const revealRequested = useRef(false);
  const latest = useRef({ probe, enabled });
  latest.current = { probe, enabled };

  const ask = async (): Promise<Resident[]> => {
    const { probe: p, enabled: on } = latest.current;
    if (!on) return [];
    try {
      return await repo.possibleDuplicates(p, excludeId);
    } catch {
      return [];
    }
  };

  useEffect(() => {
    let live = true;
    if (!enabled) {
      setMatches([]);
      return;
    }
    const timer = setTimeout(() => {
      void ask().then((found) => live && setMatches(found));
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `ask` reads the latest probe through a ref: only these values should restart the timer.
  }, [probe.groupId, probe.fullName, probe.birthYear, enabled]);

  return {
    matches,
    revealRequested,
    async checkNow() {
      const found = await ask();
      setMatches(found);
      return found;
    },
    isConfirmed: (list) => list.length === 0 || confirmed === idsOf(list),
    confirm: (list) => setConfirmed(idsOf(list)),
    reveal() {
      revealRequested.current = true;
    },
  };
}

interface WarningProps {
  check: DuplicateCheck;
  groupName(groupId: string): string;
  saveLabel: string;
  onSaveAnyway(): void;
  busy: boolean;
}

export function DuplicateWarning({ check, groupName, saveLabel, onSaveAnyway, busy }: WarningProps) {
  const ref = useRef<HTMLElement>(null);
  const { matches } = check;
  useLayoutEffect(() => {
    if (!check.revealRequested.current || !ref.current) return;
    check.revealRequested.current = false;
    ref.current.scrollIntoView?.({ block: 'center' });
    ref.current.focus();
  });
  if (matches.length === 0) return <div aria-live="polite" />;
  const confirmed = check.isConfirmed(matches);
  return (
    <div aria-live="polite">
      <section
        ref={ref}
        tabIndex={-1}
        class="notice duplicate-warning"
        aria-labelledby="resident-duplicate-title"
      >
        <h3 id="resident-duplicate-title">
          <span aria-hidden="true">⚠ </span>
          {t('residents.duplicate.title')}
        </h3>
        <p>{t('residents.duplicate.body')}</p>
        <ul>
          {matches.map((r) => (
            <li key={r.id}>
              <RouteLink to={{ name: 'resident', id: r.id }}>
                {t('residents.duplicate.item', { name: r.fullName, year: r.birthYear })} ·{' '}
                {groupName(r.groupId)}
              </RouteLink>
            </li>
          ))}
        </ul>
        {confirmed ? (
          <p class="duplicate-confirmed">{t('residents.duplicate.confirmed')}</p>
        ) : (
          <>
            <p>{t('residents.duplicate.advice')}</p>
            <button type="button" class="button-secondary" disabled={busy} onClick={onSaveAnyway}>
              {saveLabel}
            </button>
          </>
        )}
      </section>
    </div>
  );
}
