// Pieces the resident and completion forms share: a labelled text field with its hint and error (linked
// by aria-describedby), and moving the focus to the first field in error after a failed save.
import type { InputHTMLAttributes } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { describedBy, FieldError } from '../field-error';
import { t } from '../i18n';

export const fieldId = (form: string, field: string) => `${form}-${field.replace(/\./g, '-')}`;
export const errorIdOf = (form: string, field: string) => `${fieldId(form, field)}-error`;
export const hintIdOf = (form: string, field: string) => `${fieldId(form, field)}-hint`;

/**
 * After a failed save, focuses the first field (in `order`) with an error: the element marked
 * data-field="<name>" inside the form. Call `focusFirstError()` just before showing the errors.
 */
export function useFocusFirstError<F extends string>(
  formRef: { current: HTMLFormElement | null },
  order: readonly F[],
  errors: Partial<Record<F | 'form', string>>,
): () => void {
  const pending = useRef(false);
  useLayoutEffect(() => {
    if (!pending.current) return;
    pending.current = false;
    const form = formRef.current;
    const field = order.find((f) => errors[f]);
    const target = field
      ? form?.querySelector<HTMLElement>(`[data-field="${field}"]`)
      : form?.querySelector<HTMLElement>('.form-alert > div');
    target?.focus();
  });
  return () => {
    pending.current = true;
  };
}

interface TextFieldProps {
  form: string;
  field: string;
  label: string;
  value: string;
  error: string | undefined;
  onInput(value: string): void;
  hint?: string | undefined;
  optional?: boolean;
  /** Extra attributes for the input (inputMode, maxLength, autocomplete, onBlur…). */
  input?: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput' | 'id'>;
}

export function TextField({
  form,
  field,
  label,
  value,
  error,
  onInput,
  hint,
  optional,
  input,
}: TextFieldProps) {
  const id = fieldId(form, field);
  return (
    <div class="field">
      <label for={id}>
        {label} {optional ? <span class="optional">{t('residents.form.optional')}</span> : null}
      </label>
      {hint ? (
        <p id={hintIdOf(form, field)} class="hint">
          {hint}
        </p>
      ) : null}
      <input
        type="text"
        autocomplete="off"
        {...input}
        id={id}
        data-field={field}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(hint && hintIdOf(form, field), error && errorIdOf(form, field))}
      />
      <FieldError id={errorIdOf(form, field)} errorKey={error} />
    </div>
  );
}

/** The form-level failure (storage full, record gone), announced and focusable. */
export function FormAlert({ form, error }: { form: string; error: string | undefined }) {
  return (
    <div role="alert" class="form-alert">
      {error ? (
        <div tabIndex={-1}>
          <FieldError id={errorIdOf(form, 'form')} errorKey={error} />
        </div>
      ) : null}
    </div>
  );
}
