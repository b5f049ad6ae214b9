// The printable consent wording (docs/privacy.md C3): every version of src/shared/consent.ts — the one in
// use first, then the older ones, newest first — with its adoption date and the text of each purpose in
// Vietnamese (and English below it when the screen is in English), and a print button. On the phone at
// #/consent; the officer's privacy tab renders the same component.
import {
  CONSENT_PURPOSES,
  CONSENT_WORDINGS,
  CURRENT_CONSENT_WORDING,
  type ConsentPurpose,
  type ConsentWording,
} from '../../../shared';
import { formatDay, locale, t, type MessageKey } from '../i18n';
import './consent-text.css';

const PURPOSE: Record<ConsentPurpose, MessageKey> = {
  registration: 'consent.purpose.registration',
  contact: 'consent.purpose.contact',
};

/** The version in use first, then by adoption date, newest first. */
function inOrder(wordings: readonly ConsentWording[]): ConsentWording[] {
  const rank = (w: ConsentWording) => (w.version === CURRENT_CONSENT_WORDING ? 0 : 1);
  return [...wordings].sort((a, b) => rank(a) - rank(b) || b.adopted.localeCompare(a.adopted));
}

export function ConsentText() {
  const english = locale.value === 'en';
  return (
    <section class="card consent-text" aria-labelledby="consent-text-title">
      <div class="consent-text-head">
        <h2 id="consent-text-title">{t('consent.textTitle')}</h2>
        <button type="button" class="button-secondary consent-print" onClick={() => window.print()}>
          {t('consent.print')}
        </button>
      </div>
      <p class="hint">{t('consent.textIntro')}</p>
      {inOrder(CONSENT_WORDINGS).map((w) => (
        <article key={w.version} class="consent-version" aria-labelledby={`consent-version-${w.version}`}>
          <h3 id={`consent-version-${w.version}`}>
            {t('consent.version', { version: w.version })}
            {w.version === CURRENT_CONSENT_WORDING ? ` (${t('consent.current')})` : ''}
          </h3>
          <p class="consent-adopted">{t('consent.adopted', { date: formatDay(w.adopted) })}</p>
          {CONSENT_PURPOSES.map((purpose) => (
            <section key={purpose} class="consent-purpose">
              <h4>{t(PURPOSE[purpose])}</h4>
              {english ? <p class="consent-lang">{t('consent.langVi')}</p> : null}
              <blockquote lang="vi" class="consent-wording">
                {w.text[purpose].vi}
              </blockquote>
              {english ? (
                <>
                  <p class="consent-lang">{t('consent.langEn')}</p>
                  <blockquote lang="en" class="consent-wording">
                    {w.text[purpose].en}
                  </blockquote>
                </>
              ) : null}
            </section>
          ))}
        </article>
      ))}
    </section>
  );
}
