// Lint rules, including the layer rule: client → shared ← server, enforced here rather than by memory.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const restrict = (patterns) => ['error', { patterns }];
const group = (group, message) => ({ group, message });

const CLIENT = group(['**/client/**', '**/client'], 'shared and server must not import client code.');
const SERVER = group(['**/server/**', '**/server'], 'shared and client must not import server code.');
const RXDB = group(['rxdb', 'rxdb/*'], 'RxDB is imported only in src/client/db and src/client/sync.');
const SQL = group(['pg', '@electric-sql/*'], 'SQL drivers are imported only in src/server/store.');
const WORKBOX = group(['workbox-*', '!workbox-window'], 'workbox runtime modules belong in service-worker/.');
const NODE = group(['node:*'], 'src/shared is isomorphic: no node:* imports.');
const UI = group(['preact', 'preact/*', '@preact/*'], 'src/shared has no UI.');

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'dev-dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/shared/**'],
    rules: { 'no-restricted-imports': restrict([CLIENT, SERVER, RXDB, SQL, WORKBOX, NODE, UI]) },
  },
  { files: ['src/client/**'], rules: { 'no-restricted-imports': restrict([SERVER, RXDB, SQL, WORKBOX]) } },
  {
    files: ['src/client/db/**', 'src/client/sync/**'],
    rules: { 'no-restricted-imports': restrict([SERVER, SQL, WORKBOX]) },
  },
  { files: ['src/server/**'], rules: { 'no-restricted-imports': restrict([CLIENT, RXDB, SQL, WORKBOX]) } },
  { files: ['src/server/store/**'], rules: { 'no-restricted-imports': restrict([CLIENT, RXDB, WORKBOX]) } },
  // The logger is the one place allowed to write to the console; scripts and tests print results.
  { files: ['src/server/log.ts', 'scripts/**', 'tests/**'], rules: { 'no-console': 'off' } },
);
