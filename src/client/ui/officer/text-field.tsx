// A labelled text input for the officer's forms, with its hint and validation message linked by id.
import { describedBy } from '../field-error';
import { t } from '../i18n';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput(value: string): void;
  error?: string | undefined;
  hint?: string;
  optional?: boolean;
  type?: 'text' | 'tel' | 'password';
  autocomplete?: string;
  inputMode?: 'text' | 'numeric' | 'tel';
  maxLength?: number;
  autocapitalize?: 'off' | 'words';
}

export function TextField(p: TextFieldProps) {
  const hintId = p.hint ? `${p.id}-hint` : undefined;
  const errorId = p.error ? `${p.id}-error` : undefined;
  return (
    <div class="field">
      <label for={p.id}>
        {p.label}
        {p.optional ? <span class="optional"> {t('form.optional')}</span> : null}
      </label>
      {p.hint ? (
        <p id={hintId} class="hint">
          {p.hint}
        </p>
      ) : null}
      <input
        id={p.id}
        data-field={p.id}
        type={p.type ?? 'text'}
        inputMode={p.inputMode}
        autocomplete={p.autocomplete ?? 'off'}
        autocapitalize={p.autocapitalize ?? 'off'}
        spellcheck={false}
        maxLength={p.maxLength}
        value={p.value}
        onInput={(e) => p.onInput(e.currentTarget.value)}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(hintId, errorId)}
      />
      {p.error ? (
        <p id={errorId} class="field-error">
          {p.error}
        </p>
      ) : null}
    </div>
  );
}
