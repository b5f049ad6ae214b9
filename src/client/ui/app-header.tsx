// The blue bar at the top of every screen: the app's name, the language switch, and whatever the
// screen adds below (the field app's ward and sync status).
import type { ComponentChildren } from 'preact';
import type { KeyValue } from '../db';
import { t } from './i18n';
import { LanguageSwitch } from './language-switch';

export function AppHeader({ kv, children }: { kv: KeyValue; children?: ComponentChildren }) {
  return (
    <header class="app-header">
      <div class="header-row">
        <h1>{t('app.title')}</h1>
        <LanguageSwitch kv={kv} />
      </div>
      {children}
    </header>
  );
}
