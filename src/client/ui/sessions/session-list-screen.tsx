// The sessions list (#/sessions): every training session on the phone, newest first, with its sync mark,
// and the big button to record a new one.
import { useMemo, useState } from 'preact/hooks';
import type { TrainingSession } from '../../../shared';
import { syncStateOf, SyncMark, useRecordMarks } from '../components/sync-mark';
import { useFieldData } from '../field-context';
import { formatDay, t } from '../i18n';
import { navigate } from '../router';
import { formatLabel, groupNameOf } from './session-labels';
import './sessions.css';

const PAGE = 50;

/** Newest day first; on the same day, the one recorded last first. */
function newestFirst(a: TrainingSession, b: TrainingSession): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
}

export function SessionListScreen() {
  const data = useFieldData();
  const marks = useRecordMarks();
  const [shown, setShown] = useState(PAGE);
  const sessions = useMemo(() => (data ? [...data.sessions].sort(newestFirst) : null), [data]);

  return (
    <section class="card sessions-list" aria-labelledby="sessions-title">
      <h2 id="sessions-title">
        {t('sessions.title')}{' '}
        {sessions ? <span class="count">({t('sessions.count', { count: sessions.length })})</span> : null}
      </h2>
      <a
        href="#/sessions/new"
        class="big-choice sessions-new"
        onClick={(event) => {
          event.preventDefault();
          navigate({ name: 'session-new' });
        }}
      >
        {t('sessions.new')}
      </a>
      {sessions === null ? <p class="loading">{t('app.loading')}</p> : null}
      {sessions?.length === 0 ? <p class="hint">{t('sessions.empty')}</p> : null}
      {sessions && sessions.length > 0 ? (
        <ul class="session-rows">
          {sessions.slice(0, shown).map((s) => (
            <li key={s.id}>
              <a
                href={`#/sessions/${s.id}`}
                class="session-row"
                onClick={(event) => {
                  event.preventDefault();
                  navigate({ name: 'session', id: s.id });
                }}
              >
                <span class="session-when">
                  {formatDay(s.date)} · {formatLabel(s.format)}
                </span>
                <span class="session-place">{s.place}</span>
                <span class="session-meta">
                  {groupNameOf(data?.groups, s.groupId)} ·{' '}
                  {t('sessions.attendees', { count: s.attendeeIds.length })} ·{' '}
                  {t('sessions.skillsCount', { count: s.skills.length })}
                </span>
                <SyncMark state={syncStateOf(marks, s.id)} />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {sessions && sessions.length > shown ? (
        <>
          <p class="hint">{t('sessions.showing', { shown, total: sessions.length })}</p>
          <button type="button" class="button-secondary" onClick={() => setShown((n) => n + PAGE)}>
            {t('sessions.showMore')}
          </button>
        </>
      ) : null}
    </section>
  );
}
