// Why the server put a record aside, in words: the kind of problem, then each field problem the server
// listed (its catalogue keys, translated), or its own text when it is not one of ours.
import { isMessageKey, t, validationMessage, type MessageKey } from '../i18n';

/** The words a screen uses: the headline per refusal code (else `other`) and the line for raw details. */
export interface ReasonWords {
  headline: Record<string, MessageKey>;
  other: MessageKey;
  details: MessageKey;
}

/** The volunteer's words, on the phone. */
const PHONE_WORDS: ReasonWords = {
  headline: {
    invalid_document: 'attention.code.invalid_document',
    out_of_scope: 'attention.code.out_of_scope',
  },
  other: 'attention.code.other',
  details: 'attention.details',
};

export function QuarantineReason({
  code,
  message,
  words = PHONE_WORDS,
}: {
  code: string;
  message: string;
  words?: ReasonWords;
}) {
  const parts = message
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  const known = parts.filter((p) => isMessageKey(`validation.${p}`));
  const unknown = parts.filter((p) => !isMessageKey(`validation.${p}`));
  return (
    <div class="quarantine-reason">
      <p>{t(words.headline[code] ?? words.other)}</p>
      {known.length > 0 ? (
        <ul>
          {known.map((key) => (
            <li key={key}>{validationMessage(key)}</li>
          ))}
        </ul>
      ) : null}
      {unknown.length > 0 ? <p class="hint">{t(words.details, { message: unknown.join('; ') })}</p> : null}
    </div>
  );
}
