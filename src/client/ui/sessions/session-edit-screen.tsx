// A session's screen: #/sessions/new records one, #/sessions/:id shows a saved one — its sync mark, the
// server's reason if it was put aside — in the same form, ready to edit.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { TrainingSession } from '../../../shared';
import type { SessionDraft } from '../../db';
import { QuarantineReason } from '../attention/quarantine-reason';
import { syncStateOf, SyncMark, useRecordMarks } from '../components/sync-mark';
import { useField, useFieldData } from '../field-context';
import { formatDay, t } from '../i18n';
import { navigate } from '../router';
import { justSaved, SessionForm } from './session-form';
import { todayTyped } from './session-labels';
import './sessions.css';

export function SessionEditScreen({ id }: { id?: string }) {
  return (
    <section class="card session-screen" aria-labelledby="session-title">
      <a
        href="#/sessions"
        class="button-link back-link"
        onClick={(event) => {
          event.preventDefault();
          navigate({ name: 'sessions' });
        }}
      >
        ← {t('session.backToList')}
      </a>
      {id === undefined ? <NewSession /> : <ExistingSession id={id} key={id} />}
    </section>
  );
}

export function emptySessionDraft(trainer: string): SessionDraft {
  return {
    date: todayTyped(),
    place: '',
    format: '',
    groupId: '',
    skills: [],
    trainers: trainer ? [trainer] : [],
    attendeeIds: [],
    notes: '',
  };
}

function NewSession() {
  const { actor } = useField();
  const initial = useMemo(() => emptySessionDraft(actor.name), [actor.name]);
  return (
    <>
      <h2 id="session-title">{t('session.newTitle')}</h2>
      <SessionForm draftKey="session-new" initial={initial} />
    </>
  );
}

function ExistingSession({ id }: { id: string }) {
  const { db } = useField();
  const record = useSessionRecord(id);
  const marks = useRecordMarks();
  // "Saved" is said once: not again when the session is opened later.
  useEffect(
    () => () => {
      if (justSaved.value === id) justSaved.value = null;
    },
    [id],
  );
  const initial = useMemo(() => (record ? db.sessions.draftOf(record) : null), [db, record?.id]);
  if (record === undefined) return <p class="loading">{t('app.loading')}</p>;
  if (record === null || initial === null) {
    return (
      <p class="notice" role="alert" id="session-title">
        {t('session.notFound')}
      </p>
    );
  }
  const quarantined = marks?.quarantined.get(id);
  return (
    <>
      <h2 id="session-title">{t('session.editTitle', { date: formatDay(record.date) })}</h2>
      <p class="session-mark">
        <SyncMark state={syncStateOf(marks, id)} />
      </p>
      {quarantined ? (
        <div class="notice notice-strong" role="alert">
          <p>{t('session.quarantined')}</p>
          <QuarantineReason code={quarantined.code} message={quarantined.message} />
        </div>
      ) : null}
      <p role="status" class="saved">
        {justSaved.value === id ? t('session.saved') : ''}
      </p>
      <SessionForm draftKey={`session-edit:${id}`} initial={initial} existing={record} />
    </>
  );
}

/** The session from the live lists, or read once while the lists have not caught up (just saved). */
function useSessionRecord(id: string): TrainingSession | null | undefined {
  const { db } = useField();
  const data = useFieldData();
  const live = data?.sessions.find((s) => s.id === id);
  const [read, setRead] = useState<TrainingSession | null | undefined>(undefined);
  useEffect(() => {
    if (live) return undefined;
    let on = true;
    db.sessions
      .get(id)
      .then((found) => on && setRead(found))
      .catch(() => on && setRead(null));
    return () => {
      on = false;
    };
  }, [db, id, live === undefined]);
  return live ?? read;
}
