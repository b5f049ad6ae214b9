// The screens: the app shell, the controller that drives it, and the language setting.
import './app.css';

export { App } from './app';
export { createApp, type AppDeps, type SyncModule } from './app-controller';
export type { AppModel, Screen, SyncSlot } from './app-state';
export { loadLocale, locale, setLocale, t } from './i18n';
