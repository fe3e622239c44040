import { useEffect, useState } from 'react';
import type { NavItem } from './ui';

export type RouteKey = 'dashboard' | 'clients' | 'planning' | 'payroll' | 'banking' | 'reports' | 'settings';

export const ROUTES: readonly NavItem<RouteKey>[] = [
  { key: 'dashboard', label: 'Dashboard', href: '#/dashboard' },
  { key: 'clients', label: 'Clients', href: '#/clients' },
  { key: 'planning', label: 'Planning', href: '#/planning' },
  { key: 'payroll', label: 'Payroll', href: '#/payroll' },
  { key: 'banking', label: 'Banking', href: '#/banking' },
  { key: 'reports', label: 'Reports', href: '#/reports' },
  { key: 'settings', label: 'Settings', href: '#/settings' },
];

function parse(hash: string): RouteKey {
  const key = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.find((r) => r.key === key)?.key ?? 'dashboard';
}

/** State-based routing on the location hash (#/dashboard, #/settings, ...). */
export function useHashRoute(): RouteKey {
  const [route, setRoute] = useState<RouteKey>(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
