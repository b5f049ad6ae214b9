// The trainers of a session: one name box per trainer (the volunteer's own name to start with), with
// add and remove buttons. Blank boxes are dropped when the session is saved.
import { useEffect, useRef } from 'preact/hooks';
import { describedBy, FieldError } from '../field-error';
import { t } from '../i18n';

interface TrainersFieldProps {
  value: string[];
  errorKey: string | undefined;
  onChange(next: string[]): void;
}

const ERROR_ID = 'session-trainers-error';

export function TrainersField({ value, errorKey, onChange }: TrainersFieldProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const focusLast = useRef(false);
  useEffect(() => {
    if (!focusLast.current) return;
    focusLast.current = false;
    const inputs = listRef.current?.querySelectorAll<HTMLInputElement>('input');
    inputs?.[inputs.length - 1]?.focus();
  });
  const invalid = errorKey ? 'true' : undefined;
  const described = describedBy(errorKey && ERROR_ID);

  return (
    <fieldset class="field trainers-field" aria-describedby={described}>
      <legend>{t('session.trainers')}</legend>
      <ul class="trainer-rows" ref={listRef}>
        {value.map((name, i) => (
          <li key={i} class="trainer-row">
            <label for={`session-trainer-${i}`} class="visually-hidden">
              {t('session.trainer', { n: i + 1 })}
            </label>
            <input
              id={`session-trainer-${i}`}
              type="text"
              autocomplete="off"
              autocapitalize="words"
              spellcheck={false}
              data-field={i === 0 ? 'trainers' : undefined}
              value={name}
              onInput={(e) => onChange(value.map((v, j) => (j === i ? e.currentTarget.value : v)))}
              aria-invalid={invalid}
              aria-describedby={described}
            />
            <button
              type="button"
              class="button-secondary"
              aria-label={t('session.removeTrainer', { n: i + 1 })}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              {t('session.remove')}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        class="button-secondary"
        data-field={value.length === 0 ? 'trainers' : undefined}
        aria-describedby={value.length === 0 ? described : undefined}
        onClick={() => {
          focusLast.current = true;
          onChange([...value, '']);
        }}
      >
        {t('session.addTrainer')}
      </button>
      <FieldError id={ERROR_ID} errorKey={errorKey} />
    </fieldset>
  );
}
