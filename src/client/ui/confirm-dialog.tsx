// A modal question with a cancel and a confirm button. Focus starts on "cancel" (the safe choice),
// stays inside while open, Escape cancels, and focus returns to where it was when the dialog closes.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from './i18n';

interface ConfirmDialogProps {
  id: string;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  /** Red button: the action destroys something. */
  danger?: boolean;
  confirmDisabled?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog(p: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    cancelRef.current?.focus();
    return () => before?.focus?.();
  }, []);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape' && !p.busy) p.onCancel();
    if (e.key !== 'Tab' || !boxRef.current) return;
    const buttons = [...boxRef.current.querySelectorAll<HTMLElement>('button:not(:disabled), input')];
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    }
  }

  return (
    <div class="dialog-backdrop">
      <div
        ref={boxRef}
        class="dialog card"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${p.id}-title`}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${p.id}-title`}>{p.title}</h2>
        <div class="dialog-body">{p.children}</div>
        <div class="dialog-actions">
          <button
            ref={cancelRef}
            type="button"
            class="button-secondary"
            onClick={p.onCancel}
            disabled={p.busy}
          >
            {t('app.cancel')}
          </button>
          <button
            type="button"
            class={p.danger ? 'button-danger' : 'button-primary'}
            onClick={p.onConfirm}
            disabled={p.confirmDisabled || p.busy}
          >
            {p.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
