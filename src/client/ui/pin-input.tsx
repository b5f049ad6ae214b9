// A 6-digit PIN field: numeric keypad on phones, hidden digits, no autofill or saved passwords.
import type { Ref } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { PIN_LENGTH } from '../../shared';

interface PinInputProps {
  id: string;
  value: string;
  onInput(value: string): void;
  invalid?: boolean;
  describedBy?: string | undefined;
  disabled?: boolean;
  autoFocus?: boolean;
  /** Changes when the field should take the focus again (after a refused PIN). */
  focusKey?: number;
}

export function PinInput(p: PinInputProps) {
  const { id, value, onInput, invalid, describedBy, disabled, autoFocus, focusKey } = p;
  const ref: Ref<HTMLInputElement> = useRef<HTMLInputElement>(null);
  // The autofocus attribute only works on page load; these fields appear later.
  useEffect(() => {
    if (autoFocus || focusKey) ref.current?.focus();
  }, [autoFocus, focusKey]);
  return (
    <input
      ref={ref}
      id={id}
      class="input-pin"
      type="password"
      inputMode="numeric"
      pattern="[0-9]*"
      maxLength={PIN_LENGTH}
      autocomplete="off"
      disabled={disabled}
      value={value}
      onInput={(e) => onInput(e.currentTarget.value.replace(/\D/g, '').slice(0, PIN_LENGTH))}
      aria-invalid={invalid ? 'true' : undefined}
      aria-describedby={describedBy}
    />
  );
}
