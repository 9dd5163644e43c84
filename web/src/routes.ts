/** The app's screens and hash routing (`#/droits`…): works on any static host, no server rewrite. */
import { useEffect, useState } from 'react';

export const ROUTES = [
  { path: 'droits', label: 'Mes droits' },
  { path: 'formations', label: 'Trouver une formation' },
  { path: 'reconversion', label: 'Changer de métier' },
  { path: 'offres', label: "Offres d'emploi près de chez moi" },
] as const;

export type RoutePath = (typeof ROUTES)[number]['path'];

function current(): RoutePath {
  const path = window.location.hash.replace(/^#\/?/, '').split('?')[0];
  return ROUTES.find((route) => route.path === path)?.path ?? 'droits';
}

export function useRoute(): RoutePath {
  const [route, setRoute] = useState<RoutePath>(current);
  useEffect(() => {
    const onChange = () => setRoute(current());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
