// The app's build version (from package.json via Vite's `define`), sent to the server with every call.
declare const __APP_VERSION__: string;

export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';
