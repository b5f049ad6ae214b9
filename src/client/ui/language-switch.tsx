// VI / EN buttons; the choice applies at once and is remembered on the device.
import type { KeyValue } from '../db';
import { LOCALES, locale, setLocale, t, type Locale } from './i18n';

const NAMES: Record<Locale, 'language.vi' | 'language.en'> = { vi: 'language.vi', en: 'language.en' };

export function LanguageSwitch({ kv }: { kv?: KeyValue }) {
  const current = locale.value;
  return (
    <div class="language-switch" role="group" aria-label={t('language.label')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          title={t(NAMES[l])}
          aria-pressed={current === l}
          onClick={() => void setLocale(l, kv)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
