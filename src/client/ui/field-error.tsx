// The message under a form field that failed validation, linked to it by id (aria-describedby).
import { validationMessage } from './i18n';

export function FieldError({ id, errorKey }: { id: string; errorKey: string | undefined }) {
  if (!errorKey) return null;
  return (
    <p id={id} class="field-error">
      {validationMessage(errorKey)}
    </p>
  );
}

/** The ids a field's aria-describedby should list (hint first, then the error if shown). */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length > 0 ? list.join(' ') : undefined;
}
