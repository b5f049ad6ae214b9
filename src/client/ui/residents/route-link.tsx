// Links between the field screens: a real href (long-press, screen readers) that navigates in-app.
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import { navigate, pathOf, type Route } from '../router';

export function RouteLink({
  to,
  class: className,
  children,
}: {
  to: Route;
  class?: string;
  children: ComponentChildren;
}) {
  return (
    <a
      href={`#${pathOf(to)}`}
      class={className}
      onClick={(event) => {
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function BackToRoster() {
  return (
    <RouteLink to={{ name: 'roster' }} class="button-link">
      <span aria-hidden="true">← </span>
      {t('residents.back')}
    </RouteLink>
  );
}

export function BackToResident({ id, name }: { id: string; name: string }) {
  return (
    <RouteLink to={{ name: 'resident', id }} class="button-link">
      <span aria-hidden="true">← </span>
      {name}
    </RouteLink>
  );
}
