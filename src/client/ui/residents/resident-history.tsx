// The history parts of a resident's page: consents given (and withdrawn), sessions attended, results
// recorded — each with its date as dd/mm/yyyy, and skills by their catalogue labels.
import {
  skillLabel,
  type Completion,
  type Consent,
  type SkillRef,
  type TrainingSession,
} from '../../../shared';
import type { RecordMarks } from '../../sync';
import { syncStateOf, SyncMark } from '../components/sync-mark';
import { useField } from '../field-context';
import { formatDay, locale, t } from '../i18n';
import { channelLabel, kindLabel, methodLabel, purposeLabel } from './labels';

function useSkillNames(): (skills: readonly SkillRef[]) => string {
  const { catalogues } = useField();
  const lang = locale.value;
  return (skills) => skills.map((s) => skillLabel(catalogues, s, lang)).join('; ');
}

export function ConsentList({ consents }: { consents: readonly Consent[] }) {
  return (
    <section class="card" aria-labelledby="resident-consents">
      <h3 id="resident-consents">{t('residents.page.consents')}</h3>
      <ul class="history">
        {consents.map((c, i) => (
          <li key={`${c.purpose}-${i}`} class={c.withdrawnOn ? 'withdrawn' : undefined}>
            <span class="history-title">{purposeLabel(c.purpose)}</span>
            <span class="history-meta">
              {t('residents.page.consentLine', {
                by: c.askedBy,
                date: formatDay(c.date),
                method: methodLabel(c.method),
                version: c.wordingVersion,
              })}
            </span>
            {c.withdrawnOn ? (
              <span class="history-warn">
                {t('residents.page.withdrawn', { date: formatDay(c.withdrawnOn) })}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SessionList({ sessions }: { sessions: readonly TrainingSession[] }) {
  const skillNames = useSkillNames();
  const newestFirst = [...sessions].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return (
    <section class="card" aria-labelledby="resident-sessions">
      <h3 id="resident-sessions">{t('residents.page.sessions')}</h3>
      {newestFirst.length === 0 ? <p class="hint">{t('residents.page.noSessions')}</p> : null}
      <ul class="history">
        {newestFirst.map((s) => (
          <li key={s.id}>
            <span class="history-title">
              {formatDay(s.date)} · {s.place}
            </span>
            <span class="history-meta">{skillNames(s.skills)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CompletionList({
  completions,
  marks,
}: {
  completions: readonly Completion[];
  marks: RecordMarks | null;
}) {
  const skillNames = useSkillNames();
  const newestFirst = [...completions].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return (
    <section class="card" aria-labelledby="resident-completions">
      <h3 id="resident-completions">{t('residents.page.completions')}</h3>
      {newestFirst.length === 0 ? <p class="hint">{t('residents.page.noCompletions')}</p> : null}
      <ul class="history">
        {newestFirst.map((c) => (
          <li key={c.id}>
            <span class="history-title">
              {kindLabel(c.kind)} · {formatDay(c.date)}
            </span>
            {c.skills ? <span class="history-meta">{skillNames(c.skills)}</span> : null}
            {c.vneid ? <VneidLines evidence={c.vneid} /> : null}
            <span class="history-meta">{t('residents.page.recordedBy', { name: c.recordedBy })}</span>
            <SyncMark state={syncStateOf(marks, c.id)} />
            {c.verifiedBy ? (
              <span class="history-ok">{t('residents.page.verified', { name: c.verifiedBy })}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function VneidLines({ evidence }: { evidence: NonNullable<Completion['vneid']> }) {
  return (
    <>
      <span class="history-meta">
        {t('residents.page.channel', { channel: channelLabel(evidence.channel) })}
      </span>
      {evidence.courseName ? (
        <span class="history-meta">{t('residents.page.course', { name: evidence.courseName })}</span>
      ) : null}
      {evidence.issuer ? (
        <span class="history-meta">{t('residents.page.issuer', { name: evidence.issuer })}</span>
      ) : null}
      {evidence.recordNumber ? (
        <span class="history-meta">
          {t('residents.page.recordNumber', { number: evidence.recordNumber })}
        </span>
      ) : null}
    </>
  );
}
