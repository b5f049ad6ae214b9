// The field app's screens by address (#/residents/…): a reload or the phone's back button lands on the
// same screen, and each form keeps its draft (use-draft.ts), so nothing typed is lost.
import { signal } from '@preact/signals';

export type Route =
  | { name: 'roster' }
  | { name: 'resident-new' }
  | { name: 'resident'; id: string }
  | { name: 'resident-edit'; id: string }
  | { name: 'completion-new'; residentId: string }
  | { name: 'sessions' }
  | { name: 'session-new' }
  | { name: 'session'; id: string }
  | { name: 'tally' }
  | { name: 'attention' }
  | { name: 'account' }
  | { name: 'consent' };

const ID = '([0-9a-f-]{36})';
const PATTERNS: [RegExp, (m: RegExpMatchArray) => Route][] = [
  [/^\/?$/, () => ({ name: 'roster' })],
  [/^\/residents\/?$/, () => ({ name: 'roster' })],
  [/^\/residents\/new$/, () => ({ name: 'resident-new' })],
  [new RegExp(`^/residents/${ID}$`), (m) => ({ name: 'resident', id: m[1]! })],
  [new RegExp(`^/residents/${ID}/edit$`), (m) => ({ name: 'resident-edit', id: m[1]! })],
  [new RegExp(`^/residents/${ID}/completions/new$`), (m) => ({ name: 'completion-new', residentId: m[1]! })],
  [/^\/sessions\/?$/, () => ({ name: 'sessions' })],
  [/^\/sessions\/new$/, () => ({ name: 'session-new' })],
  [new RegExp(`^/sessions/${ID}$`), (m) => ({ name: 'session', id: m[1]! })],
  [/^\/tally$/, () => ({ name: 'tally' })],
  [/^\/attention$/, () => ({ name: 'attention' })],
  [/^\/account$/, () => ({ name: 'account' })],
  [/^\/consent$/, () => ({ name: 'consent' })],
];

/** '#/residents/…' or '/residents/…' → the route; unknown addresses show the roster. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  for (const [pattern, make] of PATTERNS) {
    const m = path.match(pattern);
    if (m) return make(m);
  }
  return { name: 'roster' };
}

export function pathOf(route: Route): string {
  switch (route.name) {
    case 'roster':
      return '/residents';
    case 'resident-new':
      return '/residents/new';
    case 'resident':
      return `/residents/${route.id}`;
    case 'resident-edit':
      return `/residents/${route.id}/edit`;
    case 'completion-new':
      return `/residents/${route.residentId}/completions/new`;
    case 'sessions':
      return '/sessions';
    case 'session-new':
      return '/sessions/new';
    case 'session':
      return `/sessions/${route.id}`;
    case 'tally':
      return '/tally';
    case 'attention':
      return '/attention';
    case 'account':
      return '/account';
    case 'consent':
      return '/consent';
  }
}

const hasWindow = typeof window !== 'undefined';

/** The current screen; follows the address bar (back / forward / reload). */
export const route = signal<Route>(hasWindow ? parseRoute(window.location.hash) : { name: 'roster' });

if (hasWindow) {
  window.addEventListener('hashchange', () => {
    route.value = parseRoute(window.location.hash);
  });
}

export type Navigate = (to: Route, options?: { replace?: boolean }) => void;

/** Go to a screen. `replace` after a save, so "back" does not reopen the form that was just sent. */
export const navigate: Navigate = (to, options) => {
  const hash = `#${pathOf(to)}`;
  if (hasWindow) {
    if (options?.replace) window.history.replaceState(null, '', hash);
    else if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    window.scrollTo?.(0, 0);
  }
  route.value = to;
};
