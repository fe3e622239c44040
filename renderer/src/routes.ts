import { useEffect, useState } from 'react';
import type { NavItem } from './ui';

export type RouteKey = 'dashboard' | 'clients' | 'funders' | 'planning' | 'payroll' | 'banking' | 'reports' | 'settings';

export const ROUTES: readonly NavItem<RouteKey>[] = [
  { key: 'dashboard', label: 'Dashboard', href: '#/dashboard' },
  { key: 'clients', label: 'Clients', href: '#/clients' },
  { key: 'funders', label: 'Funders', href: '#/funders' },
  { key: 'planning', label: 'Planning', href: '#/planning' },
  { key: 'payroll', label: 'Payroll', href: '#/payroll' },
  { key: 'banking', label: 'Banking', href: '#/banking' },
  { key: 'reports', label: 'Reports', href: '#/reports' },
  { key: 'settings', label: 'Settings', href: '#/settings' },
];

export interface Route {
  key: RouteKey;
  /** Path parts after the key: "#/clients/12/edit" gives ["12", "edit"]. */
  parts: string[];
}

export function parseRoute(hash: string): Route {
  const [key, ...parts] = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  const found = ROUTES.find((r) => r.key === key)?.key;
  return found ? { key: found, parts: parts.filter((p) => p !== '') } : { key: 'dashboard', parts: [] };
}

/** State-based routing on the location hash (#/dashboard, #/clients/12, ...). */
export function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function go(hash: string): void {
  window.location.hash = hash;
}
