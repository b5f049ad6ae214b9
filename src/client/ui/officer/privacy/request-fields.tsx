// The two questions every data-subject request starts with: the day the person asked (default today, not
// after today) and an optional note on how they asked; and the body fields they become.
import { describedBy } from '../../field-error';
import { t, todayIso } from '../../i18n';

export interface RequestDraft {
  receivedOn: string;
  note: string;
}

export const newRequestDraft = (): RequestDraft => ({ receivedOn: todayIso(), note: '' });

export type RequestCheck =
  { ok: true; fields: { receivedOn: string; note?: string } } | { ok: false; error: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The request fields of a body, or what to fix in the date. The note is sent trimmed, or not at all. */
export function checkRequest(draft: RequestDraft): RequestCheck {
  if (!DAY.test(draft.receivedOn)) return { ok: false, error: t('privacy.request.dateMissing') };
  if (draft.receivedOn > todayIso()) return { ok: false, error: t('privacy.request.dateFuture') };
  const note = draft.note.trim();
  return { ok: true, fields: { receivedOn: draft.receivedOn, ...(note === '' ? {} : { note }) } };
}

interface RequestFieldsProps {
  /** Prefix of the inputs' ids (one per form on screen). */
  id: string;
  draft: RequestDraft;
  onChange(draft: RequestDraft): void;
  /** What is wrong with the date, if anything. */
  error: string | null;
  disabled?: boolean;
}

export function RequestFields({ id, draft, onChange, error, disabled }: RequestFieldsProps) {
  const errorId = error ? `${id}-date-error` : undefined;
  return (
    <div class="privacy-request-fields">
      <div class="field">
        <label for={`${id}-date`}>{t('privacy.request.receivedOn')}</label>
        <input
          id={`${id}-date`}
          type="date"
          value={draft.receivedOn}
          max={todayIso()}
          required
          disabled={disabled}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(errorId)}
          onInput={(e) => onChange({ ...draft, receivedOn: e.currentTarget.value })}
        />
        {error ? (
          <p id={errorId} class="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <div class="field">
        <label for={`${id}-note`}>
          {t('privacy.request.note')}
          <span class="optional"> {t('form.optional')}</span>
        </label>
        <p id={`${id}-note-hint`} class="hint">
          {t('privacy.request.noteHint')}
        </p>
        <input
          id={`${id}-note`}
          type="text"
          value={draft.note}
          maxLength={500}
          autocomplete="off"
          disabled={disabled}
          aria-describedby={`${id}-note-hint`}
          onInput={(e) => onChange({ ...draft, note: e.currentTarget.value })}
        />
      </div>
    </div>
  );
}
