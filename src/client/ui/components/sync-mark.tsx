// A record's sync mark in lists and on its page: on the server (✓), waiting to be sent (⏳), or put
// aside by the server (⚠ with the reason on its page). Text, not only an icon, for screen readers.
import { useEffect, useState } from 'preact/hooks';
import type { RecordMarks } from '../../sync';
import { useField } from '../field-context';
import { t } from '../i18n';

export type RecordSyncState = 'sent' | 'waiting' | 'quarantined' | 'unknown';

/** The current marks, kept up to date (null while sync has not started). */
export function useRecordMarks(): RecordMarks | null {
  const { sync } = useField();
  const [marks, setMarks] = useState<RecordMarks | null>(() => sync?.records.get() ?? null);
  useEffect(() => {
    if (!sync) return setMarks(null);
    setMarks(sync.records.get());
    return sync.records.subscribe(setMarks);
  }, [sync]);
  return marks;
}

export function syncStateOf(marks: RecordMarks | null, id: string): RecordSyncState {
  if (marks === null) return 'unknown';
  if (marks.quarantined.has(id)) return 'quarantined';
  return marks.waiting.has(id) ? 'waiting' : 'sent';
}

const LABEL = {
  sent: 'mark.sent',
  waiting: 'mark.waiting',
  quarantined: 'mark.quarantined',
  unknown: 'mark.unknown',
} as const;

const ICON = { sent: '✓', waiting: '⏳', quarantined: '⚠', unknown: '·' } as const;

export function SyncMark({ state }: { state: RecordSyncState }) {
  return (
    <span class={`sync-mark sync-mark-${state}`}>
      <span aria-hidden="true">{ICON[state]}</span> {t(LABEL[state])}
    </span>
  );
}
