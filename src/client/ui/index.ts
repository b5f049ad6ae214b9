// The screens: the app shell, the signals it renders from, and the language setting.
import './app.css';

export { App } from './app';
export { createScreenSignals, type AppModel, type Screen, type SyncSlot, type WardInfo } from './app-state';
export { loadLocale, locale, setLocale, t } from './i18n';
