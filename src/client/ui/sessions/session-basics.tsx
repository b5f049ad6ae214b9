// The first boxes of the session form: the day (dd/mm/yyyy, today to start with), the place, the
// group (only the volunteer's own; preselected when there is one) and the format.
import { SESSION_FORMATS, type ResidentialGroup } from '../../../shared';
import type { FieldErrors, SessionDraft, SessionField } from '../../db';
import { describedBy, FieldError } from '../field-error';
import { t } from '../i18n';
import { FORMAT_LABEL } from './session-labels';

interface SessionBasicsProps {
  value: SessionDraft;
  groups: readonly ResidentialGroup[];
  errors: FieldErrors<SessionField>;
  onEdit<F extends keyof SessionDraft>(field: F, next: SessionDraft[F]): void;
}

const errorId = (field: SessionField) => `session-${field}-error`;

export function SessionBasics({ value, groups, errors, onEdit }: SessionBasicsProps) {
  const invalid = (f: SessionField) => (errors[f] ? 'true' : undefined);
  const err = (f: SessionField) => errors[f] && errorId(f);
  return (
    <>
      <div class="field">
        <label for="session-date">{t('session.date')}</label>
        <p id="session-date-hint" class="hint">
          {t('session.dateHint')}
        </p>
        <input
          id="session-date"
          data-field="date"
          class="input-date"
          type="text"
          inputMode="numeric"
          autocomplete="off"
          maxLength={10}
          value={value.date}
          onInput={(e) => onEdit('date', e.currentTarget.value)}
          aria-invalid={invalid('date')}
          aria-describedby={describedBy('session-date-hint', err('date'))}
        />
        <FieldError id={errorId('date')} errorKey={errors.date} />
      </div>

      <div class="field">
        <label for="session-place">{t('session.place')}</label>
        <p id="session-place-hint" class="hint">
          {t('session.placeHint')}
        </p>
        <input
          id="session-place"
          data-field="place"
          type="text"
          autocomplete="off"
          value={value.place}
          onInput={(e) => onEdit('place', e.currentTarget.value)}
          aria-invalid={invalid('place')}
          aria-describedby={describedBy('session-place-hint', err('place'))}
        />
        <FieldError id={errorId('place')} errorKey={errors.place} />
      </div>

      <div class="field">
        {groups.length === 0 ? (
          <>
            <p class="label">{t('session.group')}</p>
            <p class="notice" data-field="groupId" tabIndex={-1}>
              {t('session.noGroups')}
            </p>
          </>
        ) : (
          <>
            <label for="session-group">{t('session.group')}</label>
            <select
              id="session-group"
              data-field="groupId"
              value={value.groupId}
              onChange={(e) => onEdit('groupId', e.currentTarget.value)}
              aria-invalid={invalid('groupId')}
              aria-describedby={describedBy(err('groupId'))}
            >
              {groups.length > 1 || value.groupId === '' ? (
                <option value="">{t('session.groupPlaceholder')}</option>
              ) : null}
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </>
        )}
        <FieldError id={errorId('groupId')} errorKey={errors.groupId} />
      </div>

      <fieldset class="field" aria-describedby={describedBy(err('format'))}>
        <legend>{t('session.format')}</legend>
        <div class="choices choices-stacked">
          {SESSION_FORMATS.map((format, i) => (
            <label class="choice" key={format}>
              <input
                type="radio"
                name="session-format"
                value={format}
                data-field={i === 0 ? 'format' : undefined}
                checked={value.format === format}
                onChange={() => onEdit('format', format)}
                aria-invalid={invalid('format')}
                aria-describedby={describedBy(err('format'))}
              />
              <span>{t(FORMAT_LABEL[format])}</span>
            </label>
          ))}
        </div>
        <FieldError id={errorId('format')} errorKey={errors.format} />
      </fieldset>
    </>
  );
}
