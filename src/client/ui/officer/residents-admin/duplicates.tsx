// Duplicate review (docs/ward.md "Duplicates"): each proposed pair side by side — name, birth, sex, group,
// phone, ID digits, when registered, what each record holds — with "keep this one, merge the other into
// it" either way, or "not the same person"; then the audit list of merges, each undoable.
import { useEffect, useState } from 'preact/hooks';
import type { DuplicateCandidate, DuplicateSide, MergeRecord } from '../../../../shared';
import { failureMessage } from '../../failure-message';
import { formatDate, formatDateTime, formatDay, t } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';
import './residents-admin.css';

interface Props {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
}

const SIGNAL_KEY = {
  name_birth_year: 'ward.dup.signal.name',
  phone: 'ward.dup.signal.phone',
  citizen_id_last4: 'ward.dup.signal.id',
} as const;

export function Duplicates({ api, ward, groups }: Props) {
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);
  const [merges, setMerges] = useState<MergeRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    Promise.all([api.coverage.duplicates(ward), api.coverage.merges(ward)]).then(
      ([found, audit]) => {
        if (!live) return;
        setCandidates(found);
        setMerges(audit);
      },
      (err: unknown) => live && setError(failureMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [api, ward, version]);

  const groupName = (id: string) =>
    (Array.isArray(groups) ? groups.find((g) => g.id === id)?.name : undefined) ?? id;

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      setNotice(await work());
      setVersion((v) => v + 1);
    } catch (err) {
      setError(failureMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const merge = (c: DuplicateCandidate, keep: DuplicateSide, drop: DuplicateSide) =>
    act(async () => {
      await api.coverage.merge(ward, { fromId: drop.id, intoId: keep.id, signals: c.signals });
      return t('ward.dup.merged', { from: drop.fullName, into: keep.fullName });
    });
  const dismiss = (c: DuplicateCandidate) =>
    act(async () => {
      await api.coverage.dismiss(ward, c.a.id, c.b.id);
      return t('ward.dup.dismissed');
    });
  const undo = (m: MergeRecord) =>
    act(async () => {
      await api.coverage.undoMerge(ward, m.id);
      return t('ward.dup.undone', { name: m.fromName });
    });

  return (
    <div class="duplicates">
      <p class="hint">{t('ward.dup.intro')}</p>
      {notice ? (
        <p class="ok" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {candidates === null && !error ? <p class="loading">{t('app.loading')}</p> : null}
      {candidates?.length === 0 ? <p class="ok">{t('ward.dup.none')}</p> : null}
      <ul class="dup-list">
        {candidates?.map((c) => (
          <li key={`${c.a.id}-${c.b.id}`} class="dup-pair">
            <p class="dup-signals">{c.signals.map((s) => t(SIGNAL_KEY[s])).join(' · ')}</p>
            <div class="dup-sides">
              {[
                [c.a, c.b],
                [c.b, c.a],
              ].map(([side, other]) => (
                <div class="dup-side" key={side!.id}>
                  <Side side={side!} groupName={groupName(side!.groupId)} />
                  <button
                    class="button-primary"
                    type="button"
                    disabled={busy}
                    onClick={() => void merge(c, side!, other!)}
                    aria-label={t('ward.dup.keepLabel', { keep: side!.fullName, drop: other!.fullName })}
                  >
                    {t('ward.dup.keep')}
                  </button>
                </div>
              ))}
            </div>
            <button type="button" class="button-secondary" disabled={busy} onClick={() => void dismiss(c)}>
              {t('ward.dup.notSame')}
            </button>
          </li>
        ))}
      </ul>
      <h3>{t('ward.dup.auditTitle')}</h3>
      {merges.length === 0 ? <p class="hint">{t('ward.dup.auditEmpty')}</p> : null}
      <ul class="merge-audit">
        {merges.map((m) => (
          <li key={m.id}>
            {t('ward.dup.auditLine', {
              from: m.fromName,
              into: m.intoName,
              by: m.mergedBy,
              at: formatDateTime(m.mergedAt),
            })}
            {m.undoneAt ? (
              <span class="hint">
                {' '}
                {t('ward.dup.auditUndone', { by: m.undoneBy ?? '', at: formatDateTime(m.undoneAt) })}
              </span>
            ) : (
              <>
                {' '}
                <button type="button" class="button-secondary" disabled={busy} onClick={() => void undo(m)}>
                  {t('ward.dup.undo')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Side({ side, groupName }: { side: DuplicateSide; groupName: string }) {
  return (
    <dl class="dup-facts">
      <dt>{t('ward.dup.name')}</dt>
      <dd class="dup-name">{side.fullName}</dd>
      <dt>{t('ward.dup.birth')}</dt>
      <dd>{side.birthDate ? formatDay(side.birthDate) : side.birthYear}</dd>
      <dt>{t('ward.dup.sex')}</dt>
      <dd>{t(side.sex === 'female' ? 'ward.dup.female' : 'ward.dup.male')}</dd>
      <dt>{t('ward.dup.group')}</dt>
      <dd>{groupName}</dd>
      <dt>{t('ward.dup.phone')}</dt>
      <dd>{side.phone ?? '—'}</dd>
      <dt>{t('ward.dup.idDigits')}</dt>
      <dd>{side.citizenIdLast4 ?? '—'}</dd>
      <dt>{t('ward.dup.registered')}</dt>
      <dd>{side.createdAt ? formatDate(side.createdAt) : '—'}</dd>
      <dt>{t('ward.dup.holds')}</dt>
      <dd>
        {t('ward.dup.holdsLine', {
          sessions: side.sessions,
          completions: side.completions,
          vneid: side.vneid,
        })}
      </dd>
    </dl>
  );
}
