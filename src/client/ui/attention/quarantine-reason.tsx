// Why the server put a record aside, in words: the kind of problem, then each field problem the server
// listed (its catalogue keys, translated), or its own text when it is not one of ours.
import { isMessageKey, t, validationMessage, type MessageKey } from '../i18n';

const HEADLINE: Record<string, MessageKey> = {
  invalid_document: 'attention.code.invalid_document',
  out_of_scope: 'attention.code.out_of_scope',
};

export function QuarantineReason({ code, message }: { code: string; message: string }) {
  const parts = message
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  const known = parts.filter((p) => isMessageKey(`validation.${p}`));
  const unknown = parts.filter((p) => !isMessageKey(`validation.${p}`));
  return (
    <div class="quarantine-reason">
      <p>{t(HEADLINE[code] ?? 'attention.code.other')}</p>
      {known.length > 0 ? (
        <ul>
          {known.map((key) => (
            <li key={key}>{validationMessage(key)}</li>
          ))}
        </ul>
      ) : null}
      {unknown.length > 0 ? (
        <p class="hint">{t('attention.details', { message: unknown.join('; ') })}</p>
      ) : null}
    </div>
  );
}
